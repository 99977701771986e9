using ChatAi.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatAi.Tests.Browser;

/// <summary>
/// Replies read like the peers': math typeset by KaTeX served from the app (wwwroot/js/math.js, lib/katex),
/// code highlighted on the server under a language label, colours that follow the theme, all under the
/// page's Content-Security-Policy. The fake model echoes the message, so the reply carries the markdown.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MarkdownRenderingTests(BrowserFixture browser)
{
    private const string Message = "Energy $E=mc^2$ and \\(a^2+b^2=c^2\\)\n\n$$\n\\int_0^1 x\\,dx = \\frac{1}{2}\n$$\n\n" +
        "```python\ndef area(r):\n    return 3.14 * r ** 2  # circle\n```\n\n> A quoted line\n\n| a | b |\n|---|---|\n| 1 | 2 |";

    /// <summary>Security-policy violations the page saw (a blocked script, style or font), counted from the first script.</summary>
    private const string WatchPolicy = "window.__violations = []; document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));";

    private static async Task<BrowserSession> StartAsync(BrowserFixture browser, string model)
    {
        var session = await browser.NewSessionAsync();
        await session.Page.AddInitScriptAsync(WatchPolicy);
        await session.RegisterAsync(TestUsers.NewEmail("markdown"));
        await session.WaitForComposerAsync();
        await session.ChooseModelAsync(model);
        return session;
    }

    [Fact]
    public async Task AReplyShowsTypesetMathAndHighlightedCodeWithoutAnyPolicyViolation()
    {
        await using var session = await StartAsync(browser, "openai:gpt-4o-mini");
        var page = session.Page;
        await session.Composer.FillAsync(Message);
        await session.Composer.PressAsync("Enter");
        var reply = page.Locator("article.message-assistant[data-status=\"complete\"] .message-markdown");

        // Math: two inline formulas and one displayed, typeset by KaTeX (its MathML carries the TeX source).
        await Expect(reply.Locator("span.math .katex")).ToHaveCountAsync(2);
        await Expect(reply.Locator("div.math .katex-display")).ToHaveCountAsync(1);
        await Expect(reply.Locator("span.math").First.Locator("annotation")).ToHaveTextAsync("E=mc^2");
        await page.WaitForFunctionAsync("() => document.fonts.status === 'loaded' && [...document.fonts].some(f => f.family.includes('KaTeX') && f.status === 'loaded')");

        // Code: a language label, token spans, and keywords in another colour than the rest of the code.
        var block = reply.Locator(".code-block");
        await Expect(block.Locator(".code-lang")).ToHaveTextAsync("python");
        await Expect(block.Locator("code.language-python span.keyword")).ToHaveTextAsync(["def", "return"]);
        await Expect(block.Locator("code span.comment")).ToHaveTextAsync("# circle");
        var (keyword, plain) = await Colours(block);
        Assert.NotEqual(plain, keyword);

        // The quote and the table are styled by markdown.css.
        Assert.NotEqual("0px", await reply.Locator("blockquote").EvaluateAsync<string>("q => getComputedStyle(q).borderLeftWidth"));
        Assert.NotEqual("0px", await reply.Locator("table").EvaluateAsync<string>("t => getComputedStyle(t).marginTop"));

        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.__violations"));
        session.AssertNoProblems();
    }

    [Fact]
    public async Task CodeColoursFollowTheThemeWhicheverWayTheAppMarksIt()
    {
        await using var session = await StartAsync(browser, "openai:gpt-4o-mini");
        var page = session.Page;
        await session.Composer.FillAsync("Code:\n```python\nimport os\n```");
        await session.Composer.PressAsync("Enter");
        var block = page.Locator("article.message-assistant[data-status=\"complete\"] .code-block");
        await Expect(block.Locator("span.keyword")).ToHaveTextAsync("import");

        await page.EvaluateAsync("() => document.documentElement.dataset.theme = 'light'");
        var light = await Colours(block);
        await page.EvaluateAsync("() => document.documentElement.dataset.theme = 'dark'");
        var dark = await Colours(block);
        Assert.NotEqual(light, dark);
        // MudBlazor-style hooks: a dark class on an ancestor, or no mark at all and a dark system setting.
        await page.EvaluateAsync("() => { delete document.documentElement.dataset.theme; document.body.classList.add('mud-theme-dark'); }");
        Assert.Equal(dark, await Colours(block));
        await page.EvaluateAsync("() => document.body.classList.remove('mud-theme-dark')");
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        Assert.Equal(dark, await Colours(block));
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        Assert.Equal(light, await Colours(block));
        session.AssertNoProblems();
    }

    [Fact]
    public async Task MathIsTypesetWhileTheReplyIsStillStreaming()
    {
        await using var session = await StartAsync(browser, "openai:fault-trickle-40");
        var page = session.Page;
        // Math first, then about 80 more words 40 ms apart: the reply streams for several seconds after it.
        await session.Composer.FillAsync("So $x^2$ holds, " + string.Join(' ', Enumerable.Range(1, 80).Select(i => $"word{i}")));
        await session.Composer.PressAsync("Enter");
        // Typeset in the streaming reply, before its last words arrived.
        await page.WaitForFunctionAsync("""
            () => {
              const s = document.querySelector('article.message-assistant.streaming .message-markdown');
              return s !== null && s.querySelector('span.math .katex') !== null && !s.textContent.includes('word80');
            }
            """);
        await Expect(page.Locator("article.message-assistant[data-status=\"complete\"] span.math .katex")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.__violations"));
        session.AssertNoProblems();
    }

    [Fact]
    public async Task ACodeBlockIsHighlightedUnderItsLabelWhileItStreamsAndItsCopyButtonWorks()
    {
        await using var session = await StartAsync(browser, "openai:fault-trickle-40");
        await session.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var page = session.Page;
        var lines = string.Concat(Enumerable.Range(1, 40).Select(i => $"def f{i}(): return {i}\n"));
        await session.Composer.FillAsync("Code:\n```python\n" + lines + "```");
        await session.Composer.PressAsync("Enter");
        // While streaming: the open fence already shows as a labelled, highlighted block with a copy button.
        await page.WaitForFunctionAsync("""
            () => {
              const s = document.querySelector('article.message-assistant.streaming .code-block');
              return s !== null && s.querySelector('.code-lang')?.textContent === 'python' && s.querySelectorAll('code span.keyword').length >= 4
                && s.querySelector('pre button.copy-code') !== null && !s.textContent.includes('def f40');
            }
            """);
        var block = page.Locator("article.message-assistant[data-status=\"complete\"] .code-block");
        await Expect(block.Locator("code")).ToHaveTextAsync(lines, new() { Timeout = 30_000 });
        await Expect(block.Locator("code span.keyword")).ToHaveCountAsync(80);
        await block.Locator("button.copy-code").ClickAsync();
        Assert.Equal(lines.TrimEnd(), (await page.EvaluateAsync<string>("() => navigator.clipboard.readText()")).TrimEnd());
        session.AssertNoProblems();
    }

    [Fact]
    public async Task MathCannotLinkRunScriptOrCoverThePage()
    {
        await using var session = await StartAsync(browser, "openai:gpt-4o-mini");
        var page = session.Page;
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };
        await session.Composer.FillAsync("Try $\\href{javascript:window.__pwned=1}{click}$ and $\\url{javascript:alert(1)}$ and " +
            "$\\htmlId{x}{\\text{id}}$ and $\\rule{9999em}{9999em}$ and $\\def\\a{\\a\\a}\\a$ and $<img src=x onerror=alert(1)>$");
        await session.Composer.PressAsync("Enter");
        var reply = page.Locator("article.message-assistant[data-status=\"complete\"] .message-markdown");
        await Expect(reply.Locator("span.math[data-typeset]")).ToHaveCountAsync(6);
        await reply.Locator("span.math").First.DispatchEventAsync("click");

        await Expect(reply.Locator(".math a, .math img, .math [id=x]")).ToHaveCountAsync(0);
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__pwned ?? null"));
        Assert.Equal(0, dialogs);
        var height = await reply.EvaluateAsync<double>("r => r.getBoundingClientRect().height");
        Assert.True(height < 2_000, $"the reply is {height} px tall");
        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.__violations"));
        session.AssertNoProblems();
    }

    private static async Task<(string Keyword, string Plain)> Colours(ILocator block)
    {
        var colours = await block.EvaluateAsync<string[]>("b => [getComputedStyle(b.querySelector('span.keyword')).color, getComputedStyle(b.querySelector('code')).color]");
        return (colours[0], colours[1]);
    }
}
