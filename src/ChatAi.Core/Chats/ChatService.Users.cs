using Microsoft.EntityFrameworkCore;

namespace ChatAi.Core.Chats;

public sealed partial class ChatService
{
    /// <summary>The zone that decides the user's "today": theirs if saved and valid, else ChatAi:DefaultTimeZone.</summary>
    public async Task<TimeZoneInfo> GetUserTimeZoneAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var saved = await db.Users.Where(u => u.Id == userId).Select(u => u.TimeZone).FirstOrDefaultAsync(ct);
        if (TimeZones.TryFind(saved, out var zone)) return zone;
        return TimeZones.TryFind(Options.DefaultTimeZone, out var fallback) ? fallback : TimeZoneInfo.Utc;
    }

    /// <summary>Saves the browser's IANA zone; unknown zones are ignored (returns false).</summary>
    public async Task<bool> SetUserTimeZoneAsync(string userId, string? timeZone, CancellationToken ct = default)
    {
        if (!TimeZones.TryFind(timeZone, out _)) return false;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Users.Where(u => u.Id == userId && u.TimeZone != timeZone)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.TimeZone, timeZone), ct);
        return true;
    }

    public DateTime UtcNow => clock.GetUtcNow().UtcDateTime;
}
