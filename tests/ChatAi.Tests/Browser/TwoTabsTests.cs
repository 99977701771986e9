using System.Text.RegularExpressions;
using ChatAi.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ChatAi.Tests.Browser;

/// <summary>On SQLite; Postgres/PostgresBrowserTests.cs runs the same scenarios on PostgreSQL.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TwoTabsTests(BrowserFixture browser) : TwoTabsScenarios(browser);

public abstract class TwoTabsScenarios(BrowserFixture browser)
{
    [Fact]
    public async Task TwoTabsOnOneChatStayConsistentAndASecondSendWhileStreamingIsRefused()
    {
        await using var session = await browser.NewSessionAsync();
        var first = session.Page;
        await session.RegisterAsync(TestUsers.NewEmail("tabs"));
        await session.WaitForComposerAsync();
        // The fake sends two words and then waits, so the reply is still running whenever the second tab gets there.
        await BrowserSession.ChooseModelAsync(first, "openai:fault-stall-after-2");
        await session.Composer.FillAsync("one two three four five six seven eight nine ten eleven twelve thirteen fourteen");
        await session.Composer.PressAsync("Enter");
        await Expect(first).ToHaveURLAsync(new Regex("/chat/[0-9a-f-]{36}$"));

        // The second tab opens the same chat while the reply streams: it follows the same reply.
        var second = await session.Context.NewPageAsync();
        await second.GotoAsync(first.Url);
        await Expect(second.Locator("article.streaming .message-markdown")).ToContainTextAsync("Echo:");

        // Sending from the second tab while the reply runs is refused in words, and the text stays.
        var composer2 = second.Locator("textarea.composer-input");
        for (var i = 0; i < 50 && !await second.Locator("button.composer-send").IsEnabledAsync(); i++)
        {
            await composer2.FillAsync("me too");
            await Task.Delay(100);
        }
        await composer2.PressAsync("Enter");
        await Expect(second.Locator(".composer-error")).ToContainTextAsync("still being generated");
        await Expect(composer2).ToHaveValueAsync("me too");

        // Stopped from the first tab, both tabs end with the same stopped reply; a message sent from the second shows in the first.
        await first.Locator("button.stop-button").ClickAsync();
        const string partial = "Echo: one";
        await Expect(first.Locator("article.message-assistant[data-status=\"stopped\"] .message-markdown")).ToHaveTextAsync(partial);
        await Expect(second.Locator("article.message-assistant[data-status=\"stopped\"] .message-markdown")).ToHaveTextAsync(partial);
        await BrowserSession.ChooseModelAsync(second, "openai:gpt-4o-mini");
        await composer2.PressAsync("Enter");
        await Expect(first.Locator("article.message-user .message-text").Last).ToHaveTextAsync("me too");
        await Expect(first.Locator("article.message-assistant[data-status=\"complete\"]").Last).ToContainTextAsync("Echo: me too");
        session.AssertNoProblems();
    }
}
