using ChatAi.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ChatAi.Core.Chats;

/// <summary>
/// A chat's messages as a tree of ids, read in one query of (Id, ParentId) pairs: 2,000 messages are a few
/// kilobytes, and walking them in memory answers the path and every message's siblings without a query per step.
/// A child always has a higher id than its parent, so a path in id order is the path in conversation order.
/// A chat without a stored leaf was written outside these rules (rows inserted as before the tree existed): it is
/// read as the single path it was, each message following the one before it.
/// </summary>
internal sealed class MessageTree
{
    private const long Root = 0; // ids start at 1: the key for messages without a parent
    private readonly Dictionary<long, long?> _parents = [];
    private readonly Dictionary<long, List<long>> _children = [];

    private MessageTree(IEnumerable<(long Id, long? ParentId)> links, bool linear)
    {
        long? previous = null;
        foreach (var (id, storedParentId) in links.OrderBy(l => l.Id))
        {
            var parentId = linear ? previous : storedParentId;
            previous = id;
            _parents[id] = parentId;
            var key = parentId ?? Root;
            if (!_children.TryGetValue(key, out var siblings)) _children[key] = siblings = [];
            siblings.Add(id);
        }
    }

    /// <param name="leafId">The chat's stored leaf (null: read the chat as one linear path).</param>
    public static async Task<MessageTree> LoadAsync(ChatAiDbContext db, Guid chatId, long? leafId, CancellationToken ct)
    {
        var links = await db.Messages.AsNoTracking().Where(m => m.ChatId == chatId)
            .Select(m => new { m.Id, m.ParentId }).ToListAsync(ct);
        return new MessageTree(links.Select(l => (l.Id, l.ParentId)), linear: leafId is null);
    }

    public static MessageTree Of(IEnumerable<Message> messages, long? leafId) => new(messages.Select(m => (m.Id, m.ParentId)), linear: leafId is null);

    public bool Contains(long id) => _parents.ContainsKey(id);

    public int Count => _parents.Count;

    /// <summary>The stored leaf when it is one of the chat's messages; else (a chat written outside these rules) its newest message.</summary>
    public long? LeafOr(long? leafId) =>
        leafId is { } id && Contains(id) ? id : _parents.Count == 0 ? null : _parents.Keys.Max();

    /// <summary>The messages from a root down to <paramref name="leafId"/>, oldest first; empty for a chat without messages.</summary>
    public List<long> PathTo(long? leafId)
    {
        var path = new List<long>();
        for (var id = LeafOr(leafId); id is { } at && Contains(at) && path.Count <= _parents.Count; id = _parents[at]) path.Add(at);
        path.Reverse();
        return path;
    }

    /// <summary>The leaf reached from <paramref name="id"/> by always taking the newest child: where switching to it lands.</summary>
    public long NewestLeafBelow(long id)
    {
        while (_children.TryGetValue(id, out var children)) id = children[^1];
        return id;
    }

    public MessageSiblings SiblingsOf(long id)
    {
        var siblings = _children[_parents[id] ?? Root];
        return new MessageSiblings(siblings.IndexOf(id) + 1, siblings);
    }

    /// <summary>Fills <see cref="Message.Siblings"/> of messages read from this chat.</summary>
    public void Describe(IEnumerable<Message> messages)
    {
        foreach (var message in messages)
            if (Contains(message.Id)) message.Siblings = SiblingsOf(message.Id);
    }
}
