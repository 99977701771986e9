using ChatAi.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ChatAi.Tests.Browser;

/// <summary>
/// The model switcher creates its menu the first time it opens (an idle page holds no menu): opened from the keyboard,
/// that first time must keep the reader's focus on the switcher's button, which MudMenu's own activator replaces.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ModelSwitcherKeyboardTests(BrowserFixture browser)
{
    [Fact]
    public async Task EnterOnTheModelButtonOpensTheMenuAndFocusStaysOnTheSwitcher()
    {
        var email = TestUsers.NewEmail("switcher");
        await browser.CreateUserAsync(email);
        await using var session = await browser.NewSessionAsync();
        var page = session.Page;
        await session.SignInAsync(email);
        await session.WaitForComposerAsync();

        await session.ModelSwitcher.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(".model-option").First).ToBeVisibleAsync();
        await Expect(session.ModelSwitcher).ToBeFocusedAsync();
        Assert.Empty(session.Problems);
    }
}
