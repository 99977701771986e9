using ChatAi.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatAi.Tests.Browser;

/// <summary>Reading a reply (wwwroot/js/chat.js): the pane follows new text until the reader scrolls up, and copy buttons copy.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReadingTests(BrowserFixture browser)
{
    private const string Gap = "() => { const s = document.querySelector('.chat-scroll'); return s.scrollHeight - s.scrollTop - s.clientHeight; }";

    private static async Task<BrowserSession> StartAsync(BrowserFixture browser, string model, int height = 800)
    {
        var session = await browser.NewSessionAsync(height: height);
        await session.RegisterAsync(TestUsers.NewEmail("reading"));
        await session.WaitForComposerAsync();
        await session.ChooseModelAsync(model);
        return session;
    }

    [Fact]
    public async Task ThePaneFollowsAStreamingReplyUntilTheReaderScrollsUpAndAgainOnceTheyScrollDown()
    {
        await using var session = await StartAsync(browser, "openai:fault-trickle-40", height: 600);
        var page = session.Page;
        // About 150 words, one chunk each, 40 ms apart: a reply that streams for ~6 s and is many screens tall.
        var prompt = string.Join("\n\n", Enumerable.Range(1, 50).Select(i => $"line {i} of the reply"));
        await session.Composer.FillAsync(prompt);
        await session.Composer.PressAsync("Enter");
        var streaming = page.Locator("article.message-assistant.streaming .message-markdown");

        // Following: once the reply is taller than the pane, the newest text stays in view.
        await Expect(streaming).ToContainTextAsync("line 8 of");
        await page.WaitForFunctionAsync($"() => ({Gap})() < 80");

        // The reader scrolls up: the pane stays where they put it while the reply keeps growing below.
        await page.EvaluateAsync("() => document.querySelector('.chat-scroll').scrollTop = 0");
        var height = await page.EvaluateAsync<double>("() => document.querySelector('.chat-scroll').scrollHeight");
        await Expect(streaming).ToContainTextAsync("line 25 of");
        Assert.True(await page.EvaluateAsync<double>("() => document.querySelector('.chat-scroll').scrollHeight") > height + 100, "the reply did not grow");
        Assert.Equal(0, await page.EvaluateAsync<double>("() => document.querySelector('.chat-scroll').scrollTop"));

        // Back at the bottom, it follows again, to the end of the reply.
        await page.EvaluateAsync("() => { const s = document.querySelector('.chat-scroll'); s.scrollTop = s.scrollHeight; }");
        await Expect(streaming).ToContainTextAsync("line 40 of");
        await Expect(page.Locator("article.message-assistant[data-status=\"complete\"]")).ToContainTextAsync("line 50 of the reply");
        await page.WaitForFunctionAsync($"() => ({Gap})() < 80");
        await Expect(page.Locator("article.message-assistant[data-status=\"complete\"] p").Last).ToBeInViewportAsync();
        session.AssertNoProblems();
    }

    [Fact]
    public async Task CopyButtonsPutTheReplysMarkdownAndACodeBlocksTextOnTheClipboard()
    {
        await using var session = await StartAsync(browser, "openai:gpt-4o-mini");
        await session.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var page = session.Page;
        await session.Composer.FillAsync("Here is code:\n```python\nprint(\"hi\")\n```");
        await session.Composer.PressAsync("Enter");
        var reply = page.Locator("article.message-assistant[data-status=\"complete\"]");
        await Expect(reply.Locator("pre code")).ToHaveTextAsync("print(\"hi\")\n");

        var copyMessage = reply.Locator("button.copy-message");
        await copyMessage.ClickAsync();
        await Expect(copyMessage).ToHaveTextAsync("Copied");
        Assert.Equal("Echo: Here is code:\n```python\nprint(\"hi\")\n```", await ClipboardAsync(page));
        await Expect(copyMessage).ToHaveTextAsync("Copy"); // the label comes back

        var copyCode = reply.Locator("pre button.copy-code");
        await copyCode.ClickAsync();
        await Expect(copyCode).ToHaveTextAsync("Copied");
        Assert.Equal("print(\"hi\")", (await ClipboardAsync(page)).TrimEnd('\n'));
        session.AssertNoProblems();
    }

    private static Task<string> ClipboardAsync(IPage page) => page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
}
