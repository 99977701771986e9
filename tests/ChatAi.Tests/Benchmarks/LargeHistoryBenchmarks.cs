using ChatAi.Tests.Browser;
using ChatAi.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ChatAi.Tests.Benchmarks;

/// <summary>Figures 5 and 8: a user with very many chats, and a very long chat.</summary>
[Collection(BenchCollection.Name)]
[Trait("Category", BenchCollection.Category)]
public sealed class LargeHistoryBenchmarks(BenchBrowser browser, ITestOutputHelper output)
{
    [Fact]
    public async Task Figure5_TheFirstSidebarPageForTenThousandChatsAgainstAHundred()
    {
        await using var host = await BenchHost.StartAsync();
        string bigEmail = TestUsers.NewEmail("big"), smallEmail = TestUsers.NewEmail("small");
        string big = await host.CreateUserAsync(bigEmail), small = await host.CreateUserAsync(smallEmail);
        await SeedData.AddChatsAsync(host, big, 10_000, today: 5, pinned: 3);
        await SeedData.AddChatsAsync(host, small, 100, today: 5, pinned: 3);
        var chats = host.Chats;

        // The sidebar's first load: the user's zone, the pinned chats, the first page of 30.
        async Task<double> QueryAsync(string user)
        {
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            await host.Zones.GetUserTimeZoneAsync(user);
            Assert.Equal(3, (await chats.ListChatsAsync(user, Core.Chats.ChatService.MaxPageSize, pinned: true)).Count);
            Assert.Equal(30, (await chats.ListChatsAsync(user, 30, pinned: false)).Count);
            return Stats.MsSince(start);
        }
        var (bigQuery, smallQuery) = await AlternateAsync(20, 200, () => QueryAsync(big), () => QueryAsync(small));
        Report("first sidebar page query (zone + pinned + 30 chats, in process)", bigQuery, smallQuery);

        using HttpClient bigApi = await host.LogInApiAsync(bigEmail), smallApi = await host.LogInApiAsync(smallEmail);
        static async Task<double> GetAsync(HttpClient http)
        {
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            using var response = await http.GetAsync("/api/chats");
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
            return Stats.MsSince(start);
        }
        var (bigHttp, smallHttp) = await AlternateAsync(20, 200, () => GetAsync(bigApi), () => GetAsync(smallApi));
        Report("GET /api/chats, first page of 50", bigHttp, smallHttp);

        var chromium = await browser.GetAsync();
        await using BrowserSession bigPage = await BenchBrowser.SignInAsync(chromium, host, bigEmail, PageProbes.SidebarPainted),
            smallPage = await BenchBrowser.SignInAsync(chromium, host, smallEmail, PageProbes.SidebarPainted);
        static async Task<double> RenderAsync(BrowserSession session)
        {
            await session.Page.GotoAsync("");
            await session.Page.WaitForFunctionAsync("() => window.__sidebarAt !== null");
            return await session.Page.EvaluateAsync<double>("() => window.__sidebarAt");
        }
        var (bigRender, smallRender) = await AlternateAsync(2, 10, () => RenderAsync(bigPage), () => RenderAsync(smallPage));
        Report("page load to the first 30 sidebar chats painted (Chromium)", bigRender, smallRender);
    }

    private void Report(string what, List<double> big, List<double> small)
    {
        double ratio = Stats.Median(big) / Stats.Median(small);
        BenchResults.Write(output, new BenchRow("5", $"10,000 chats ÷ 100 chats: {what} (n={big.Count})",
            $"p50 {Fmt.Ms(Stats.Median(big))}, p99 {Fmt.Ms(Stats.Percentile(big, 99))}",
            $"100 chats: p50 {Fmt.Ms(Stats.Median(small))}, p99 {Fmt.Ms(Stats.Percentile(small, 99))}",
            Fmt.Ratio(ratio), "≤ 1.5", ratio <= 1.5));
    }

    /// <summary>Runs a and b in turn (so drifting machine load hits both alike), after warm-up runs that are not kept.</summary>
    private static async Task<(List<double> A, List<double> B)> AlternateAsync(int warmUp, int samples, Func<Task<double>> a, Func<Task<double>> b)
    {
        List<double> first = [], second = [];
        for (var i = -warmUp; i < samples; i++)
        {
            var x = await a();
            var y = await b();
            if (i < 0) continue;
            first.Add(x);
            second.Add(y);
        }
        return (first, second);
    }

    [Fact]
    public async Task Figure8_OpeningAChatOfTwoThousandMessages()
    {
        await using var host = await BenchHost.StartAsync();
        var email = TestUsers.NewEmail("long-chat");
        var userId = await host.CreateUserAsync(email);
        async Task<(Guid Id, long Last)> ChatAsync(int messages)
        {
            var chat = await host.Chats.CreateChatAsync(userId, title: $"{messages} messages");
            return (chat.Id, await SeedData.AddMessagesAsync(host, chat.Id, messages));
        }
        var home = await ChatAsync(2);
        var small = await ChatAsync(20);
        var large = await ChatAsync(2000);

        await using var session = await BenchBrowser.SignInAsync(await browser.GetAsync(), host, email);
        await session.Page.GotoAsync($"chat/{home.Id}");
        await session.WaitForComposerAsync();
        Task<double> OpenAsync((Guid Id, long Last) chat) =>
            session.Page.EvaluateAsync<double>(PageProbes.NavigateUntilMessageVisible, new object[] { $"chat/{chat.Id}", chat.Last });
        async Task<double> OpenThenLeaveAsync((Guid Id, long Last) chat)
        {
            var ms = await OpenAsync(chat);
            Assert.False(double.IsNaN(ms), $"The last message of chat {chat.Id} was not painted within 60 s.");
            await OpenAsync(home);
            return ms;
        }
        var (largeMs, smallMs) = await AlternateAsync(1, 5, () => OpenThenLeaveAsync(large), () => OpenThenLeaveAsync(small));
        double perMessage = (Stats.Median(largeMs) - Stats.Median(smallMs)) / (2000 - 20);
        BenchResults.Write(output, new BenchRow("8", $"Open a chat of 2,000 messages from another chat: time to the last messages painted (n={largeMs.Count})",
            $"p50 {Fmt.Ms(Stats.Median(largeMs))}, max {Fmt.Ms(largeMs.Max())}", $"20 messages: p50 {Fmt.Ms(Stats.Median(smallMs))}",
            Fmt.Ratio(Stats.Median(largeMs) / Stats.Median(smallMs)), "≤ 3", Stats.Median(largeMs) / Stats.Median(smallMs) <= 3, $"{Fmt.N(perMessage, "0.00")} ms per extra message"));
        session.AssertNoProblems();
    }
}
