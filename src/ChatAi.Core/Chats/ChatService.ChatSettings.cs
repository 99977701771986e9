using ChatAi.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ChatAi.Core.Chats;

/// <summary>A chat's own instructions, temperature and longest reply (ReplyOptions turns them into the model request).</summary>
public sealed partial class ChatService
{
    /// <summary>The chat's settings as stored (nulls mean the defaults), or null when the chat is not the caller's.</summary>
    public async Task<ChatSettings?> GetChatSettingsAsync(string userId, Guid chatId, CancellationToken ct = default)
    {
        if (chatId == Guid.Empty) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Chats.AsNoTracking().Where(c => c.Id == chatId && c.UserId == userId)
            .Select(c => new ChatSettings(c.Instructions, c.Temperature, c.MaxReplyTokens)).FirstOrDefaultAsync(ct);
    }

    /// <summary>Replaces all three settings (a null goes back to the default); counted as a chat write. Null when the chat is not the caller's.</summary>
    public async Task<ChatSummary?> SetChatSettingsAsync(string userId, Guid chatId, ChatSettings settings, CancellationToken ct = default)
    {
        var valid = settings.Validated();
        if (chatId == Guid.Empty) return null;
        quota.AcquireChatWrite(userId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var chat = await db.Chats.FirstOrDefaultAsync(c => c.Id == chatId && c.UserId == userId, ct);
        if (chat is null) return null;
        valid.ApplyTo(chat);
        await db.SaveChangesAsync(ct);
        notifier.ChatChanged(chatId);
        return ChatSummary.From(chat);
    }

    /// <summary>
    /// The settings a partial update leaves the chat with: a null field stays as it is, empty instructions clear them.
    /// Checked before anything is written.
    /// </summary>
    private static ChatSettings? PatchedSettings(ChatUpdate update, Chat? chat = null)
    {
        if (update.Instructions is null && update.Temperature is null && update.MaxReplyTokens is null) return null;
        var current = chat is null ? ChatSettings.None : ChatSettings.Of(chat);
        return new ChatSettings(
            update.Instructions is null ? current.Instructions : ChatSettings.ValidInstructions(update.Instructions),
            update.Temperature is null ? current.Temperature : ChatSettings.ValidTemperature(update.Temperature),
            update.MaxReplyTokens is null ? current.MaxReplyTokens : ChatSettings.ValidMaxReplyTokens(update.MaxReplyTokens));
    }
}
