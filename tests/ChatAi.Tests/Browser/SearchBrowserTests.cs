using ChatAi.Core.Data;
using ChatAi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace ChatAi.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class SearchBrowserTests(BrowserFixture browser) : SearchBrowserScenarios(browser);

/// <summary>Ctrl+K finds a word from an archived chat, far back in it, and opens the chat at that message; another user's words never show.</summary>
public abstract class SearchBrowserScenarios(BrowserFixture browser)
{
    [Fact]
    public async Task CtrlKFindsAWordFromAnArchivedChatAndOpensItAtTheMessage()
    {
        const int count = 120;
        var email = TestUsers.NewEmail("search");
        var userId = await browser.CreateUserAsync(email);
        var other = await browser.CreateUserAsync(TestUsers.NewEmail("other"));
        var chat = await browser.Chats.CreateChatAsync(userId, title: "Old travel notes");
        var theirs = await browser.Chats.CreateChatAsync(other, title: "Their chat");
        await browser.Chats.AddUserMessageAsync(other, theirs.Id, "their quetzal sighting");
        long target;
        await using (var db = await browser.Services.GetRequiredService<IDbContextFactory<ChatAiDbContext>>().CreateDbContextAsync())
        {
            var at = DateTime.UtcNow.AddHours(-1);
            var messages = Enumerable.Range(0, count).Select(i => new Message
            {
                ChatId = chat.Id, Role = MessageRole.User, CreatedAt = at.AddSeconds(i), UpdatedAt = at.AddSeconds(i),
                Content = i == 5 ? "We saw a resplendent quetzal near the river" : $"Filler message {i}",
            }).ToList();
            db.Messages.AddRange(messages);
            await db.SaveChangesAsync();
            target = messages[5].Id;
        }
        await browser.Chats.SetArchivedAsync(userId, chat.Id, true);

        await using var session = await browser.NewSessionAsync(1280, 800);
        var page = session.Page;
        await session.SignInAsync(email);
        await session.WaitForComposerAsync(); // interactive: the shortcuts are installed
        await Expect(session.ChatItem(chat.Id)).ToHaveCountAsync(0); // archived: not in the sidebar
        await page.Keyboard.PressAsync("Control+k");
        await page.Locator(".search-input input").FillAsync("quetzal");
        await Expect(page.Locator(".search-body")).Not.ToContainTextAsync("Nothing found");

        var results = page.Locator(".search-result");
        await Expect(results).ToHaveCountAsync(1);
        await Expect(results.First.Locator("mark")).ToHaveTextAsync("quetzal");
        await Expect(results.First).ToContainTextAsync("Archived");
        await Expect(results.First).ToContainTextAsync("Old travel notes");
        await results.First.ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/chat/{chat.Id}\\?message={target}$")); // in-page navigation: no load event
        var message = page.Locator($"article.message[data-message-id=\"{target}\"]");
        await Expect(message).ToBeInViewportAsync();
        await Expect(message).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("search-target"));
        await Expect(page.Locator(".restore-chat-button")).ToBeVisibleAsync();
        session.AssertNoProblems();
    }
}
