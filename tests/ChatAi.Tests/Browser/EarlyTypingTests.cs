using System.Text.RegularExpressions;
using ChatAi.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ChatAi.Tests.Browser;

/// <summary>Nothing typed is lost: text typed the moment the page opens, on a slow CPU, is exactly what is sent.</summary>
[Collection(BrowserCollection.Name)]
public sealed class EarlyTypingTests(BrowserFixture browser)
{
    [Fact]
    public async Task TextTypedAsSoonAsThePageOpensOnASlowCpuIsSentExactly()
    {
        await using var session = await browser.NewSessionAsync();
        var page = session.Page;
        await session.RegisterAsync(TestUsers.NewEmail("early"));

        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Emulation.setCPUThrottlingRate", new Dictionary<string, object> { ["rate"] = 6 });
        try
        {
            const string text = "Typed before the page was ready, every letter of it";
            await page.GotoAsync("", new() { WaitUntil = Microsoft.Playwright.WaitUntilState.Commit });
            // Until the circuit is live the box says "Loading…" and takes no keys; type the moment it does.
            await Expect(session.Composer).ToBeEditableAsync(new() { Timeout = 30_000 });
            await session.Composer.PressSequentiallyAsync(text, new() { Timeout = 30_000 });
            await Expect(session.SendButton).ToBeEnabledAsync(new() { Timeout = 30_000 });
            await session.Composer.PressAsync("Enter");

            await Expect(page).ToHaveURLAsync(new Regex("/chat/[0-9a-f-]{36}$"), new() { Timeout = 30_000 });
            await Expect(page.Locator("article.message-user .message-text")).ToHaveTextAsync(text, new() { Timeout = 30_000 });
        }
        finally
        {
            await cdp.SendAsync("Emulation.setCPUThrottlingRate", new Dictionary<string, object> { ["rate"] = 1 });
        }
        session.AssertNoProblems();
    }
}
