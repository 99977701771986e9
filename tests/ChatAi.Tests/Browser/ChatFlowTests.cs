using System.Text.RegularExpressions;
using ChatAi.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatAi.Tests.Browser;

/// <summary>On SQLite; Postgres/PostgresBrowserTests.cs runs the same scenarios on PostgreSQL.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ChatFlowTests(BrowserFixture browser) : ChatFlowScenarios(browser);

public abstract class ChatFlowScenarios(BrowserFixture browser)
{
    [Fact]
    public async Task UserCanRegisterChatRenameDeleteAndSignOutWithoutPageErrors()
    {
        await using var session = await browser.NewSessionAsync();
        var page = session.Page;

        // Register: email confirmation is off, so the user lands signed in on the new-chat page.
        await session.RegisterAsync(TestUsers.NewEmail("flow"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "What can I help with?" })).ToBeVisibleAsync();
        await session.WaitForComposerAsync();
        await Expect(page.Locator(".chat-list-empty")).ToHaveTextAsync("No chats yet.");

        // Send the first message: the chat opens with it and the (fake) model's streamed reply, and lands under
        // Today. Its title starts as the first words, then the model's title replaces it (the fake echoes).
        const string text = "Plan a weekend trip to Lisbon with two kids";
        const string modelTitle = "Echo: Plan a weekend trip";
        await session.Composer.FillAsync(text);
        await session.Composer.PressAsync("Enter");
        var chatId = await session.WaitForChatPageAsync();
        await Expect(page.Locator(".message-list article.message-user .message-text")).ToHaveTextAsync(text);
        await Expect(page.Locator(".message-list article.message.message-assistant[data-status=\"complete\"] .message-markdown"))
            .ToHaveTextAsync($"Echo: {text}");
        var todayItem = page.Locator($"section.chat-group[data-group=\"Today\"] .chat-item[data-chat-id=\"{chatId}\"]");
        await Expect(todayItem.Locator(".chat-item-title")).ToHaveTextAsync(modelTitle);
        await Expect(session.ChatItem(chatId)).ToHaveClassAsync(new Regex(@"\bactive\b"));
        await Expect(page.Locator("h1.chat-title")).ToHaveTextAsync(modelTitle);
        // The tab's title follows the page in the circuit (Layout/DocumentTitle, no interactive HeadOutlet).
        await Expect(page).ToHaveTitleAsync($"{modelTitle} · ChatAi");
        await Expect(session.Composer).ToHaveValueAsync("");

        // Rename through the ⋯ menu and its dialog; Enter saves.
        await session.ChatMenuAsync(chatId, "Rename");
        var rename = session.RenameInput;
        await rename.FillAsync("Lisbon with kids");
        await rename.PressAsync("Enter");
        await Expect(rename).ToHaveCountAsync(0);
        await Expect(session.ChatItem(chatId).Locator(".chat-item-title")).ToHaveTextAsync("Lisbon with kids");
        await Expect(page.Locator("h1.chat-title")).ToHaveTextAsync("Lisbon with kids");
        await Expect(page).ToHaveTitleAsync("Lisbon with kids · ChatAi");

        // The name is stored: it survives a reload, and so does the message.
        await page.ReloadAsync();
        await session.WaitForComposerAsync();
        await Expect(session.ChatItem(chatId).Locator(".chat-item-title")).ToHaveTextAsync("Lisbon with kids");
        await Expect(page.Locator(".message-list article.message-user .message-text")).ToHaveTextAsync(text);
        await Expect(page).ToHaveTitleAsync("Lisbon with kids · ChatAi");

