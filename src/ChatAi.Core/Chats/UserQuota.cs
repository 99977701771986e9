using System.Collections.Concurrent;
using ChatAi.Core.Configuration;
using ChatAi.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatAi.Core.Chats;

/// <summary>
/// Per-user limits on every write, enforced here in Core so the UI (whose events never pass the HTTP rate
/// limiter) and both APIs share them: messages per minute (model calls and messages added to the log alike),
/// other chat writes per minute (new chats, renames, pins, model switches), how many chats a user may keep
/// and how much message text they may store. Every refusal is a <see cref="ChatException"/> naming what to do.
/// </summary>
public sealed class UserQuota(IOptions<ChatAiOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan StoredAge = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<(string Kind, string UserId), Queue<DateTimeOffset>> _windows = new();
    private readonly ConcurrentDictionary<string, StoredText> _stored = new();

    private ChatAiOptions Options => options.Value;

    /// <summary>Counts one message (a send, a regenerate or a message added to the log), or throws RateLimited.</summary>
    public void AcquireMessage(string userId) =>
        Acquire("message", userId, Options.MaxSendsPerMinute, "Too many messages in a short time. Try again in a moment.");

    /// <summary>Counts one chat write (create, rename, pin, switch model), or throws RateLimited.</summary>
    public void AcquireChatWrite(string userId) =>
        Acquire("chat", userId, Options.MaxChatWritesPerMinute, "Too many changes to chats in a short time. Try again in a moment.");

    /// <summary>Throws QuotaExceeded when the user already keeps the most chats allowed.</summary>
    public async Task EnsureRoomForChatAsync(ChatAiDbContext db, string userId, CancellationToken ct)
    {
        var max = Options.MaxChatsPerUser;
        if (await db.Chats.CountAsync(c => c.UserId == userId, ct) >= max)
            throw new ChatException(ChatErrorKind.QuotaExceeded, $"You have reached the limit of {max} chats. Delete some chats to start new ones.");
    }

    /// <summary>
    /// Throws QuotaExceeded when <paramref name="chars"/> more characters of message text would take the user past
    /// <see cref="ChatAiOptions.MaxStoredCharsPerUser"/>. The total is read from the database at most once a minute
    /// per user and counted up in between (replies join it at the next read).
    /// </summary>
    public async Task EnsureRoomForTextAsync(ChatAiDbContext db, string userId, int chars, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (!_stored.TryGetValue(userId, out var stored) || now - stored.ReadAt > StoredAge)
        {
            var total = await db.Messages.Where(m => m.Chat!.UserId == userId).SumAsync(m => (long?)m.Content.Length, ct) ?? 0;
            if (_stored.Count > 10_000) _stored.Clear();
            stored = _stored[userId] = new StoredText(total, now);
        }
        if (stored.Chars + chars > Options.MaxStoredCharsPerUser)
            throw new ChatException(ChatErrorKind.QuotaExceeded,
                "Your chats have reached the storage limit of this server. Delete some chats to write new messages.");
    }

    /// <summary>Adds text just stored to the user's running total.</summary>
    public void Stored(string userId, int chars) =>
        _stored.AddOrUpdate(userId, _ => new StoredText(chars, DateTimeOffset.MinValue), (_, s) => s with { Chars = s.Chars + chars });

    /// <summary>Forgets the user's running total, so the next check reads it again (after chats were deleted).</summary>
    public void Forget(string userId) => _stored.TryRemove(userId, out _);

    private void Acquire(string kind, string userId, int perMinute, string message)
    {
        var now = clock.GetUtcNow();
        var window = _windows.GetOrAdd((kind, userId), _ => new Queue<DateTimeOffset>());
        lock (window)
        {
            while (window.Count > 0 && now - window.Peek() >= Window) window.Dequeue();
            if (window.Count >= perMinute)
            {
                var retryAfter = window.Peek() + Window - now;
                throw new ChatException(ChatErrorKind.RateLimited, message, retryAfter < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : retryAfter);
            }
            window.Enqueue(now);
        }
    }

    private sealed record StoredText(long Chars, DateTimeOffset ReadAt);
}
