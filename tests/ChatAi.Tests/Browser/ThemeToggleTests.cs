using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatAi.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ThemeToggleTests(BrowserFixture browser)
{
    [Fact]
    public async Task ChosenThemeIsRememberedAcrossReloads()
    {
        await using var session = await browser.NewSessionAsync();
        var page = session.Page;
        var html = page.Locator("html");
        var radzenTheme = page.Locator("link#radzen-theme");

        await page.GotoAsync("");
        await Expect(html).ToHaveAttributeAsync("data-theme", "light");
        await session.WaitForCircuitAsync();

        await page.Locator(".theme-toggle").ClickAsync();
        await Expect(html).ToHaveAttributeAsync("data-theme", "dark");
        await Expect(radzenTheme).ToHaveAttributeAsync("href", "_content/Radzen.Blazor/css/material-dark-base.css");

        await page.ReloadAsync();
        await Expect(html).ToHaveAttributeAsync("data-theme", "dark");
        await Expect(radzenTheme).ToHaveAttributeAsync("href", "_content/Radzen.Blazor/css/material-dark-base.css");

        // Static (Identity) pages apply the remembered theme too.
        await page.GotoAsync("Account/Login");
        await Expect(html).ToHaveAttributeAsync("data-theme", "dark");

        await page.GotoAsync("");
        await session.WaitForCircuitAsync();
        await page.Locator(".theme-toggle").ClickAsync();
        await Expect(html).ToHaveAttributeAsync("data-theme", "light");
        await page.ReloadAsync();
        await Expect(html).ToHaveAttributeAsync("data-theme", "light");
        await Expect(radzenTheme).ToHaveAttributeAsync("href", "_content/Radzen.Blazor/css/material-base.css");
        session.AssertNoProblems();
    }
}