        // New chat goes back to the empty composer; the chat stays in the sidebar, no longer active.
        await page.Locator(".new-chat-button").ClickAsync();
        await Expect(page).ToHaveURLAsync(session.RootUrl);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "What can I help with?" })).ToBeVisibleAsync();
        await Expect(session.ChatItem(chatId)).Not.ToHaveClassAsync(new Regex(@"\bactive\b"));
        await Expect(page).ToHaveTitleAsync("ChatAi");

        // Delete through the menu and confirm in the dialog.
        await session.ChatMenuAsync(chatId, "Delete");
        var dialog = page.Locator(".mud-dialog");
        await Expect(dialog).ToContainTextAsync("Lisbon with kids");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(session.ChatItem(chatId)).ToHaveCountAsync(0);

        await page.ReloadAsync();
        await session.WaitForComposerAsync();
        await Expect(page.Locator(".chat-list-empty")).ToHaveTextAsync("No chats yet.");
        await Expect(page.Locator(".chat-item")).ToHaveCountAsync(0);
        var gone = await page.GotoAsync($"chat/{chatId}");
        Assert.Equal(404, gone!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not found" })).ToBeVisibleAsync();

        // Sign out from the user menu: back on the signed-out landing page.
        await page.GotoAsync("");
        await session.WaitForComposerAsync();
        await page.Locator("details.user-menu > summary").ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(session.RootUrl);
        await Expect(page.Locator(".landing").GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Expect(page.Locator("details.user-menu")).ToHaveCountAsync(0);
        await Expect(session.Sidebar).ToHaveCountAsync(0);
        await page.GotoAsync($"chat/{Guid.CreateVersion7()}");
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));

        // Every page of the journey ran the real Blazor script over a live circuit, without errors.
        Assert.Contains(session.WebSockets, url => url.Contains("/_blazor", StringComparison.Ordinal));
        session.AssertNoProblems();
    }

    [Fact]
    public async Task ChatKeepsTheFirstWordsAsItsTitleWhenTheModelGivesNone()
    {
        await using var session = await SignedInAsync();
        var page = session.Page;

        // A model that always fails: neither a reply nor a model title comes back.
        await BrowserSession.ChooseModelAsync(page, "openai:fault-500");
        await session.Composer.FillAsync("Compare three budget laptops for students please");
        await session.Composer.PressAsync("Enter");
        var chatId = await session.WaitForChatPageAsync();

        await Expect(page.Locator("article.message-user .message-text")).ToHaveTextAsync("Compare three budget laptops for students please");
        await Expect(page.Locator("article.message-assistant .message-status")).ToBeVisibleAsync();
        await Expect(page.Locator(".retry-button")).ToBeVisibleAsync();
        var item = page.Locator($"section.chat-group[data-group=\"Today\"] .chat-item[data-chat-id=\"{chatId}\"]");
        await Expect(item.Locator(".chat-item-title")).ToHaveTextAsync("Compare three budget laptops for");
        await page.ReloadAsync();
        await session.WaitForComposerAsync();
        await Expect(session.ChatItem(chatId).Locator(".chat-item-title")).ToHaveTextAsync("Compare three budget laptops for");
        session.AssertNoProblems();
    }

    [Fact]
    public async Task ShiftEnterInsertsANewLineInsteadOfSending()
    {
        await using var session = await SignedInAsync();
        var page = session.Page;

        await session.Composer.PressSequentiallyAsync("first line");
        await session.Composer.PressAsync("Shift+Enter");
        await session.Composer.PressSequentiallyAsync("second line");

        await Expect(session.Composer).ToHaveValueAsync("first line\nsecond line");
        await Expect(page).ToHaveURLAsync(session.RootUrl);
        await Expect(page.Locator(".chat-item")).ToHaveCountAsync(0);

        await session.Composer.PressAsync("Enter");
        await session.WaitForChatPageAsync();
        var message = page.Locator("article.message-user .message-text");
        await Expect(message).ToHaveTextAsync("first line\nsecond line");
        Assert.Equal("first line\nsecond line", await message.InnerTextAsync());
        session.AssertNoProblems();
    }

    [Fact]
    public async Task SendButtonIsDisabledWhileTheComposerIsEmpty()
    {
        await using var session = await SignedInAsync();

        await Expect(session.SendButton).ToBeDisabledAsync();
        await session.Composer.FillAsync("   \n  ");
        await Expect(session.SendButton).ToBeDisabledAsync();
        await session.Composer.PressAsync("Enter");
        await Expect(session.Page).ToHaveURLAsync(session.RootUrl);

        await session.Composer.FillAsync("Hello");
        await Expect(session.SendButton).ToBeEnabledAsync();
        await session.Composer.FillAsync("");
        await Expect(session.SendButton).ToBeDisabledAsync();

        await session.Composer.FillAsync("Hello there");
        await session.SendButton.ClickAsync();
        await session.WaitForChatPageAsync();
        await Expect(session.Page.Locator("article.message-user .message-text")).ToHaveTextAsync("Hello there");
        await Expect(session.SendButton).ToBeDisabledAsync();
        session.AssertNoProblems();
    }

    private async Task<BrowserSession> SignedInAsync()
    {
        var email = TestUsers.NewEmail("composer");
        await browser.CreateUserAsync(email);
        var session = await browser.NewSessionAsync();
        await session.SignInAsync(email);
        await session.WaitForComposerAsync();
        return session;
    }
}
