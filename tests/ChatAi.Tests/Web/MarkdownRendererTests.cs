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
}
