using ChatAi.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatAi.Tests.Browser;

/// <summary>On SQLite; Postgres/PostgresBrowserTests.cs runs the same scenarios on PostgreSQL.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SidebarPagingTests(BrowserFixture browser) : SidebarPagingScenarios(browser);

public abstract class SidebarPagingScenarios(BrowserFixture browser)
{
    private const int ChatCount = 75;

    [Fact]
    public async Task ScrollingTheSidebarToTheBottomLoadsOlderChatsUntilAllAreShown()
    {
        var email = TestUsers.NewEmail("paging");
        var userId = await browser.CreateUserAsync(email);
        for (var i = 0; i < ChatCount; i++) await browser.Chats.CreateChatAsync(userId, title: $"Chat {i:00}");

        await using var session = await browser.NewSessionAsync();
        var page = session.Page;
        await session.SignInAsync(email);
        await session.WaitForComposerAsync();

        var items = page.Locator(".chat-item");
        await Expect(page.Locator(".chat-item-title").First).ToHaveTextAsync("Chat 74");
        var first = await items.CountAsync();
        Assert.InRange(first, 1, ChatCount - 1);

        // Keep scrolling the list to its end until every chat is there.
        var list = page.Locator(".sidebar .chat-list");
        var deadline = DateTime.UtcNow.AddMilliseconds(BrowserSession.TimeoutMs);
        while (await items.CountAsync() < ChatCount && DateTime.UtcNow < deadline)
        {
            await list.EvaluateAsync("list => list.scrollTop = list.scrollHeight");
            await Task.Delay(150);
        }
        await Expect(items).ToHaveCountAsync(ChatCount);

        // Newest first, each chat once, the oldest last.
        var titles = await page.Locator(".chat-item-title").AllInnerTextsAsync();
        Assert.Equal(Enumerable.Range(0, ChatCount).Reverse().Select(i => $"Chat {i:00}"), titles);
        var ids = await items.EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.chatId)");
        Assert.Equal(ChatCount, ids.Distinct().Count());

        // Nothing more to load: further scrolling leaves the list as it is.
        await list.EvaluateAsync("list => list.scrollTop = list.scrollHeight");
        await Task.Delay(300);
        await Expect(items).ToHaveCountAsync(ChatCount);
        session.AssertNoProblems();
    }
}
