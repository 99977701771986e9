using System.Text.RegularExpressions;
using ChatAi.Tests.Browser;
using ChatAi.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ChatAi.Tests.Security;

/// <summary>
/// An open chat page (a live circuit, which never sends the cookie again) is closed within
/// <c>ChatAi:RevalidationSeconds</c> (2 in tests) when its user is deleted, locked out or changes password elsewhere.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CircuitRevocationTests(BrowserFixture browser)
{
    [Theory]
    [InlineData(Revocation.Deleted)]
    [InlineData(Revocation.PasswordChanged)]
    [InlineData(Revocation.LockedOut)]
    public async Task AnOpenChatPageIsSentToTheLoginPageSoonAfterTheAccountChanges(Revocation how)
    {
        var email = TestUsers.NewEmail("circuit");
        var userId = await browser.CreateUserAsync(email);
        var chat = await browser.Chats.CreateChatAsync(userId, title: "Private plans");
        await using var session = await browser.NewSessionAsync();
        await session.SignInAsync(email);
        await session.Page.GotoAsync($"chat/{chat.Id}");
        await session.WaitForComposerAsync();
        await Expect(session.Page.Locator("h1.chat-title")).ToHaveTextAsync("Private plans");

        await IdentityForms.RevokeAsync(browser.Services, email, how);

        // Nothing is clicked: the circuit's own periodic check must notice.
        await Expect(session.Page).ToHaveURLAsync(new Regex("/Account/Login"), new() { Timeout = 8_000 });
        await Expect(session.Page.Locator("h1.chat-title")).ToHaveCountAsync(0);
        await Expect(session.Page.Locator("textarea.composer-input")).ToHaveCountAsync(0);
    }
}
