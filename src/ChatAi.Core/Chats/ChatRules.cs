using ChatAi.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ChatAi.Core.Chats;

/// <summary>The checks and shapes that chats, replies and presets share, each written once.</summary>
internal static class ChatRules
{
    /// <summary>The all-zero UUID never names a chat: whoever sent it first would own a chat every client can guess.</summary>
    public static void RefuseEmpty(Guid chatId)
    {
        if (chatId == Guid.Empty) throw new ChatException(ChatErrorKind.Validation, "Chat ID must be a UUID other than the all-zero one.");
    }

    /// <summary>A client-chosen chat id already taken: Conflict if the chat is the caller's, NotFound if not.</summary>
    public static async Task RefuseTakenIdAsync(ChatAiDbContext db, string userId, Guid chatId, CancellationToken ct)
    {
        var owner = await db.Chats.Where(c => c.Id == chatId).Select(c => c.UserId).FirstOrDefaultAsync(ct);
        if (owner is not null)
            throw owner == userId ? new ChatException(ChatErrorKind.Conflict, "A chat with this ID already exists.") : ChatException.ChatNotFound();
    }

    public static string ValidTitle(string title)
    {
        var trimmed = title.Trim();
        if (trimmed.Length == 0) throw new ChatException(ChatErrorKind.Validation, "The title must not be empty.");
        if (trimmed.Length > Chat.MaxTitleLength)
            throw new ChatException(ChatErrorKind.Validation, $"The title is longer than {Chat.MaxTitleLength} characters.");
        if (trimmed.Contains('\0')) throw new ChatException(ChatErrorKind.Validation, "The title contains a NUL character.");
        return trimmed;
    }

    public static Chat NewChat(string userId, Guid id, string? title, string? provider, string? model, DateTime now) =>
        new() { Id = id, UserId = userId, Title = title ?? ChatService.NewChatTitle, CreatedAt = now, LastActivityAt = now, Provider = provider, Model = model };

    /// <summary>A user's text in an error message, cut to 60 characters.</summary>
    public static string Clip(string value) => value.Length > 60 ? value[..60] + "…" : value;
}
