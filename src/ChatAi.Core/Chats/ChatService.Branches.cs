using ChatAi.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;

namespace ChatAi.Core.Chats;

/// <summary>
/// The message tree's rules, in one place. Each message knows its parent; the chat remembers its current leaf, and
/// the **current path** is the walk from that leaf up to a root. Sending appends the user's message under the leaf
/// and the reply under it; Regenerate adds a sibling reply; Edit adds a sibling user message and a fresh reply;
/// Switch moves the leaf to the newest path below a message. The model's context is the current path only. While a
/// reply generates in a chat, its tree does not move (switch, edit and regenerate answer Conflict).
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
    /// Edits a sent user message: a new user message with <paramref name="content"/> beside it (same parent), and a reply
    /// to it, which becomes the current path. The original and its replies stay as a sibling branch.
    /// </summary>
    public async Task<Generation> EditAsync(string userId, Guid chatId, long messageId, string? content, ModelChoice? choice = null,
        CancellationToken ct = default)
    {
        var text = ValidContent(content);
        return await StartAsync(userId, chatId, new TurnTarget(text, EditOf: messageId), choice, createChat: false, ct);
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
        if (chat.Generating || generations.Find(userId, chatId) is not null) throw StillGenerating();
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

    /// <summary>
    /// Where a turn's messages go. Send: the user's message under the current leaf. Edit: beside the edited user message.
    /// Regenerate (no text): a reply beside the leaf's reply, or under the leaf when it is an unanswered user message (Retry).
    /// Returns the user message's parent, or for Regenerate the reply's parent.
    /// </summary>
    private static async Task<long?> ParentForAsync(ChatAiDbContext db, Chat chat, bool isEmpty, TurnTarget target, CancellationToken ct)
    {
        if (target.EditOf is { } edited)
        {
            var original = await db.Messages.Where(m => m.Id == edited && m.ChatId == chat.Id)
                .Select(m => new { m.Role, m.ParentId }).FirstOrDefaultAsync(ct) ?? throw MessageNotFound();
            if (original.Role != MessageRole.User) throw new ChatException(ChatErrorKind.Validation, "Only your own messages can be edited.");
            return original.ParentId;
        }
        var leafId = isEmpty ? null : chat.CurrentLeafId ?? await LinkLinearAsync(db, chat.Id, ct);
        if (target.UserText is not null) return leafId;
        var leaf = leafId is null ? null : await db.Messages.Where(m => m.Id == leafId)
            .Select(m => new { m.Role, m.ParentId }).FirstOrDefaultAsync(ct);
        if (leaf is null) throw new ChatException(ChatErrorKind.Validation, "There is no message to answer yet.");
        return leaf.Role == MessageRole.Assistant ? leaf.ParentId : leafId;
    }

    /// <summary>
    /// Stores the links of a chat written outside these rules (no leaf: rows inserted as before the tree existed), each
    /// message under the one before it, as the migration did for every chat; returns its newest message, the leaf.
    /// </summary>
    private static async Task<long?> LinkLinearAsync(ChatAiDbContext db, Guid chatId, CancellationToken ct)
    {
        await db.Messages.Where(m => m.ChatId == chatId).ExecuteUpdateAsync(s => s.SetProperty(m => m.ParentId,
            m => db.Messages.Where(p => p.ChatId == chatId && p.Id < m.Id).Max(p => (long?)p.Id)), ct);
        return await db.Messages.Where(m => m.ChatId == chatId).MaxAsync(m => (long?)m.Id, ct);
    }

    /// <summary>
    /// The last ContextMessages messages of the path ending at <paramref name="lastId"/> (the message the new reply answers),
    /// oldest first, leaving out empty failed replies. Never another branch's messages.
    /// </summary>
    private async Task<IReadOnlyList<ChatMessage>> ContextAsync(ChatAiDbContext db, Guid chatId, long? lastId, CancellationToken ct)
    {
        if (lastId is null) return [];
        var size = Options.ContextMessages;
        // Empty failed replies are rare: walk twice the window up from the last message, and the whole path only if they left it short.
        var rows = await ContextPath.ReadAsync(db, chatId, lastId.Value, size * 2, ct);
        if (Answerable(rows).Count() < size && rows.Count == size * 2 && rows[^1].ParentId is not null)
            rows = await ContextPath.ReadAsync(db, chatId, lastId.Value, ContextPath.Unbounded, ct);
        return Answerable(rows).Take(size).Reverse()
            .Select(m => new ChatMessage(m.Role == nameof(MessageRole.User) ? ChatRole.User : ChatRole.Assistant, m.Content)).ToList();

        static IEnumerable<ContextPath.Row> Answerable(List<ContextPath.Row> rows) => rows.Where(m => m.Role == nameof(MessageRole.User) || m.Content != "");
    }
}
