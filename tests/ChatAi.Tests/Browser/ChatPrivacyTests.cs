using ChatAi.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatAi.Tests.Browser;

/// <summary>On SQLite; Postgres/PostgresBrowserTests.cs runs the same scenarios on PostgreSQL.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ChatPrivacyTests(BrowserFixture browser) : ChatPrivacyScenarios(browser);

public abstract class ChatPrivacyScenarios(BrowserFixture browser)
{
    [Fact]
    public async Task AnotherUsersChatUrlShowsNotFoundAndNeverItsMessages()
    {
        var owner = await browser.CreateUserAsync(TestUsers.NewEmail("owner"));
        var chatId = Guid.CreateVersion7();
        const string secret = "Zebra ledger 4471 belongs only to the owner";
        var reply = await browser.Replies.SendAsync(owner, chatId, secret, createChat: true);
        await reply.Completion;
        var strangerEmail = TestUsers.NewEmail("stranger");
        await browser.CreateUserAsync(strangerEmail);

        await using var session = await browser.NewSessionAsync();
        await session.SignInAsync(strangerEmail);
        var page = session.Page;

        // The server-rendered answer: a 404 with nothing of the chat, not even its title (the first words).
        var response = await page.GotoAsync($"chat/{chatId}");
        Assert.Equal(404, response!.Status);
        var html = await response.TextAsync();
        Assert.DoesNotContain("Zebra", html);
        Assert.DoesNotContain(chatId.ToString(), html.Replace($"chat/{chatId}", ""));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not found", Level = 1 })).ToBeVisibleAsync();

        // Once the circuit renders the page interactively, still nothing of the chat anywhere in the page.
        await session.WaitForCircuitAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not found", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("textarea.composer-input")).ToHaveCountAsync(0);
        await Expect(page.Locator(".message")).ToHaveCountAsync(0);
        await Expect(page.Locator(".chat-item")).ToHaveCountAsync(0);
        Assert.DoesNotContain("Zebra", await page.ContentAsync());
        Assert.DoesNotContain("Zebra", await page.TitleAsync());

        // It looks exactly like a chat that does not exist.
        var missing = await page.GotoAsync($"chat/{Guid.CreateVersion7()}");
        Assert.Equal(404, missing!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not found", Level = 1 })).ToBeVisibleAsync();

        // The owner's chat is untouched.
        var messages = await browser.Chats.GetMessagesAsync(owner, chatId);
        Assert.Equal([secret, $"Echo: {secret}"], messages!.Select(m => m.Content));
    }
}
