using ChatAi.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatAi.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ThemeToggleTests(BrowserFixture browser)
{
    private const string LightBackground = "rgb(255, 255, 255)";
    private const string DarkBackground = "rgb(21, 23, 26)";

    private static Task<string> BackgroundAsync(IPage page) =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");

    private static async Task ExpectBackgroundAsync(IPage page, string color)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(BrowserSession.TimeoutMs);
        while (await BackgroundAsync(page) != color && DateTime.UtcNow < deadline) await page.WaitForTimeoutAsync(50);
        Assert.Equal(color, await BackgroundAsync(page));
    }

    [Fact]
    public async Task ChosenThemeIsRememberedAcrossReloadsAndOnTheAccountPages()
    {
        await using var session = await browser.NewSessionAsync();
        var page = session.Page;
        var html = page.Locator("html");

        await page.GotoAsync("");
        await Expect(html).ToHaveAttributeAsync("data-theme", "light");
        await ExpectBackgroundAsync(page, LightBackground);
        await session.WaitForCircuitAsync();

        await page.Locator(".theme-toggle").ClickAsync();
        await Expect(html).ToHaveAttributeAsync("data-theme", "dark");
        await ExpectBackgroundAsync(page, DarkBackground);

        await page.ReloadAsync();
        await Expect(html).ToHaveAttributeAsync("data-theme", "dark");
        await ExpectBackgroundAsync(page, DarkBackground);

        // Static (Identity) pages are server-rendered in the remembered theme too.
        await page.GotoAsync("Account/Login");
        await Expect(html).ToHaveAttributeAsync("data-theme", "dark");
        await ExpectBackgroundAsync(page, DarkBackground);

        await page.GotoAsync("");
        await session.WaitForCircuitAsync();
        await page.Locator(".theme-toggle").ClickAsync();
        await Expect(html).ToHaveAttributeAsync("data-theme", "light");
        await page.ReloadAsync();
        await Expect(html).ToHaveAttributeAsync("data-theme", "light");
        await ExpectBackgroundAsync(page, LightBackground);
        session.AssertNoProblems();
    }

    [Fact]
    public async Task AReaderWhoChoseATheme_CanGoBackToFollowingTheSystem()
    {
        await using var session = await browser.NewSessionAsync();
        var page = session.Page;
        await session.RegisterAsync(TestUsers.NewEmail("theme"));
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });

        await page.GotoAsync("settings");
        await session.WaitForCircuitAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Light" }).CheckAsync();
        await ExpectBackgroundAsync(page, LightBackground);
        await page.ReloadAsync();
        await ExpectBackgroundAsync(page, LightBackground);

        // Back to the system's choice (dark here), and it follows the system when that changes.
        await session.WaitForCircuitAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Follow the system" }).CheckAsync();
        await ExpectBackgroundAsync(page, DarkBackground);
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        await ExpectBackgroundAsync(page, LightBackground);
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await page.ReloadAsync();
        await ExpectBackgroundAsync(page, DarkBackground);
        session.AssertNoProblems();
    }
}
