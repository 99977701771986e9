using System.Text.RegularExpressions;
using ChatAi.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatAi.Tests.Browser;

/// <summary>
/// A message full of markup, script and beacons (the fake model echoes it back, so the reply carries it
/// too) is shown as text or safe markdown: nothing runs, nothing loads from a foreign host, no key leaks.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HostileContentTests(BrowserFixture browser)
{
    private const string Hostile =
        "<script>window.__pwned = 1</script> <img src=x onerror=\"window.__pwned = 2\"> " +
        "[click me](javascript:window.__pwned=3) ![beacon](http://evil.example/b.png) " +
        "<a href=\"javascript:window.__pwned=4\">raw link</a> data: {\"text\":\"fake\"} event: done";

    [Fact]
    public async Task HostileMessagesAndRepliesAreShownAsTextAndNothingRunsOrLoads()
    {
        await using var session = await browser.NewSessionAsync();
        var page = session.Page;
        var foreign = new List<string>();
        page.Request += (_, request) => { if (!request.Url.StartsWith(session.RootUrl, StringComparison.Ordinal) && !request.Url.StartsWith("data:")) foreign.Add(request.Url); };
        var frames = new List<string>();
        page.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) => { lock (frames) frames.Add(frame.Text ?? ""); };
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };

        await session.RegisterAsync(TestUsers.NewEmail("hostile"));
        await session.WaitForComposerAsync();
        await session.Composer.FillAsync(Hostile);
        await session.Composer.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/chat/[0-9a-f-]{36}$"));
        var reply = page.Locator("article.message-assistant[data-status=\"complete\"] .message-markdown");
        await Expect(reply).ToContainTextAsync("raw link");

        // Clicking the neutralised link does nothing harmful either.
        await reply.GetByText("click me").ClickAsync();
        await page.WaitForTimeoutAsync(300);

        Assert.Null(await page.EvaluateAsync<int?>("() => window.__pwned ?? null"));
        Assert.Equal(0, dialogs);
        Assert.Empty(foreign);
        await Expect(page.Locator(".message img, .message script, .message iframe")).ToHaveCountAsync(0);
        foreach (var href in await page.Locator(".message a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"))
            Assert.True(href is "#" || href.StartsWith("http://evil.example/", StringComparison.Ordinal), $"unexpected link target {href}");
        await Expect(page.Locator("article.message-user .message-text")).ToHaveTextAsync(Hostile);
        // The title (from the model's echo, cleaned of markup characters) is text in the sidebar too.
        await Expect(page.Locator(".chat-item .chat-item-title")).ToContainTextAsync("script");
        await Expect(page.Locator(".sidebar script, .sidebar img")).ToHaveCountAsync(0);

        var html = await page.ContentAsync();
        Assert.DoesNotContain("CANARY", html);
        lock (frames) Assert.DoesNotContain(frames, f => f.Contains("CANARY", StringComparison.Ordinal));
        session.AssertNoProblems();
    }

    [Fact]
    public async Task PagesCarryAContentSecurityPolicyAndTheUsualSecurityHeaders()
    {
        await using var session = await browser.NewSessionAsync();
        var response = await session.Page.GotoAsync("Account/Login");
        var headers = await response!.AllHeadersAsync();
        Assert.Contains("script-src 'self'", headers["content-security-policy"]);
        Assert.Contains("frame-ancestors 'none'", headers["content-security-policy"]);
        Assert.Equal("nosniff", headers["x-content-type-options"]);
        Assert.Equal("DENY", headers["x-frame-options"]);
    }
}
