using System.Net;
using ChatAi.Core.Data;

namespace ChatAi.Tests.Api;

/// <summary>On SQLite; Postgres/PostgresApiTests.cs runs the same scenarios on PostgreSQL.</summary>
public sealed class LegacyDayListTests(ApiFixture api) : LegacyDayListScenarios(api), IClassFixture<ApiFixture>;

/// <summary>The original day lists (<c>/todays_chat/</c>, <c>/yesterdays_chat/</c>, <c>/seven_days_chat/</c>) in the caller's time zone.</summary>
public abstract class LegacyDayListScenarios(ApiFixture api)
{
    [Fact]
    public async Task TodaysListShowsNewChatsNewestFirstWithTheirModelTitles()
    {
        var caller = await api.SignInAsync();
        var older = Guid.NewGuid();
        var newer = Guid.NewGuid();
        (await caller.Http.PromptAsync("openai", older, "Plan a three day trip to Lisbon")).Dispose();
        (await caller.Http.PromptAsync("gemini", newer, "Explain quantum tunnelling to a child please")).Dispose();

        foreach (var path in new[] { "/todays_chat/", "/todays_chat" })
        {
            var today = await caller.Http.GetJsonAsync(path);
            Assert.Equal([newer, older], today.EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));
            Assert.Equal(["Echo: Explain quantum tunnelling to", "Echo: Plan a three day"],
                today.EnumerateArray().Select(c => c.GetProperty("title").GetString()));
            Assert.All(today.EnumerateArray(), c => Assert.True(c.TryGetProperty("created_at", out _)));
        }
        Assert.Equal(0, (await caller.Http.GetJsonAsync("/yesterdays_chat/")).GetArrayLength());
    }

    [Fact]
    public async Task DayListsFollowTheCallersTimeZoneFromTheQueryOrTheHeader()
    {
        var caller = await api.SignInAsync();
        var now = DateTime.UtcNow;
        var east = TimeZoneInfo.FindSystemTimeZoneById("Pacific/Kiritimati");
        var west = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
        // Instants just either side of each zone's day boundaries, plus some in between.
        var instants = new List<DateTime> { now.AddMinutes(-1), now.AddHours(-20), now.AddHours(-30), now.AddDays(-4), now.AddDays(-9) };
        foreach (var zone in new[] { east, west })
            foreach (var daysAgo in new[] { 0, 1, 7 })
            {
                var start = LocalMidnightUtc(now, zone, daysAgo);
                instants.Add(start.AddMinutes(-1));
                instants.Add(start.AddMinutes(1));
            }
        var chats = new Dictionary<Guid, DateTime>();
        await using (var db = api.App.CreateDbContext())
        {
            foreach (var at in instants)
            {
                var chat = new Chat { Id = Guid.NewGuid(), UserId = caller.Id, Title = $"at {at:O}", CreatedAt = at, LastActivityAt = at };
                db.Chats.Add(chat);
                chats[chat.Id] = at;
            }
            await db.SaveChangesAsync();
        }

        async Task<HashSet<Guid>> ListAsync(string path, TimeZoneInfo zone, bool header)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, header ? path : $"{path}?tz={Uri.EscapeDataString(zone.Id)}");
            if (header) request.Headers.Add("X-Timezone", zone.Id);
            using var response = await caller.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.JsonAsync()).EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ToHashSet();
        }
        HashSet<Guid> Expected(TimeZoneInfo zone, Func<int, bool> daysAgo) =>
            chats.Where(c => daysAgo(LocalDaysAgo(now, c.Value, zone))).Select(c => c.Key).ToHashSet();

        foreach (var (zone, header) in new[] { (east, false), (west, true) })
        {
            Assert.Equal(Expected(zone, d => d == 0), await ListAsync("/todays_chat/", zone, header));
            Assert.Equal(Expected(zone, d => d == 1), await ListAsync("/yesterdays_chat/", zone, header));
            Assert.Equal(Expected(zone, d => d is >= 2 and <= 7), await ListAsync("/seven_days_chat/", zone, header));
        }
        Assert.NotEqual(Expected(east, d => d == 0), Expected(west, d => d == 0));
    }

    [Fact]
    public async Task AnUnknownTimeZoneIsRefused()
    {
        var caller = await api.SignInAsync();
        using var response = await caller.Http.GetAsync("/todays_chat/?tz=Mars/Olympus_Mons");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Mars/Olympus_Mons", await response.ErrorAsync());
        using var request = new HttpRequestMessage(HttpMethod.Get, "/seven_days_chat/");
        request.Headers.Add("X-Timezone", "Nowhere/Special");
        using var byHeader = await caller.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, byHeader.StatusCode);
    }

    private static DateTime LocalMidnightUtc(DateTime nowUtc, TimeZoneInfo zone, int daysAgo)
    {
        var localDay = TimeZoneInfo.ConvertTimeFromUtc(nowUtc, zone).Date.AddDays(-daysAgo);
        return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(localDay, DateTimeKind.Unspecified), zone);
    }

    private static int LocalDaysAgo(DateTime nowUtc, DateTime atUtc, TimeZoneInfo zone) =>
        (TimeZoneInfo.ConvertTimeFromUtc(nowUtc, zone).Date - TimeZoneInfo.ConvertTimeFromUtc(atUtc, zone).Date).Days;
}
