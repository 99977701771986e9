using System.Text.RegularExpressions;
using ChatAi.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatAi.Tests.Browser;

/// <summary>WCAG AA contrast of the main screens' text in both themes, accessible names on icon buttons, visible focus, and the keyboard.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture browser)
{
    // Text that must read at 4.5:1 (WCAG 2.1 AA for normal text), on the chat page with a failed reply.
    private static readonly string[] TextSelectors =
    [
        ".brand span", ".chat-item-title", ".chat-group-title", ".new-chat-button .mud-button-label", "h1.chat-title",
        "article.message-user .message-text", "article.message-assistant .message-markdown p", ".message-model-name",
        ".model-switcher-name", "button.copy-message", "article.message-assistant[data-status=failed] .message-status", "button.retry-button",
    ];

    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task KeyTextMeetsWcagAaContrastInBothThemes(string theme)
    {
        var email = TestUsers.NewEmail("contrast");
        var userId = await browser.CreateUserAsync(email);
        var chatId = Guid.CreateVersion7();
        await (await browser.Replies.SendAsync(userId, chatId, "Hello there", createChat: true)).Completion;
        await (await browser.Replies.SendAsync(userId, chatId, "and again", new("openai", "fault-500"))).Completion;

        await using var session = await browser.NewSessionAsync(1280, 800);
        var page = session.Page;
        await session.SignInAsync(email);
        await page.GotoAsync($"chat/{chatId}");
        await session.WaitForComposerAsync();
        if (theme == "dark") await page.Locator(".theme-toggle").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", theme);
        await Expect(page.Locator("article.message-assistant[data-status=failed]")).ToHaveCountAsync(1);
        await page.Locator("article.message-assistant").Last.HoverAsync();

        var failures = new List<string>();
        foreach (var selector in TextSelectors)
        {
            var element = page.Locator(selector).First;
            await Expect(element).ToBeVisibleAsync();
            var ratio = await element.EvaluateAsync<double>(Contrast.Script);
            if (ratio < 4.5) failures.Add($"{selector}: {ratio:0.00}:1");
        }
        Assert.True(failures.Count == 0, $"{theme}: too little contrast:\n{string.Join("\n", failures)}");
        session.AssertNoProblems();
    }

    [Fact]
    public async Task EveryButtonHasAnAccessibleNameAndFocusIsVisible()
    {
        await using var session = await browser.NewSessionAsync(1280, 800);
        var page = session.Page;
        await session.RegisterAsync(TestUsers.NewEmail("a11y"));
        await session.WaitForComposerAsync();
        await session.Composer.FillAsync("hello");
        await session.Composer.PressAsync("Enter");
        await session.WaitForChatPageAsync();
        await Expect(page.Locator("article.message-assistant[data-status=\"complete\"]")).ToHaveCountAsync(1);

        var unnamed = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll("button, a[href], [role=button]")]
                .filter(e => e.offsetParent !== null)
                .filter(e => !(e.getAttribute("aria-label") || e.getAttribute("title") || e.textContent.trim()))
                .map(e => e.outerHTML.slice(0, 120))
            """);
        Assert.Empty(unnamed);

        // Keyboard focus draws an outline. The model's title arrives after the reply and re-renders the page: let it
        // land first, so the keys below move focus on the page as it stays.
        await Expect(page.Locator("h1.chat-title")).ToHaveTextAsync("Echo: hello");
        await page.Locator(".theme-toggle").FocusAsync();
        await page.Keyboard.PressAsync("Shift+Tab");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator(".theme-toggle")).ToBeFocusedAsync();
        var outline = await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle");
        Assert.NotEqual("none", outline);
        session.AssertNoProblems();
    }

    [Fact]
    public async Task KeyboardShortcutsOpenANewChatFocusTheComposerStopAReplyAndAreListed()
    {
        await using var session = await browser.NewSessionAsync(1280, 800);
        var page = session.Page;
        await session.RegisterAsync(TestUsers.NewEmail("keys"));
        await session.WaitForComposerAsync();
        await session.ChooseModelAsync("openai:fault-trickle-150");
        await session.Composer.FillAsync(string.Join(' ', Enumerable.Range(1, 80).Select(i => $"word{i}")));
        await session.Composer.PressAsync("Enter");
        await session.WaitForChatPageAsync();

        // Esc stops the reply being written.
        await Expect(page.Locator("article.streaming .message-markdown")).ToContainTextAsync("word1");
        await page.Locator("body").PressAsync("Escape");
        await Expect(page.Locator("article.message-assistant[data-status=\"stopped\"]")).ToHaveCountAsync(1);

        // Shift+Esc puts the cursor in the message box.
        await page.Locator("h1.chat-title").ClickAsync();
        await page.Keyboard.PressAsync("Shift+Escape");
        await Expect(session.Composer).ToBeFocusedAsync();

        // Ctrl+/ lists the shortcuts.
        await page.Keyboard.PressAsync("Control+Slash");
        var dialog = page.Locator(".mud-dialog");
        await Expect(dialog).ToContainTextAsync("Stop the reply being written");
        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToHaveCountAsync(0);

        // Ctrl+Shift+O opens a new chat.
        await page.Keyboard.PressAsync("Control+Shift+O");
        await Expect(page).ToHaveURLAsync(session.RootUrl);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "What can I help with?" })).ToBeVisibleAsync();
        session.AssertNoProblems();
    }
}
