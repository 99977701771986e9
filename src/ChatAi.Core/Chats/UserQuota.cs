using System.Collections.Concurrent;
using ChatAi.Core.Configuration;
using Microsoft.Extensions.Options;

namespace ChatAi.Core.Chats;

/// <summary>
/// Per-user limit on model calls, enforced in the service layer because Blazor events arrive over the
/// circuit and never pass the HTTP rate limiter.
/// </summary>
public sealed class UserQuota(IOptions<ChatAiOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _sends = new();

    /// <summary>Counts one send, or says how long to wait.</summary>
    public bool TryAcquire(string userId, out TimeSpan retryAfter)
    {
        var now = clock.GetUtcNow();
        var sends = _sends.GetOrAdd(userId, _ => new Queue<DateTimeOffset>());
        lock (sends)
        {
            while (sends.Count > 0 && now - sends.Peek() >= Window) sends.Dequeue();
            if (sends.Count >= options.Value.MaxSendsPerMinute)
            {
                retryAfter = sends.Peek() + Window - now;
                if (retryAfter < TimeSpan.FromSeconds(1)) retryAfter = TimeSpan.FromSeconds(1);
                return false;
            }
            sends.Enqueue(now);
            retryAfter = TimeSpan.Zero;
            return true;
        }
    }
}
