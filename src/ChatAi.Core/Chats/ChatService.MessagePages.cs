using ChatAi.Core.Data;

namespace ChatAi.Core.Chats;

/// <summary>A window of a chat's messages, oldest first, and whether older ones exist.</summary>
public sealed record MessagePage(IReadOnlyList<Message> Messages, bool HasEarlier);

public sealed partial class ChatService
{
    public const int MaxMessagePage = 200;

    /// <summary>
    /// The current path's newest <paramref name="limit"/> messages before <paramref name="beforeId"/> (or the newest of all),
    /// oldest first; with <paramref name="fromId"/>, every message of the path from that one on instead (at least
    /// <paramref name="limit"/>). Each message carries its siblings. Null when the chat is not the caller's.
    /// </summary>
    public async Task<MessagePage?> GetMessagePageAsync(string userId, Guid chatId, int limit, long? beforeId = null, long? fromId = null,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var chat = await OwnLeafAsync(db, userId, chatId, ct);
        if (chat is null) return null;
        var tree = await MessageTree.LoadAsync(db, chatId, chat.LeafId, ct);
        return await PageAsync(db, chatId, tree, tree.PathTo(chat.LeafId), limit, beforeId, fromId, ct);
    }
}
