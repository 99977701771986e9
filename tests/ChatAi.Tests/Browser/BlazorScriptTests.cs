using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatAi.Tests.Browser;

/// <summary>.NET 10's own blazor.web.js (from the SDK's static web assets) is served and the page goes interactive.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BlazorScriptTests(BrowserFixture browser)
{
    [Fact]
    public async Task TheDotNet10BlazorScriptIsServedAndTheCircuitBecomesInteractive()
    {
        await using var session = await browser.NewSessionAsync();
        var page = session.Page;

        var script = page.WaitForResponseAsync(r => r.Url.EndsWith("/_framework/blazor.web.js", StringComparison.Ordinal));
        await page.GotoAsync("");
        var response = await script;
        Assert.Equal(200, response.Status);
        Assert.StartsWith("text/javascript", response.Headers["content-type"]);
        var body = System.Text.Encoding.UTF8.GetString(await response.BodyAsync());
        Assert.True(body.Length > 100_000, "blazor.web.js looks truncated");
        Assert.Contains("resumeCircuit", body); // circuit pause/resume arrived in .NET 10; the 9.0 script lacks it

        await Expect(page.Locator(".landing")).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => typeof window.Blazor === 'object' && typeof window.DotNet === 'object'"));
        await session.WaitForCircuitAsync();
        Assert.Contains(session.WebSockets, url => url.Contains("/_blazor", StringComparison.Ordinal));
        session.AssertNoProblems();
    }
}
