using System.Collections.Concurrent;
using ChatAi.Core.Data;

namespace ChatAi.Core.Chats;

/// <summary>The replies generating in this instance: at most one per chat, a bounded number per user.</summary>
public sealed class GenerationRegistry
{
    // A null value reserves the chat while its messages are being stored.
    private readonly ConcurrentDictionary<Guid, Generation?> _byChat = new();
    private readonly ConcurrentDictionary<Guid, string> _owners = new();

    internal bool TryReserve(Guid chatId, string userId)
    {
        if (!_byChat.TryAdd(chatId, null)) return false;
        _owners[chatId] = userId;
        return true;
    }

    internal void Activate(Generation generation) => _byChat[generation.ChatId] = generation;

    internal void Release(Guid chatId)
    {
        _byChat.TryRemove(chatId, out _);
        _owners.TryRemove(chatId, out _);
    }

    internal int CountFor(string userId) => _owners.Values.Count(owner => owner == userId);

    /// <summary>The reply generating in this chat, if the caller owns the chat.</summary>
    public Generation? Find(string userId, Guid chatId) =>
        _byChat.TryGetValue(chatId, out var generation) && generation is not null && generation.UserId == userId ? generation : null;

    internal IReadOnlyList<Generation> All => [.. _byChat.Values.OfType<Generation>()];

    internal async Task StopAllAsync(MessageStatus status, TimeSpan wait)
    {
        var running = All;
        foreach (var generation in running) generation.Stop(status);
        await Task.WhenAny(Task.WhenAll(running.Select(g => g.Completion)), Task.Delay(wait));
    }
}
