using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatAi.Tests.Browser;

/// <summary>Guards the blazor.web.js workaround (src/ChatAi.Web/BlazorScript): the script is served and the page goes interactive.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BlazorScriptTests(BrowserFixture browser)
{
    [Fact]
    public async Task BlazorScriptIsServedAndTheCircuitBecomesInteractive()
    {
        await using var session = await browser.NewSessionAsync();
        var page = session.Page;

        var script = page.WaitForResponseAsync(r => r.Url.EndsWith("/_framework/blazor.web.js", StringComparison.Ordinal));
        await page.GotoAsync("");
        var response = await script;
        Assert.Equal(200, response.Status);
        Assert.StartsWith("text/javascript", response.Headers["content-type"]);
        Assert.True((await response.BodyAsync()).Length > 100_000, "blazor.web.js looks truncated");

        await Expect(page.Locator(".landing")).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => typeof window.Blazor === 'object' && typeof window.DotNet === 'object'"));
        await session.WaitForCircuitAsync();
        Assert.Contains(session.WebSockets, url => url.Contains("/_blazor", StringComparison.Ordinal));
        session.AssertNoProblems();
    }
}
