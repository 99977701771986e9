using ChatAi.Core.Data;
using ChatAi.Tests.Fakes;
using ChatAi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatAi.Tests.Browser;

/// <summary>On SQLite; Postgres/PostgresChatSettingsTests.cs runs the same scenario on PostgreSQL.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ChatSettingsBrowserTests(BrowserFixture browser) : ChatSettingsBrowserScenarios(browser);

public abstract class ChatSettingsBrowserScenarios(BrowserFixture browser)
{
    [Fact]
    public async Task InstructionsSetFromTheChatHeaderReachTheModelWithTheNextMessage()
    {
        await using var session = await browser.NewSessionAsync();
        var page = session.Page;
        await session.RegisterAsync(TestUsers.NewEmail("settings"));
        await session.WaitForComposerAsync();
        await session.Composer.FillAsync("first message here");
        await session.Composer.PressAsync("Enter");
        var chatId = await session.WaitForChatPageAsync();
        await Expect(page.Locator(".message-list article.message.message-assistant[data-status=\"complete\"]")).ToHaveCountAsync(1);

        // The header's settings button opens the dialog; the instructions and a longest reply are saved.
        await page.Locator("button.chat-settings-button").ClickAsync();
        var dialog = page.Locator(".chat-settings-dialog");
        await dialog.Locator(".settings-instructions textarea").FillAsync("Always answer like a pirate.");
        await dialog.Locator(".settings-max-tokens input").FillAsync("333");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Chat settings saved");

        const string probe = "settings probe from the browser";
        await session.Composer.FillAsync(probe);
        await session.Composer.PressAsync("Enter");
        await Expect(page.Locator(".message-list article.message.message-assistant[data-status=\"complete\"]")).ToHaveCountAsync(2);

        var request = browser.Providers.OpenAi.Requests.Last(r => r.Body.Contains(probe));
        Assert.Equal(new SentSettings("Always answer like a pirate.", null, 333), SentSettings.FromOpenAi(request));

        // The dialog shows what is stored after a reload.
        await page.ReloadAsync();
        await session.WaitForComposerAsync();
        await page.Locator("button.chat-settings-button").ClickAsync();
        await Expect(page.Locator(".chat-settings-dialog .settings-instructions textarea")).ToHaveValueAsync("Always answer like a pirate.");
        Assert.Equal(chatId, session.CurrentChatId());
        session.AssertNoProblems();
    }

    [Fact]
    public async Task APresetAddedInSettingsStartsANewChatWithItsModel()
    {
        await using var session = await browser.NewSessionAsync();
        var page = session.Page;
        await session.RegisterAsync(TestUsers.NewEmail("presets"));
        await page.GotoAsync("settings");
        await session.WaitForCircuitAsync();

        await page.Locator("button.preset-add").ClickAsync();
        var dialog = page.Locator(".preset-dialog");
        await dialog.Locator(".preset-name input").FillAsync("French teacher");
        await dialog.Locator(".settings-instructions textarea").FillAsync("Answer in French.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(page.Locator(".preset-item-name")).ToHaveTextAsync("French teacher");

        await page.GotoAsync("");
        await session.WaitForComposerAsync();
        await page.Locator(".preset-chip", new() { HasText = "French teacher" }).ClickAsync();
        var chatId = await session.WaitForChatPageAsync();
        await using var db = await browser.Services.GetRequiredService<IDbContextFactory<ChatAiDbContext>>().CreateDbContextAsync();
        Assert.Equal("Answer in French.", (await db.Chats.SingleAsync(c => c.Id == chatId)).Instructions);
        session.AssertNoProblems();
    }
}
