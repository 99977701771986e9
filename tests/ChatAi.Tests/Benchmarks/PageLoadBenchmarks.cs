using ChatAi.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ChatAi.Tests.Benchmarks;

/// <summary>Figure 9: a full page load of a chat until its composer can be typed in.</summary>
[Collection(BenchCollection.Name)]
[Trait("Category", BenchCollection.Category)]
public sealed class PageLoadBenchmarks(BenchBrowser browser, ITestOutputHelper output)
{
    [Fact]
    public async Task Figure9_PageLoadToAnInteractiveComposerAgainstAStaticPage()
    {
        await using var host = await BenchHost.StartAsync();
        var email = TestUsers.NewEmail("page-load");
        var userId = await host.CreateUserAsync(email);
        var chat = await host.Chats.CreateChatAsync(userId, title: "A short chat");
        await SeedData.AddMessagesAsync(host, chat.Id, 10);

        await using var session = await BenchBrowser.SignInAsync(await browser.GetAsync(), host, email, PageProbes.PageReady);
        async Task<double> LoadAsync(string url)
        {
            await session.Page.GotoAsync(url);
            await session.Page.WaitForFunctionAsync("() => window.__readyAt !== null", null, new() { Timeout = 60_000 });
            return await session.Page.EvaluateAsync<double>("() => window.__readyAt");
        }
        // Alternating full loads (each chat load starts a new circuit), after warm-up loads that are not kept.
        List<double> app = [], baseline = [];
        for (var i = -3; i < 30; i++)
        {
            var a = await LoadAsync($"chat/{chat.Id}");
            var b = await LoadAsync(StaticBaselinePage.Path.TrimStart('/'));
            if (i < 0) continue;
            app.Add(a);
            baseline.Add(b);
        }
        double ratio = Stats.Median(app) / Stats.Median(baseline);
        BenchResults.Write(output, new BenchRow("9", $"Page load of a chat (10 messages, SQLite) to an interactive composer in Chromium (n={app.Count})",
            $"p50 {Fmt.Ms(Stats.Median(app))}, p99 {Fmt.Ms(Stats.Percentile(app, 99))}",
            $"static page of the same app to `load`: p50 {Fmt.Ms(Stats.Median(baseline))}, p99 {Fmt.Ms(Stats.Percentile(baseline, 99))}",
            Fmt.Ratio(ratio), "—", null,
            $"p50 {Fmt.DeltaMs(Stats.Median(app) - Stats.Median(baseline))} over the static page: the prerendered page, blazor.web.js, MudBlazor's assets and the circuit's start"));
        session.AssertNoProblems();
    }
}
