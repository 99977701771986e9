using Markdig;
using Markdig.Extensions.Mathematics;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.AspNetCore.Components;

namespace ChatAi.Web.Rendering;

/// <summary>
/// Markdown to HTML that is safe to insert: raw HTML is escaped, links keep only http, https and
/// mailto targets, and images become plain links so no reply can load a beacon from a foreign host.
/// Code blocks come highlighted with a language label (<see cref="CodeHighlightingExtension"/>); math
/// (<c>$…$</c>, <c>$$…$$</c>, <c>\(…\)</c>, <c>\[…\]</c>) comes as escaped TeX in <c>.math</c> elements that
/// wwwroot/js/math.js typesets. This is the only place the app turns text into markup.
/// </summary>
internal static class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseEmphasisExtras()
        .UsePipeTables()
        .UseTaskLists()
        .UseAutoLinks()
        .UseMathematics()
        .Use<BackslashMathExtension>()
        .Use<CodeHighlightingExtension>()
        .Build();

    private static readonly string[] AllowedSchemes = ["http", "https", "mailto"];

    public static MarkupString ToMarkup(string markdown) => new(ToHtml(markdown));

    public static string ToHtml(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>().ToList()) Sanitize(link);
        foreach (var link in document.Descendants<AutolinkInline>()) if (!IsAllowed(link.Url)) link.Url = "#";
        // $$…$$ inside a paragraph is displayed math too, as \[…\] is.
        foreach (var math in document.Descendants<MathInline>()) if (math.DelimiterCount > 1) math.GetAttributes().AddClass("math-display");
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        return writer.ToString();
    }

    private static void Sanitize(LinkInline link)
    {
        if (link.IsImage)
        {
            // Show the image as a link with its alt text: nothing is fetched unless the reader clicks.
            link.IsImage = false;
            if (link.FirstChild is null) link.AppendChild(new LiteralInline(link.Url ?? "image"));
        }
        if (!IsAllowed(link.Url)) link.Url = "#";
        link.GetAttributes().AddProperty("rel", "noopener noreferrer nofollow");
        link.GetAttributes().AddProperty("target", "_blank");
    }

    internal static bool IsAllowed(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return false;
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)) return false;
        return AllowedSchemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase);
    }
}
