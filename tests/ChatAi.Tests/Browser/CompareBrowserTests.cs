using ChatAi.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatAi.Tests.Browser;

/// <summary>On SQLite; Postgres/PostgresBrowserTests.cs runs the same scenarios on PostgreSQL.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CompareBrowserTests(BrowserFixture browser) : CompareBrowserScenarios(browser);

/// <summary>Compare two models from the composer: both replies side by side (stacked on a phone), each stoppable; pick one to continue.</summary>
public abstract class CompareBrowserScenarios(BrowserFixture browser)
{
    private static ILocator Columns(IPage page) => page.Locator(".compare-turn .compare-column");
    private static ILocator Answers(IPage page) => page.Locator(".message-list article.message-assistant");

    private async Task<BrowserSession> SignedInAsync(int width, int height)
    {
        var session = await browser.NewSessionAsync(width, height);
        await session.RegisterAsync(TestUsers.NewEmail("compare"));
        await session.WaitForComposerAsync();
        return session;
    }

    private static async Task SendAsync(BrowserSession session, string text)
    {
        await session.Composer.FillAsync(text);
        await session.Composer.PressAsync("Enter");
    }

    [Fact]
    public async Task ComparingGptWithGeminiShowsBothSideBySideAndTheChatContinuesWithTheSecond()
    {
        await using var session = await SignedInAsync(1280, 800);
        var page = session.Page;
        await SendAsync(session, "hello there");
        await session.WaitForChatPageAsync();
        await Expect(Answers(page)).ToHaveAttributeAsync("data-status", "complete");
        await Expect(session.ModelSwitcher).ToHaveAttributeAsync("data-value", "openai:gpt-4o-mini");

        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "Compare two models" });
        await toggle.ClickAsync();
        await Expect(toggle).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.Locator(".compare-with .model-switcher-button")).ToHaveAttributeAsync("data-value", "gemini:gemini-2.5-flash");
        const string question = "Which planet is the largest?";
        await SendAsync(session, question); // Enter sends, as always

        var columns = Columns(page);
        await Expect(columns).ToHaveCountAsync(2);
        await Expect(columns.Locator(".compare-model")).ToHaveTextAsync(["gpt-4o-mini", "gemini-2.5-flash"]);
        await Expect(columns.Nth(0).Locator(".compare-header .provider-openai")).ToHaveCountAsync(1);
        await Expect(columns.Nth(1).Locator(".compare-header .provider-gemini")).ToHaveCountAsync(1);
        foreach (var i in new[] { 0, 1 })
        {
            await Expect(columns.Nth(i).Locator("article")).ToHaveAttributeAsync("data-status", "complete");
            await Expect(columns.Nth(i).Locator(".message-markdown")).ToHaveTextAsync("Echo: " + question);
        }
        await Expect(toggle).ToHaveAttributeAsync("aria-pressed", "false");
        // Side by side: same top, the second to the right of the first.
        var (first, second) = (await columns.Nth(0).BoundingBoxAsync(), await columns.Nth(1).BoundingBoxAsync());
        Assert.True(Math.Abs(first!.Y - second!.Y) < 2 && second.X >= first.X + first.Width, $"not side by side: {first.X},{first.Y} and {second.X},{second.Y}");

        var picks = columns.GetByRole(AriaRole.Button, new() { Name = "Continue with this" });
        await Expect(picks.Nth(0)).ToHaveAttributeAsync("aria-pressed", "true");
        await picks.Nth(1).ClickAsync();
        await Expect(picks.Nth(1)).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(picks.Nth(0)).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(columns.Nth(1).Locator(".compare-selected")).ToHaveTextAsync("Selected");
        await Expect(session.ModelSwitcher).ToHaveAttributeAsync("data-value", "gemini:gemini-2.5-flash");

        var before = browser.Providers.Gemini.RequestCount;
        const string followUp = "And the smallest one?";
        await SendAsync(session, followUp);
        await Expect(page.Locator(".compare-turn")).ToHaveCountAsync(0);
        await Expect(Answers(page).Last.Locator(".message-markdown")).ToHaveTextAsync("Echo: " + followUp);
        await Expect(Answers(page).Last).ToHaveAttributeAsync("data-status", "complete");
        var request = browser.Providers.Gemini.Requests.Skip(before).Single(r => r.Body.Contains(followUp));
        Assert.Contains(question, request.Body);
        Assert.Contains("Echo: " + question, request.Body);

        // Remembered: after a reload the compared turn is the second version, Gemini's, one step from GPT's.
        await page.ReloadAsync();
        await session.WaitForComposerAsync();
        var compared = Answers(page).Nth(1);
        await Expect(compared.Locator(".message-model-name")).ToHaveTextAsync("gemini-2.5-flash");
        await Expect(compared.Locator(".branch-count")).ToHaveTextAsync("2 / 2");
        session.AssertNoProblems();
    }

    [Fact]
    public async Task OnAPhoneTheRepliesStackAndOneStopsOnItsOwnAfterAReload()
    {
        await using var session = await SignedInAsync(390, 844);
        var page = session.Page;
        await page.GetByRole(AriaRole.Button, new() { Name = "Compare two models" }).ClickAsync();
        // The second side sends "Echo: alpha " and then holds its reply until it is stopped.
        await page.Locator(".compare-with .model-switcher-button").ClickAsync();
        await page.Locator(".model-option[data-value=\"gemini:fault-stall-after-2\"]").ClickAsync();
        await Expect(page.Locator(".compare-with .model-switcher-button")).ToHaveAttributeAsync("data-value", "gemini:fault-stall-after-2");
        const string question = "alpha bravo charlie delta";
        await SendAsync(session, question);
        await session.WaitForChatPageAsync();

        var columns = Columns(page);
        await Expect(columns).ToHaveCountAsync(2);
        await Expect(columns.Nth(0).Locator("article")).ToHaveAttributeAsync("data-status", "complete");
        await Expect(columns.Nth(1).Locator("article.streaming .message-markdown")).ToContainTextAsync("alpha");

        // A reload mid-compare finds both: one finished, one still streaming, each in its column.
        await page.ReloadAsync();
        await Expect(columns).ToHaveCountAsync(2);
        await Expect(columns.Nth(0).Locator(".message-markdown")).ToHaveTextAsync("Echo: " + question);
        await Expect(columns.Nth(1).Locator("article.streaming .message-markdown")).ToContainTextAsync("alpha");
        await session.WaitForCircuitAsync();
        var (first, second) = (await columns.Nth(0).BoundingBoxAsync(), await columns.Nth(1).BoundingBoxAsync());
        Assert.True(second!.Y >= first!.Y + first.Height && Math.Abs(first.X - second.X) < 2 && second.X + second.Width <= 390,
            $"not stacked within the phone's width: {first.X},{first.Y} {first.Width}x{first.Height} and {second.X},{second.Y} {second.Width}x{second.Height}");

        await Expect(columns.Nth(0).Locator("button.compare-stop")).ToHaveCountAsync(0);
        await Expect(columns.GetByRole(AriaRole.Button, new() { Name = "Continue with this" }).Nth(0)).ToBeDisabledAsync();
        await columns.Nth(1).GetByRole(AriaRole.Button, new() { Name = "Stop fault-stall-after-2" }).ClickAsync();
        await Expect(columns.Nth(1).Locator("article")).ToHaveAttributeAsync("data-status", "stopped");
        await Expect(columns.Nth(0).Locator("article")).ToHaveAttributeAsync("data-status", "complete");
        var partial = (await columns.Nth(1).Locator(".message-markdown").TextContentAsync())!;
        Assert.StartsWith("Echo: alpha", partial);
        Assert.NotEqual("Echo: " + question, partial);
        await Expect(columns.GetByRole(AriaRole.Button, new() { Name = "Continue with this" }).Nth(1)).ToBeEnabledAsync();
        session.AssertNoProblems();
    }
}
