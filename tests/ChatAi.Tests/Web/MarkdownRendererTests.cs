using AngleSharp.Html.Parser;
using ChatAi.Web.Rendering;

namespace ChatAi.Tests.Web;

public sealed class MarkdownRendererTests
{
    private static AngleSharp.Dom.IDocument Render(string markdown) =>
        new HtmlParser().ParseDocument("<body>" + MarkdownRenderer.ToHtml(markdown) + "</body>");

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    [InlineData("<svg onload=alert(1)>")]
    public void RawHtmlIsShownAsText(string hostile)
    {
        var document = Render("Look: " + hostile);
        Assert.Empty(document.QuerySelectorAll("script, img, iframe, svg"));
        Assert.DoesNotContain(document.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal)));
        Assert.Contains(hostile, document.Body!.TextContent);
    }

    [Theory]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JaVaScRiPt:alert(1))")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("[click](vbscript:msgbox)")]
    [InlineData("<javascript:alert(1)>")]
    public void LinksOutsideTheAllowListGoNowhere(string markdown)
    {
        var document = Render(markdown);
        Assert.All(document.QuerySelectorAll("a"), a => Assert.Equal("#", a.GetAttribute("href")));
    }

    [Fact]
    public void SafeLinksOpenInANewTabWithoutReferrer()
    {
        var link = Render("[docs](https://example.org/x)").QuerySelector("a")!;
        Assert.Equal("https://example.org/x", link.GetAttribute("href"));
        Assert.Contains("noopener", link.GetAttribute("rel"));
        Assert.Equal("_blank", link.GetAttribute("target"));
    }

    [Fact]
    public void ImagesBecomeLinksSoNothingLoadsFromAForeignHost()
    {
        var document = Render("![tracking pixel](https://evil.example/beacon.png?user=1)");
        Assert.Empty(document.QuerySelectorAll("img"));
        var link = Assert.Single(document.QuerySelectorAll("a"));
        Assert.Equal("https://evil.example/beacon.png?user=1", link.GetAttribute("href"));
        Assert.Equal("tracking pixel", link.TextContent);
    }

    [Fact]
    public void CodeTablesAndEmphasisRender()
    {
        var document = Render("**bold** and `code`\n\n```csharp\nvar x = \"<b>\";\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |");
        Assert.NotNull(document.QuerySelector("strong"));
        Assert.Equal("var x = \"<b>\";\n", document.QuerySelector("pre code")!.TextContent);
        Assert.Equal(2, document.QuerySelectorAll("td").Length);
    }

    [Fact]
    public void CodeBlocksAreHighlightedOnTheServerUnderALanguageLabel()
    {
        const string code = "def area(r):\n    return 3.14 * r ** 2  # \"<b>\" & more\n";
        var block = Render("```python\n" + code + "```").QuerySelector("div.code-block")!;
        Assert.Equal("python", block.QuerySelector(".code-lang")!.TextContent);
        var element = block.QuerySelector("pre > code.language-python")!;
        Assert.Equal(code, element.TextContent);
        Assert.Equal(["def", "return"], element.QuerySelectorAll("span.keyword").Select(s => s.TextContent));
        Assert.Contains("# \"<b>\" & more", element.QuerySelector("span.comment")!.TextContent);
        Assert.Empty(element.QuerySelectorAll("b"));
    }

    [Theory]
    [InlineData("py", true)]
    [InlineData("JS", true)]
    [InlineData("csharp", true)]
    [InlineData("bash", false)]
    public void CommonNamesOfALanguageAreKnownAndAnUnknownOneIsLabelledButPlain(string label, bool highlighted)
    {
        var block = Render($"```{label}\nif (x) {{ return \"s\"; }}\n```").QuerySelector("div.code-block")!;
        Assert.Equal(label, block.QuerySelector(".code-lang")!.TextContent);
        Assert.Equal(highlighted, block.QuerySelector("code span") is not null);
        Assert.Equal("if (x) { return \"s\"; }\n", block.QuerySelector("pre code")!.TextContent);
    }

    [Fact]
    public void AnUnlabelledBlockHasNoLabelAndHostileCodeOrLabelsStayText()
    {
        Assert.Null(Render("```\nplain\n```").QuerySelector(".code-lang"));
        var document = Render("```html\n<script>window.x = 1</script><img src=x onerror=alert(1)>\n```\n\n```\"><script>alert(1)</script>\nx\n```");
        Assert.Empty(document.QuerySelectorAll("script, img"));
        Assert.Contains("<script>window.x = 1</script>", document.QuerySelector("pre code")!.TextContent);
        Assert.DoesNotContain(document.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("Energy $E=mc^2$ here", "span.math", "\\(E=mc^2\\)")]
    [InlineData("Energy \\(E=mc^2\\) here", "span.math", "\\(E=mc^2\\)")]
    [InlineData("Shown $$\\sum_i i$$ here", "span.math.math-display", "\\(\\sum_i i\\)")]
    [InlineData("Shown \\[\\int_0^1 x\\,dx\\] here", "span.math.math-display", "\\(\\int_0^1 x\\,dx\\)")]
    [InlineData("$$\n\\frac{a}{b}\n$$", "div.math", "\\[\n\\frac{a}{b}\n\\]")]
    [InlineData("\\[\nx = 1\n\\]", "span.math.math-display", "\\(\nx = 1\n\\)")]
    [InlineData("Less: \\(a<b\\)", "span.math", "\\(a<b\\)")]
    public void MathInEveryDelimiterBecomesAMathElementHoldingItsTeXAsText(string markdown, string selector, string tex)
    {
        var document = Render(markdown);
        var math = Assert.Single(document.QuerySelectorAll(".math"));
        Assert.True(math.Matches(selector), math.OuterHtml);
        Assert.Equal(tex, math.TextContent.Trim());
        Assert.Empty(math.Children);
    }

    [Theory]
    [InlineData("`$x$` and `\\(y\\)`")]
    [InlineData("```\n$x$ \\(y\\) \\[z\\]\n```")]
    [InlineData("It costs $5 and $10.")]
    [InlineData("An escaped \\( paren and a lone \\[ bracket")]
    public void DollarsAndBackslashesThatAreNotMathStayText(string markdown)
    {
        Assert.Empty(Render(markdown).QuerySelectorAll(".math"));
    }

    [Fact]
    public void MathCannotCarryMarkupOrLinks()
    {
        var math = Render("$\\href{javascript:alert(1)}{x}<img src=x onerror=alert(1)>$").QuerySelector(".math")!;
        Assert.Empty(math.Children);
        Assert.Contains("<img", math.TextContent);
    }

    [Fact]
    public void QuotesAndTablesKeepTheirElements()
    {
        var document = Render("> quoted **text**\n\n| a | b |\n|---|---|\n| 1 | 2 |");
        Assert.Equal("text", document.QuerySelector("blockquote strong")!.TextContent);
        Assert.NotNull(document.QuerySelector("table thead th"));
    }
}
