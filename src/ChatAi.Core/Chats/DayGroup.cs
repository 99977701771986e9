namespace ChatAi.Core.Chats;

public enum DayGroup
{
    Today,
    Yesterday,
    Previous7Days,
    Older,
}

public static class DayGroups
{
    /// <summary>Which sidebar group an instant falls in, by calendar days in the viewer's zone.</summary>
    public static DayGroup Of(DateTime utc, DateTime nowUtc, TimeZoneInfo zone)
    {
        var days = TimeZones.LocalDate(nowUtc, zone).DayNumber - TimeZones.LocalDate(utc, zone).DayNumber;
        return days switch
        {
            <= 0 => DayGroup.Today,
            1 => DayGroup.Yesterday,
            <= 7 => DayGroup.Previous7Days,
            _ => DayGroup.Older,
        };
    }

    public static string Label(DayGroup group) => group switch
    {
        DayGroup.Today => "Today",
        DayGroup.Yesterday => "Yesterday",
        DayGroup.Previous7Days => "Previous 7 Days",
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
            _ => (DateTime.MinValue.ToUniversalTime(), Start(7)),
        };
    }
}
