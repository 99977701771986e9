using System.Text.RegularExpressions;
using ChatAi.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatAi.Tests.Browser;

/// <summary>On SQLite; Postgres/PostgresBrowserTests.cs runs the same scenarios on PostgreSQL.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StreamingTests(BrowserFixture browser) : StreamingScenarios(browser);

/// <summary>Replies in the page: streamed progressively, surviving a reload, stopped, switched, retried.</summary>
public abstract class StreamingScenarios(BrowserFixture browser)
{
    private const string LongPrompt = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu";

    private static async Task<BrowserSession> StartAsync(BrowserFixture browser, string model)
    {
        var session = await browser.NewSessionAsync();
        await session.RegisterAsync(TestUsers.NewEmail("stream"));
        await session.WaitForComposerAsync();
        await session.ChooseModelAsync(model);
        return session;
    }

    private static async Task SendAsync(BrowserSession session, string text)
    {
        await session.Composer.FillAsync(text);
        await session.Composer.PressAsync("Enter");
    }

    [Fact]
    public async Task AStreamedReplyAppearsProgressivelyAndSurvivesAReload()
    {
        await using var session = await StartAsync(browser, "openai:fault-trickle-150");
        var page = session.Page;
        await SendAsync(session, LongPrompt);
        await Expect(page).ToHaveURLAsync(new Regex("/chat/[0-9a-f-]{36}$"));

        // Sample the streaming reply: it must be seen at several lengths before it completes.
        var streaming = page.Locator("article.message-assistant.streaming .message-markdown");
        await Expect(streaming).ToContainTextAsync("Echo:");
        var lengths = new HashSet<int>();
        for (var i = 0; i < 40 && lengths.Count < 3; i++)
        {
            var text = await page.EvaluateAsync<string?>("() => document.querySelector('article.streaming .message-markdown')?.textContent ?? null");
            if (text is null) break;
            lengths.Add(text.Length);
            await Task.Delay(100);
        }
        Assert.True(lengths.Count >= 3, $"the reply did not grow progressively (lengths seen: {string.Join(", ", lengths)})");

        // Reload mid-stream: the reply is still generating on the server and the page picks it up.
        await page.ReloadAsync();
        var final = page.Locator("article.message-assistant[data-status=\"complete\"] .message-markdown");
        await Expect(final).ToHaveTextAsync("Echo: " + LongPrompt, new() { Timeout = 15_000 });
        session.AssertNoProblems();
    }

    [Fact]
    public async Task StopKeepsThePartialReply()
    {
        // The fake sends "Echo: alpha " and then waits: the reply cannot finish before Stop, however slow the machine.
        await using var session = await StartAsync(browser, "openai:fault-stall-after-2");
        var page = session.Page;
        await SendAsync(session, LongPrompt);
        await Expect(page.Locator("article.streaming .message-markdown")).ToContainTextAsync("alpha");
        await page.Locator("button.stop-button").ClickAsync();

        var stopped = page.Locator("article.message-assistant[data-status=\"stopped\"]");
        await Expect(stopped).ToBeVisibleAsync();
        var text = (await stopped.Locator(".message-markdown").TextContentAsync())!;
        Assert.StartsWith("Echo: alpha", text);
        Assert.NotEqual("Echo: " + LongPrompt, text);
        await Expect(page.Locator("button.stop-button")).ToHaveCountAsync(0);
        // Still stopped, with the same text, after a reload.
        await page.ReloadAsync();
        await Expect(page.Locator("article.message-assistant[data-status=\"stopped\"] .message-markdown")).ToHaveTextAsync(text);
    }

    [Fact]
    public async Task SwitchingTheModelMidChatSendsTheNextMessageToTheOtherProvider()
    {
        await using var session = await StartAsync(browser, "openai:gpt-4o-mini");
        var page = session.Page;
        var fakes = browser.Providers;
        await SendAsync(session, "first question for gpt");
        await Expect(page.Locator("article.message-assistant[data-status=\"complete\"]")).ToHaveCountAsync(1);

        await BrowserSession.ChooseModelAsync(page, "gemini:gemini-2.5-pro");
        var before = fakes.Gemini.RequestCount;
        await SendAsync(session, "second question for gemini");
        await Expect(page.Locator("article.message-assistant[data-status=\"complete\"]")).ToHaveCountAsync(2);
        await Expect(page.Locator("article.message-assistant").Last).ToContainTextAsync("Echo: second question for gemini");
        Assert.Contains(fakes.Gemini.Requests.Skip(before), r => r.Path.Contains("gemini-2.5-pro") && r.Body.Contains("second question for gemini"));
        await page.ReloadAsync();
        await Expect(page.Locator(".model-switcher-button")).ToHaveAttributeAsync("data-value", "gemini:gemini-2.5-pro");
    }

    [Fact]
    public async Task AProviderFailureShowsAnErrorAndARetryThatSucceeds()
    {
        await using var session = await StartAsync(browser, "openai:fault-500");
        var page = session.Page;
        await SendAsync(session, "please answer this");
        var failed = page.Locator("article.message-assistant[data-status=\"failed\"]");
        await Expect(failed.Locator(".message-status")).Not.ToBeEmptyAsync();
        await Expect(page.Locator("article.message-user .message-text")).ToHaveTextAsync("please answer this");

        await BrowserSession.ChooseModelAsync(page, "openai:gpt-4o-mini");
        await page.Locator("button.retry-button").ClickAsync();
        await Expect(page.Locator("article.message-assistant[data-status=\"complete\"] .message-markdown")).ToHaveTextAsync("Echo: please answer this");
        await Expect(failed).ToHaveCountAsync(0);
    }
}
