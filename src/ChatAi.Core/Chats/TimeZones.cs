namespace ChatAi.Core.Chats;

/// <summary>IANA time-zone lookups and the local-day arithmetic behind the sidebar groups.</summary>
public static class TimeZones
{
    public static bool TryFind(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64) return false;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        // On Linux the id is a path under /usr/share/zoneinfo: a folder ("Europe", "posix") or an unreadable
        // file throws IO errors rather than TimeZoneNotFoundException. Whatever the reason, it is not a zone.
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or IOException
            or UnauthorizedAccessException or ArgumentException or System.Security.SecurityException)
        {
            return false;
        }
    }

    public static DateOnly LocalDate(DateTime utc, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(utc, zone));

    /// <summary>The UTC instant the given local day starts. Zones whose clocks skip midnight start at the first valid minute.</summary>
    public static DateTime StartOfDayUtc(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(15);
        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }
}
