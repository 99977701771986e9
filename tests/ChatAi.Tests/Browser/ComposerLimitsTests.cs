using System.Text.RegularExpressions;
using ChatAi.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ChatAi.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ComposerLimitsTests(BrowserFixture browser)
{
    [Fact]
    public async Task PastingFortyThousandCharactersNeitherDropsTheCircuitNorIsSilentlyCut()
    {
        await using var session = await browser.NewSessionAsync();
        var page = session.Page;
        await session.RegisterAsync(TestUsers.NewEmail("paste"));
        await session.WaitForComposerAsync();

        var huge = string.Concat(Enumerable.Repeat("lorem ipsum ", 3_334))[..40_000];
        await session.Composer.FillAsync(huge);
        await Expect(page.Locator(".composer-count.over")).ToContainTextAsync("40,000");
        await session.Composer.PressAsync("Enter");

        await Expect(page.Locator(".composer-error")).ToContainTextAsync("32000");
        Assert.Equal(40_000, (await session.Composer.InputValueAsync()).Length);

        // The circuit is still alive: a normal message goes through.
        await session.Composer.FillAsync("a short one");
        await session.Composer.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/chat/[0-9a-f-]{36}$"));
        await Expect(page.Locator("article.message-assistant[data-status=\"complete\"]")).ToContainTextAsync("Echo: a short one");
        session.AssertNoProblems();
    }
}
