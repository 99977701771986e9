using System.Text.RegularExpressions;
using ChatAi.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatAi.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class PhoneLayoutTests(BrowserFixture browser)
{
    [Fact]
    public async Task OnAPhoneTheSidebarIsADrawerThatClosesWhenAChatIsChosen()
    {
        var email = TestUsers.NewEmail("phone");
        var userId = await browser.CreateUserAsync(email);
        var chatId = Guid.CreateVersion7();
        await (await browser.Replies.SendAsync(userId, chatId, "Packing list for the beach", createChat: true)).Completion;

        await using var session = await browser.NewSessionAsync(width: 390, height: 844);
        var page = session.Page;
        await session.SignInAsync(email);
        await session.WaitForComposerAsync();

        // Off-canvas: in the DOM, but outside the viewport; the hamburger is there to open it.
        var menu = page.Locator(".menu-button");
        await Expect(menu).ToBeVisibleAsync();
        await Expect(session.Sidebar).ToHaveCountAsync(1);
        await Expect(session.Sidebar).Not.ToBeInViewportAsync();

        await menu.ClickAsync();
        await Expect(page.Locator(".app-shell")).ToHaveClassAsync(new Regex(@"\bdrawer-open\b"));
        await Expect(session.Sidebar).ToBeInViewportAsync(new() { Ratio = 1 });
        var link = session.ChatItem(chatId).Locator(".chat-item-link");
        await Expect(link).ToBeInViewportAsync();

        await link.ClickAsync();
        await Expect(page).ToHaveURLAsync($"{session.RootUrl}chat/{chatId}");
        await Expect(page.Locator("article.message-user .message-text")).ToHaveTextAsync("Packing list for the beach");
        await Expect(page.Locator(".app-shell")).Not.ToHaveClassAsync(new Regex(@"\bdrawer-open\b"));
        await Expect(session.Sidebar).Not.ToBeInViewportAsync();
        session.AssertNoProblems();
    }

    [Fact]
    public async Task OnADesktopTheSidebarIsAlwaysShownAndTheHamburgerIsHidden()
    {
        var email = TestUsers.NewEmail("desktop");
        await browser.CreateUserAsync(email);

        await using var session = await browser.NewSessionAsync(width: 1280, height: 800);
        await session.SignInAsync(email);
        await session.WaitForComposerAsync();

        await Expect(session.Sidebar).ToBeInViewportAsync(new() { Ratio = 1 });
        await Expect(session.Page.Locator(".menu-button")).ToBeHiddenAsync();
        session.AssertNoProblems();
    }
}
