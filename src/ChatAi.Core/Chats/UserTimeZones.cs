using ChatAi.Core.Configuration;
using ChatAi.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatAi.Core.Chats;

/// <summary>Each user's time zone, which decides where their "today" and "yesterday" begin.</summary>
public sealed class UserTimeZones(IDbContextFactory<ChatAiDbContext> dbFactory, IOptions<ChatAiOptions> options, TimeProvider clock)
{
    /// <summary>The zone that decides the user's "today": theirs if saved and valid, else ChatAi:DefaultTimeZone.</summary>
    public async Task<TimeZoneInfo> GetUserTimeZoneAsync(string userId, CancellationToken ct = default)
    {
        // Every day list asks for it: keep each user's zone for a minute rather than query it per request.
        var now = clock.GetUtcNow();
        if (!_zones.TryGetValue(userId, out var cached) || now - cached.At > ZoneCacheAge)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var saved = await db.Users.Where(u => u.Id == userId).Select(u => u.TimeZone).FirstOrDefaultAsync(ct);
            cached = (saved, now);
            if (_zones.Count > 10_000) _zones.Clear();
            _zones[userId] = cached;
        }
        if (TimeZones.TryFind(cached.Zone, out var zone)) return zone;
        return TimeZones.TryFind(options.Value.DefaultTimeZone, out var fallback) ? fallback : TimeZoneInfo.Utc;
    }

    private static readonly TimeSpan ZoneCacheAge = TimeSpan.FromMinutes(1);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (string? Zone, DateTimeOffset At)> _zones = new();

    /// <summary>Saves the browser's IANA zone; unknown zones are ignored (returns false).</summary>
    public async Task<bool> SetUserTimeZoneAsync(string userId, string? timeZone, CancellationToken ct = default)
    {
        if (!TimeZones.TryFind(timeZone, out _)) return false;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Users.Where(u => u.Id == userId && u.TimeZone != timeZone)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.TimeZone, timeZone), ct);
        _zones.TryRemove(userId, out _);
        return true;
    }
}
