using System.Globalization;

namespace ChatAi.Core.Chats;

public enum DayGroup
{
    Today,
    Yesterday,
    Previous7Days,
    Previous30Days,
    /// <summary>More than 30 days ago: the sidebar shows these by calendar month (<see cref="ChatGroup"/>).</summary>
    Older,
}

/// <summary>
/// A sidebar heading: a <see cref="DayGroup"/>, or for older chats the calendar month (in the viewer's zone) they fall in,
/// as Open WebUI and LibreChat group them.
/// </summary>
public readonly record struct ChatGroup(DayGroup Day, int Year = 0, int Month = 0)
{
    /// <summary>"Today", "Previous 30 Days", or a month with its year: "October 2026".</summary>
    public string Label => Day == DayGroup.Older
        ? new DateOnly(Year, Month, 1).ToString("MMMM yyyy", CultureInfo.InvariantCulture)
        : DayGroups.Label(Day);
}

public static class DayGroups
{
    /// <summary>Which day group an instant falls in, by calendar days in the viewer's zone.</summary>
    public static DayGroup Of(DateTime utc, DateTime nowUtc, TimeZoneInfo zone)
    {
        var days = TimeZones.LocalDate(nowUtc, zone).DayNumber - TimeZones.LocalDate(utc, zone).DayNumber;
        return days switch
        {
            <= 0 => DayGroup.Today,
            1 => DayGroup.Yesterday,
            <= 7 => DayGroup.Previous7Days,
            <= 30 => DayGroup.Previous30Days,
            _ => DayGroup.Older,
        };
    }

    /// <summary>The sidebar heading an instant falls under: its day group, or its month when older than 30 days.</summary>
    public static ChatGroup GroupOf(DateTime utc, DateTime nowUtc, TimeZoneInfo zone)
    {
        var day = Of(utc, nowUtc, zone);
        if (day != DayGroup.Older) return new ChatGroup(day);
        var local = TimeZones.LocalDate(utc, zone);
        return new ChatGroup(day, local.Year, local.Month);
    }

    public static string Label(DayGroup group) => group switch
    {
        DayGroup.Today => "Today",
        DayGroup.Yesterday => "Yesterday",
        DayGroup.Previous7Days => "Previous 7 Days",
        DayGroup.Previous30Days => "Previous 30 Days",
        _ => "Older",
    };

    /// <summary>UTC range [from, to) of a group, for queries such as the original <c>/todays_chat/</c>.</summary>
    public static (DateTime FromUtc, DateTime ToUtc) Range(DayGroup group, DateTime nowUtc, TimeZoneInfo zone)
    {
        var today = TimeZones.LocalDate(nowUtc, zone);
        DateTime Start(int daysAgo) => TimeZones.StartOfDayUtc(today.AddDays(-daysAgo), zone);
        return group switch
        {
            DayGroup.Today => (Start(0), Start(-1)),
            DayGroup.Yesterday => (Start(1), Start(0)),
            DayGroup.Previous7Days => (Start(7), Start(1)),
            DayGroup.Previous30Days => (Start(30), Start(7)),
            _ => (DateTime.MinValue.ToUniversalTime(), Start(30)),
        };
    }
}
