using ChatAi.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatAi.Tests.Browser;

/// <summary>Edit and Regenerate keep every version; ‹ n / m › switches between them, and the choice survives a reload.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BranchTests(BrowserFixture browser)
{
    private static ILocator Question(IPage page) => page.Locator(".message-list article.message-user");
    private static ILocator Answer(IPage page) => page.Locator(".message-list article.message-assistant");

    private async Task<BrowserSession> ChatAsync(string first)
    {
        var email = TestUsers.NewEmail("branch");
        await browser.CreateUserAsync(email);
        var session = await browser.NewSessionAsync(1280, 800);
        await session.SignInAsync(email);
        await session.WaitForComposerAsync();
        await session.Composer.FillAsync(first);
        await session.Composer.PressAsync("Enter");
        await session.WaitForChatPageAsync();
        await Expect(Answer(session.Page).Locator(".message-markdown")).ToHaveTextAsync("Echo: " + first);
        await Expect(Answer(session.Page)).ToHaveAttributeAsync("data-status", "complete");
        return session;
    }

    [Fact]
    public async Task EditingAMessageKeepsBothVersionsWithTheirRepliesAndTheSwitcherMovesBetweenThem()
    {
        await using var session = await ChatAsync("the cat sat");
        var page = session.Page;

        // Escape leaves the message as it was.
        await Question(page).Locator("button.edit-button").ClickAsync();
        await page.Locator("textarea.message-edit-text").PressAsync("Escape");
        await Expect(page.Locator("textarea.message-edit-text")).ToHaveCountAsync(0);
        await Expect(Question(page).Locator(".message-text")).ToHaveTextAsync("the cat sat");

        await Question(page).Locator("button.edit-button").ClickAsync();
        await page.Locator("textarea.message-edit-text").FillAsync("the dog ran");
        await page.Locator("button.edit-save").ClickAsync();
        await Expect(Question(page).Locator(".message-text")).ToHaveTextAsync("the dog ran");
        await Expect(Answer(page).Locator(".message-markdown")).ToHaveTextAsync("Echo: the dog ran");
        await Expect(Answer(page)).ToHaveAttributeAsync("data-status", "complete");
        await Expect(Question(page).Locator(".branch-count")).ToHaveTextAsync("2 / 2");

        await Question(page).GetByRole(AriaRole.Button, new() { Name = "Previous version" }).ClickAsync();
        await Expect(Question(page).Locator(".message-text")).ToHaveTextAsync("the cat sat");
        await Expect(Answer(page).Locator(".message-markdown")).ToHaveTextAsync("Echo: the cat sat");
        await Expect(Question(page).Locator(".branch-count")).ToHaveTextAsync("1 / 2");

        await Question(page).GetByRole(AriaRole.Button, new() { Name = "Next version" }).ClickAsync();
        await Expect(Question(page).Locator(".message-text")).ToHaveTextAsync("the dog ran");
        await Expect(Answer(page).Locator(".message-markdown")).ToHaveTextAsync("Echo: the dog ran");
        session.AssertNoProblems();
    }

    [Fact]
    public async Task RegeneratingTwiceKeepsThreeAnswersAndAfterAReloadTheFirstIsOneStepAwayTwice()
    {
        await using var session = await ChatAsync("pick a colour");
        var page = session.Page;
        var first = await Answer(page).GetAttributeAsync("data-message-id");

        for (var version = 2; version <= 3; version++)
        {
            await page.Locator("button.regenerate-button").ClickAsync();
            await Expect(Answer(page).Locator(".branch-count")).ToHaveTextAsync($"{version} / {version}");
            await Expect(Answer(page)).ToHaveAttributeAsync("data-status", "complete");
        }
        await Expect(Answer(page)).ToHaveCountAsync(1);
        await Expect(Answer(page)).Not.ToHaveAttributeAsync("data-message-id", first!);

        await page.ReloadAsync();
        await session.WaitForComposerAsync();
        await Expect(Answer(page).Locator(".branch-count")).ToHaveTextAsync("3 / 3");
        var previous = Answer(page).GetByRole(AriaRole.Button, new() { Name = "Previous version" });
        await previous.ClickAsync();
        await Expect(Answer(page).Locator(".branch-count")).ToHaveTextAsync("2 / 3");
        await previous.ClickAsync();
        await Expect(Answer(page).Locator(".branch-count")).ToHaveTextAsync("1 / 3");
        await Expect(Answer(page)).ToHaveAttributeAsync("data-message-id", first!);
        await Expect(previous).ToBeDisabledAsync();

        // Remembered: another reload still shows the first answer.
        await page.ReloadAsync();
        await session.WaitForComposerAsync();
        await Expect(Answer(page)).ToHaveAttributeAsync("data-message-id", first!);
        await Expect(Answer(page).Locator(".branch-count")).ToHaveTextAsync("1 / 3");
        session.AssertNoProblems();
    }
}
