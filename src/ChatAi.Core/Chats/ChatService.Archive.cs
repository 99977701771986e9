using Microsoft.EntityFrameworkCore;

namespace ChatAi.Core.Chats;

/// <summary>Archive: a chat leaves the sidebar (and the lists) but keeps its messages, is found by search and can be restored.</summary>
public sealed partial class ChatService
{
    /// <summary>Archives (<paramref name="archived"/>) or restores the caller's chat; null when it is not the caller's. Counts as a chat write.</summary>
    public async Task<ChatSummary?> SetArchivedAsync(string userId, Guid chatId, bool archived, CancellationToken ct = default)
    {
        if (chatId == Guid.Empty) return null;
        quota.AcquireChatWrite(userId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var chat = await db.Chats.FirstOrDefaultAsync(c => c.Id == chatId && c.UserId == userId, ct);
        if (chat is null) return null;
        // Archiving twice keeps the first date: the Archived view lists by it.
        if (archived != (chat.ArchivedAt is not null)) chat.ArchivedAt = archived ? UtcNow : null;
        await db.SaveChangesAsync(ct);
        notifier.ChatListChanged(userId);
        notifier.ChatChanged(chatId);
        return ChatSummary.From(chat);
    }

    /// <summary>The caller's archived chats, most recent activity first, keyset-paged like <see cref="ListChatsAsync"/>.</summary>
    public Task<IReadOnlyList<ChatSummary>> ListArchivedChatsAsync(string userId, int limit, ChatCursor? before = null, CancellationToken ct = default) =>
        ListChatsAsync(userId, limit, before, archived: true, ct: ct);
}
