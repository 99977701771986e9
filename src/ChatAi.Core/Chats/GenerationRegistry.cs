using System.Collections.Concurrent;
using ChatAi.Core.Data;

namespace ChatAi.Core.Chats;

/// <summary>
/// The replies generating in this instance: at most one turn per chat (a send's reply, or a compare's two replies),
/// a bounded number of replies per user. A turn holds its chat until every one of its replies is released.
/// </summary>
public sealed class GenerationRegistry
{
    private readonly ConcurrentDictionary<Guid, TurnSlot> _byChat = new();

    /// <summary>Holds the chat for a turn of <paramref name="replies"/> replies while its messages are being stored.</summary>
    internal bool TryReserve(Guid chatId, string userId, int replies = 1) => _byChat.TryAdd(chatId, new TurnSlot(userId, replies));

    /// <summary>Whether a turn holds the chat here.</summary>
    internal bool Holds(Guid chatId) => _byChat.ContainsKey(chatId);

    /// <summary>Adds a reply to its chat's reserved turn; only an activated reply can end it.</summary>
    internal void Activate(Generation generation)
    {
        if (_byChat.TryGetValue(generation.ChatId, out var slot)) slot.Add(generation);
    }

    /// <summary>Frees the chat at once, whatever its turn holds (the turn could not be stored).</summary>
    internal void Release(Guid chatId) => _byChat.TryRemove(chatId, out _);

    /// <summary>One reply of the chat's turn ended (safe to call twice); the chat is free once all of them have.</summary>
    internal void Release(Generation generation)
    {
        if (_byChat.TryGetValue(generation.ChatId, out var slot) && slot.End(generation))
            _byChat.TryRemove(new KeyValuePair<Guid, TurnSlot>(generation.ChatId, slot));
    }

    /// <summary>The user's replies generating (or being stored) here.</summary>
    internal int CountFor(string userId) => _byChat.Values.Where(s => s.UserId == userId).Sum(s => s.Open);

    /// <summary>The (first) reply generating in this chat, if the caller owns the chat.</summary>
    public Generation? Find(string userId, Guid chatId) => FindAll(userId, chatId).FirstOrDefault();

    /// <summary>This reply of the chat while it generates here, if the caller owns the chat.</summary>
    public Generation? Find(string userId, Guid chatId, long replyId) => FindAll(userId, chatId).FirstOrDefault(g => g.MessageId == replyId);

    /// <summary>Every reply generating in this chat (two during a compare), if the caller owns the chat.</summary>
    public IReadOnlyList<Generation> FindAll(string userId, Guid chatId) =>
        _byChat.TryGetValue(chatId, out var slot) && slot.UserId == userId ? slot.Running : [];

    internal IReadOnlyList<Generation> All => [.. _byChat.Values.SelectMany(s => s.Running)];

    internal async Task StopAllAsync(MessageStatus status, TimeSpan wait)
    {
        var running = All;
        foreach (var generation in running) generation.Stop(status);
        await Task.WhenAny(Task.WhenAll(running.Select(g => g.Completion)), Task.Delay(wait));
    }

    /// <summary>A chat's turn: its owner, how many of its replies have not ended, and those running here.</summary>
    private sealed class TurnSlot(string userId, int replies)
    {
        private readonly List<Generation> _running = [];
        private int _open = replies;

        public string UserId => userId;

        public int Open
        {
            get { lock (_running) return _open; }
        }

        public IReadOnlyList<Generation> Running
        {
            get { lock (_running) return [.. _running]; }
        }

        public void Add(Generation generation)
        {
            lock (_running)
                if (!_running.Contains(generation)) _running.Add(generation);
        }

        /// <summary>True when this was the turn's last open reply; false for a reply not (or no longer) in this turn.</summary>
        public bool End(Generation generation)
        {
            lock (_running)
            {
                if (!_running.Remove(generation)) return false;
                return --_open <= 0;
            }
        }
    }
}
