using ChatAi.Core.Data;
using Microsoft.EntityFrameworkCore;

using static ChatAi.Core.Chats.ChatRules;

namespace ChatAi.Core.Chats;

/// <summary>
/// The message tree's rules. Each message knows its parent; the chat remembers its current leaf, and the **current
/// path** is the walk from that leaf up to a root. Reading the tree and Switch (the leaf moves to the newest path below
/// a message) are here; where Send, Regenerate and Edit put their messages, and the model's context (the current path
/// only), are <see cref="ReplyService"/>'s (its Tree file). While a reply generates in a chat, its tree does not move
/// (switch, edit and regenerate answer Conflict).
/// </summary>
public sealed partial class ChatService
{
    /// <summary>The current path, oldest first, each message with its siblings; null when the chat is not the caller's.</summary>
    public async Task<IReadOnlyList<Message>?> GetMessagesAsync(string userId, Guid chatId, CancellationToken ct = default)
    {
        if (chatId == Guid.Empty) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var chat = await OwnLeafAsync(db, userId, chatId, ct);
        if (chat is null) return null;
        var all = await db.Messages.AsNoTracking().Where(m => m.ChatId == chatId).OrderBy(m => m.Id).ToListAsync(ct);
        var tree = MessageTree.Of(all, chat.LeafId);
        var path = tree.PathTo(chat.LeafId).ToHashSet();
        var messages = all.FindAll(m => path.Contains(m.Id));
        tree.Describe(messages);
        return messages;
    }

    /// <summary>
    /// Shows the branch through <paramref name="messageId"/>: the chat's leaf becomes the newest path below it (at each
    /// step the newest child), remembered for every tab and device. Returns the new path's page that holds the message
    /// (as <see cref="GetMessagePageAsync"/> with <c>fromId</c>); null when the chat is not the caller's.
    /// </summary>
    public async Task<MessagePage?> SwitchBranchAsync(string userId, Guid chatId, long messageId, int limit = MaxMessagePage,
        CancellationToken ct = default)
    {
        if (chatId == Guid.Empty) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var chat = await OwnLeafAsync(db, userId, chatId, ct);
        if (chat is null) return null;
        if (chat.Generating || runs.Find(userId, chatId) is not null) throw StillGenerating();
        quota.AcquireChatWrite(userId);
        var tree = await MessageTree.LoadAsync(db, chatId, chat.LeafId, ct);
        if (!tree.Contains(messageId)) throw MessageNotFound();
        var leaf = tree.NewestLeafBelow(messageId);
        if (chat.LeafId is null) await LinkLinearAsync(db, chatId, ct);
        await db.Chats.Where(c => c.Id == chatId && c.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(c => c.CurrentLeafId, leaf), ct);
        notifier.ChatChanged(chatId);
        return await PageAsync(db, chatId, tree, tree.PathTo(leaf), limit, beforeId: null, fromId: messageId, ct);
    }

    /// <summary>One message of the caller's chat, on any branch, with its siblings; null when there is none.</summary>
    public async Task<Message?> FindMessageAsync(string userId, Guid chatId, long messageId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var chat = await OwnLeafAsync(db, userId, chatId, ct);
        if (chat is null) return null;
        var message = await db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == messageId && m.ChatId == chatId, ct);
        if (message is not null) (await MessageTree.LoadAsync(db, chatId, chat.LeafId, ct)).Describe([message]);
        return message;
    }

    public static ChatException MessageNotFound() => new(ChatErrorKind.NotFound, "Message not found.");

    private sealed record OwnedLeaf(long? LeafId, bool Generating);

    /// <summary>The caller's chat's stored leaf and whether a reply generates in it; null when the chat is not the caller's.</summary>
    private static Task<OwnedLeaf?> OwnLeafAsync(ChatAiDbContext db, string userId, Guid chatId, CancellationToken ct) =>
        db.Chats.AsNoTracking().Where(c => c.Id == chatId && c.UserId == userId)
            .Select(c => new OwnedLeaf(c.CurrentLeafId, c.Messages.Any(m => m.Status == MessageStatus.Streaming)))
            .FirstOrDefaultAsync(ct);

    /// <summary>
    /// A window of <paramref name="path"/>: the newest <paramref name="limit"/> before <paramref name="beforeId"/> (or of all),
    /// or with <paramref name="fromId"/> everything from that message on (at least <paramref name="limit"/>); read in one
    /// range query on (ChatId, Id) since a path's ids ascend.
    /// </summary>
    private static async Task<MessagePage> PageAsync(ChatAiDbContext db, Guid chatId, MessageTree tree, List<long> path, int limit,
        long? beforeId, long? fromId, CancellationToken ct)
    {
        limit = Math.Clamp(limit, 1, MaxMessagePage);
        var end = path.Count;
        if (beforeId is { } before && path.FindIndex(id => id >= before) is var beforeAt and >= 0) end = beforeAt;
        var start = Math.Max(0, end - limit);
        if (fromId is { } from && path.FindIndex(id => id >= from) is var fromAt and >= 0 && fromAt < start) start = fromAt;
        var messages = await PathMessagesAsync(db, chatId, path.GetRange(start, end - start), ct);
        tree.Describe(messages);
        return new MessagePage(messages, start > 0);
    }

    /// <summary>The messages with these ids (ascending, from one path), oldest first.</summary>
    private static async Task<List<Message>> PathMessagesAsync(ChatAiDbContext db, Guid chatId, List<long> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var (first, last) = (ids[0], ids[^1]);
        var wanted = ids.ToHashSet();
        var range = await db.Messages.AsNoTracking().Where(m => m.ChatId == chatId && m.Id >= first && m.Id <= last).OrderBy(m => m.Id).ToListAsync(ct);
        return range.FindAll(m => wanted.Contains(m.Id));
    }
}
