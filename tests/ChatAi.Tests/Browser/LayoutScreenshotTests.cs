using System.Text.RegularExpressions;
using ChatAi.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatAi.Tests.Browser;

/// <summary>
/// The chat page at desktop and phone sizes, light and dark: nothing overflows sideways. Screenshots go to
/// artifacts/screenshots so a person can look at what the app shows.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LayoutScreenshotTests(BrowserFixture browser)
{
    [Theory]
    [InlineData(1280, 800, "light")]
    [InlineData(1280, 800, "dark")]
    [InlineData(390, 844, "light")]
    [InlineData(390, 844, "dark")]
    public async Task TheChatPageFitsTheScreenWithoutSidewaysScrolling(int width, int height, string theme)
    {
        await using var session = await browser.NewSessionAsync(width, height);
        var page = session.Page;
        await session.RegisterAsync(TestUsers.NewEmail("layout"));
        await session.WaitForComposerAsync();
        await session.Composer.FillAsync("Show me a table of three fruits and a code sample in C#, with **bold** text and a [link](https://example.org).");
        await session.Composer.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/chat/[0-9a-f-]{36}$"));
        await Expect(page.Locator("article.message-assistant[data-status=\"complete\"]")).ToHaveCountAsync(1);
        if (theme == "dark")
        {
            await page.Locator(".theme-toggle").ClickAsync();
            await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        }

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the page is {overflow}px wider than the screen");
        var directory = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, $"chat-{width}x{height}-{theme}.png");
        await page.ScreenshotAsync(new() { Path = file });
        Assert.True(new FileInfo(file).Length > 5_000);
        session.AssertNoProblems();
    }

    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task TheAccountPagesWearTheShellAndStayReadable(string theme)
    {
        await using var session = await browser.NewSessionAsync(1280, 800);
        var page = session.Page;
        await session.RegisterAsync(TestUsers.NewEmail("account"));
        await session.WaitForComposerAsync();
        if (theme == "dark")
        {
            await page.Locator(".theme-toggle").ClickAsync();
            await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        }

        await page.GotoAsync("Account/Manage");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", theme);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Back to your chats" })).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("[name='Input.PhoneNumber']").CountAsync());
        // The read-only email reads as text, not as a greyed-out box.
        var email = page.Locator("#username");
        var ratio = await page.EvaluateAsync<double>(Contrast.Script, await email.ElementHandleAsync());
        Assert.True(ratio >= 4.5, $"the email's contrast is {ratio:0.00}:1");
        await Screenshot(page, $"account-1280x800-{theme}.png");

        await page.GotoAsync("settings");
        await session.WaitForCircuitAsync();
        await Screenshot(page, $"settings-1280x800-{theme}.png");

        await page.Context.ClearCookiesAsync();
        await page.GotoAsync("Account/Register");
        await Expect(page.Locator("#password-rules")).ToContainTextAsync("at least 6 characters");
        await Screenshot(page, $"register-1280x800-{(theme == "dark" ? "system" : theme)}.png");
        session.AssertNoProblems();
    }

    private static async Task Screenshot(IPage page, string name)
    {
        var directory = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");
        Directory.CreateDirectory(directory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(directory, name) });
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ChatAi.Blazor.sln"))) directory = directory.Parent;
        return directory?.FullName ?? Path.GetTempPath();
    }
}
