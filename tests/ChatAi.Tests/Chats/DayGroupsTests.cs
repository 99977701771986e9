using ChatAi.Core.Chats;

namespace ChatAi.Tests.Chats;

public sealed class DayGroupsTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    private static DateTime Utc(int year, int month, int day, int hour, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, DateTimeKind.Utc);

    [Fact]
    public void OneSecondBeforeLocalMidnightIsYesterdayOneSecondAfterIsToday()
    {
        // 2026-11-21 00:00 in Berlin (UTC+1) is 2026-11-20 23:00 UTC.
        var now = Utc(2026, 11, 21, 9);
        Assert.Equal(DayGroup.Yesterday, DayGroups.Of(Utc(2026, 11, 20, 22, 59, 59), now, Berlin));
        Assert.Equal(DayGroup.Today, DayGroups.Of(Utc(2026, 11, 20, 23, 0, 1), now, Berlin));
    }

    [Fact]
    public void TheSameInstantFallsOnDifferentDaysForUsersInDifferentZones()
    {
        var now = Utc(2026, 11, 21, 12);       // Tokyo 21:00 on the 21st, New York 07:00 on the 21st
        var message = Utc(2026, 11, 20, 16);   // Tokyo 01:00 on the 21st, New York 11:00 on the 20th
        Assert.Equal(DayGroup.Today, DayGroups.Of(message, now, Tokyo));
        Assert.Equal(DayGroup.Yesterday, DayGroups.Of(message, now, NewYork));
        Assert.Equal(DayGroup.Yesterday, DayGroups.Of(message, now, TimeZoneInfo.Utc));
    }

    [Theory]
    [InlineData(2, DayGroup.Previous7Days)]
    [InlineData(7, DayGroup.Previous7Days)]
    [InlineData(8, DayGroup.Previous30Days)]
    [InlineData(30, DayGroup.Previous30Days)]
    [InlineData(31, DayGroup.Older)]
    [InlineData(400, DayGroup.Older)]
    public void DaysAgoMapToTheirGroup(int daysAgo, DayGroup expected)
    {
        var now = Utc(2026, 11, 21, 12);
        Assert.Equal(expected, DayGroups.Of(now.AddDays(-daysAgo), now, TimeZoneInfo.Utc));
    }

    [Fact]
    public void InBerlinTheGroupsChangeAtLocalMidnightsNotUtcOnes()
    {
        // 2026-11-21 10:00 in Berlin. Local midnights are 23:00 UTC the evening before (CET, UTC+1).
        var now = Utc(2026, 11, 21, 9);
        // Previous 7 Days ends at the start of 2026-11-14 local (13th 23:00 UTC); Previous 30 Days at the start of 10-22
        // local, which is still summer time (CEST, UTC+2 until 10-25): 10-21 22:00 UTC.
        Assert.Equal(new ChatGroup(DayGroup.Previous7Days), DayGroups.GroupOf(Utc(2026, 11, 13, 23, 0, 1), now, Berlin));
        Assert.Equal(new ChatGroup(DayGroup.Previous30Days), DayGroups.GroupOf(Utc(2026, 11, 13, 22, 59, 59), now, Berlin));
        Assert.Equal(new ChatGroup(DayGroup.Previous30Days), DayGroups.GroupOf(Utc(2026, 10, 21, 22, 0, 1), now, Berlin));
        Assert.Equal(new ChatGroup(DayGroup.Older, 2026, 10), DayGroups.GroupOf(Utc(2026, 10, 21, 21, 59, 59), now, Berlin));
        // Older chats go by the local month: 2026-09-30 22:30 UTC is already October in Berlin, not in New York.
        Assert.Equal(new ChatGroup(DayGroup.Older, 2026, 10), DayGroups.GroupOf(Utc(2026, 9, 30, 22, 30), now, Berlin));
        Assert.Equal(new ChatGroup(DayGroup.Older, 2026, 9), DayGroups.GroupOf(Utc(2026, 9, 30, 22, 30), now, NewYork));
        Assert.Equal(new ChatGroup(DayGroup.Older, 2025, 12), DayGroups.GroupOf(Utc(2025, 12, 31, 12), now, Berlin));
    }

    [Fact]
    public void GroupsReadAsTheirHeadings()
    {
        Assert.Equal(["Today", "Yesterday", "Previous 7 Days", "Previous 30 Days"],
            new[] { DayGroup.Today, DayGroup.Yesterday, DayGroup.Previous7Days, DayGroup.Previous30Days }.Select(d => new ChatGroup(d).Label));
        Assert.Equal("October 2026", new ChatGroup(DayGroup.Older, 2026, 10).Label);
        Assert.Equal("December 2025", new ChatGroup(DayGroup.Older, 2025, 12).Label);
    }

    [Fact]
    public void ThePreviousThirtyDaysRangeFollowsThePreviousSevenDaysWithoutAGap()
    {
        var now = Utc(2026, 11, 21, 9);
        var (from, to) = DayGroups.Range(DayGroup.Previous30Days, now, Berlin);
        Assert.Equal(Utc(2026, 10, 21, 22), from);
        Assert.Equal(DayGroups.Range(DayGroup.Previous7Days, now, Berlin).FromUtc, to);
        Assert.Equal(from, DayGroups.Range(DayGroup.Older, now, Berlin).ToUtc);
    }

    [Fact]
    public void ADayWithADaylightSavingChangeHasItsRealLength()
    {
        // Berlin moves clocks back on 2026-10-25: that local day has 25 hours.
        var now = Utc(2026, 10, 25, 12);
        var (from, to) = DayGroups.Range(DayGroup.Today, now, Berlin);
        Assert.Equal(Utc(2026, 10, 24, 22), from);
        Assert.Equal(Utc(2026, 10, 25, 23), to);
        Assert.Equal(TimeSpan.FromHours(25), to - from);
        // 23:30 local on the 25th (22:30 UTC) is still today; 00:30 local on the 25th (22:30 UTC on the 24th) too.
        Assert.Equal(DayGroup.Today, DayGroups.Of(Utc(2026, 10, 25, 22, 30), now, Berlin));
        Assert.Equal(DayGroup.Today, DayGroups.Of(Utc(2026, 10, 24, 22, 30), now, Berlin));
    }

    [Fact]
    public void SpringForwardDayIsTwentyThreeHoursInNewYork()
    {
        var now = Utc(2026, 3, 8, 18); // 2026-03-08: New York springs forward at 02:00
        var (from, to) = DayGroups.Range(DayGroup.Today, now, NewYork);
        Assert.Equal(TimeSpan.FromHours(23), to - from);
    }

    [Fact]
    public void PreviousSevenDaysRangeExcludesTodayAndYesterday()
    {
        var now = Utc(2026, 11, 21, 12);
        var (from, to) = DayGroups.Range(DayGroup.Previous7Days, now, TimeZoneInfo.Utc);
        Assert.Equal(Utc(2026, 11, 14, 0), from);
        Assert.Equal(Utc(2026, 11, 20, 0), to);
    }

    [Fact]
    public void ADayThatSkipsMidnightStartsAtItsFirstValidMinute()
    {
        // America/Santiago jumped from 2022-09-11 00:00 to 01:00.
        var santiago = TimeZoneInfo.FindSystemTimeZoneById("America/Santiago");
        var start = TimeZones.StartOfDayUtc(new DateOnly(2022, 9, 11), santiago);
        Assert.Equal(new DateOnly(2022, 9, 11), TimeZones.LocalDate(start, santiago));
        Assert.Equal(1, TimeZoneInfo.ConvertTimeFromUtc(start, santiago).Hour);
    }

    [Theory]
    [InlineData("Europe/Berlin", true)]
    [InlineData("UTC", true)]
    [InlineData("Mars/Olympus_Mons", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void OnlyKnownIanaZonesAreAccepted(string? id, bool known) => Assert.Equal(known, TimeZones.TryFind(id, out _));
}
