using ChatAi.Core.Data;
using ChatAi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace ChatAi.Tests.Browser;

/// <summary>A long chat opens at its newest messages; earlier ones load as the reader scrolls up, without the view jumping.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LongChatTests(BrowserFixture browser)
{
    [Fact]
    public async Task ALongChatOpensAtItsNewestPageAndLoadsEarlierMessagesOnScrollingUp()
    {
        const int count = 130;
        var email = TestUsers.NewEmail("long");
        var userId = await browser.CreateUserAsync(email);
        var chat = await browser.Chats.CreateChatAsync(userId, title: "A long one");
        await using (var db = await browser.Services.GetRequiredService<IDbContextFactory<ChatAiDbContext>>().CreateDbContextAsync())
        {
            var at = DateTime.UtcNow.AddHours(-1);
            db.Messages.AddRange(Enumerable.Range(0, count).Select(i => new Message
            {
                ChatId = chat.Id, Role = i % 2 == 0 ? MessageRole.User : MessageRole.Assistant, Content = $"Message number {i}",
                CreatedAt = at.AddSeconds(i), UpdatedAt = at.AddSeconds(i), Provider = i % 2 == 0 ? null : "openai", Model = i % 2 == 0 ? null : "gpt-4o-mini",
            }));
            await db.SaveChangesAsync();
        }

        await using var session = await browser.NewSessionAsync(1280, 800);
        var page = session.Page;
        await session.SignInAsync(email);
        await page.GotoAsync($"chat/{chat.Id}");
        await session.WaitForComposerAsync();

        var messages = page.Locator("article.message");
        await Expect(messages.Last).ToContainTextAsync($"Message number {count - 1}");
        await Expect(messages.Last).ToBeInViewportAsync();
        Assert.True(await messages.CountAsync() < count, "the whole chat was rendered at once");

        // Scroll to the top until the first message is there; each step keeps the message that was on top in view.
        var scroller = page.Locator(".chat-scroll");
        while (await page.Locator(".earlier-messages").CountAsync() > 0)
        {
            var before = await messages.CountAsync();
            var topId = await messages.First.GetAttributeAsync("data-message-id");
            await scroller.EvaluateAsync("s => s.scrollTop = 0");
            await Expect(messages).Not.ToHaveCountAsync(before);
            await Expect(page.Locator($"article.message[data-message-id=\"{topId}\"]")).ToBeInViewportAsync();
        }
        await Expect(messages.First).ToContainTextAsync("Message number 0");
        await Expect(page.Locator(".earlier-messages")).ToHaveCountAsync(0);
        Assert.Equal(count, await messages.CountAsync());
        session.AssertNoProblems();
    }
}
