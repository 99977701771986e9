using System.Net;
using ColorCode;
using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace ChatAi.Web.Rendering;

/// <summary>
/// Code blocks with a language label and server-side syntax highlighting (ColorCode), so no script is needed:
/// <c>&lt;div class="code-block"&gt;&lt;div class="code-lang"&gt;python&lt;/div&gt;&lt;pre&gt;&lt;code class="language-python"&gt;…</c>.
/// Tokens are <c>&lt;span class="keyword"&gt;</c> and the like; their colours are in wwwroot/markdown.css.
/// </summary>
internal sealed class CodeHighlightingExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline) { }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html) html.ObjectRenderers.ReplaceOrAdd<CodeBlockRenderer>(new HighlightedCodeBlockRenderer());
    }
}

/// <summary>Writes a code block; StreamingReply.razor builds the same elements around a fence that is still open.</summary>
internal sealed class HighlightedCodeBlockRenderer : HtmlObjectRenderer<CodeBlock>
{
    protected override void Write(HtmlRenderer renderer, CodeBlock block)
    {
        var label = Label(block);
        var code = Code(block);
        renderer.EnsureLine();
        renderer.Write("<div class=\"code-block\">");
        if (label is not null) renderer.Write("<div class=\"code-lang\">").WriteEscape(label).Write("</div>");
        renderer.Write("<pre><code");
        if (label is not null) renderer.Write(" class=\"language-").WriteEscape(label).Write('"');
        renderer.Write('>');
        renderer.Write(CodeLanguages.ToHtml(code, label));
        renderer.WriteLine("</code></pre></div>");
    }

    private static string? Label(CodeBlock block) => block is FencedCodeBlock fenced ? CodeLanguages.Label(fenced.Info) : null;

    private static string Code(CodeBlock block)
    {
        var lines = block.Lines;
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            if (i > 0) text.Append('\n');
            text.Append(lines.Lines[i].Slice.AsSpan());
        }
        return text.Append('\n').ToString();
    }
}

/// <summary>The languages ColorCode knows, under the names replies use for them.</summary>
internal static class CodeLanguages
{
    // Highlighting is regular expressions over the whole block: past this size a block is shown plain.
    private const int MaxHighlighted = 20_000;

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["cs"] = "c#", ["csharp"] = "c#", ["c#"] = "c#", ["py"] = "python", ["python3"] = "python",
        ["js"] = "javascript", ["jsx"] = "javascript", ["mjs"] = "javascript", ["ts"] = "typescript", ["tsx"] = "typescript",
        ["c"] = "cpp", ["c++"] = "cpp", ["cc"] = "cpp", ["h"] = "cpp", ["hpp"] = "cpp",
        ["ps1"] = "powershell", ["pwsh"] = "powershell", ["fs"] = "f#", ["fsharp"] = "f#", ["vb"] = "vb.net",
        ["md"] = "markdown", ["htm"] = "html", ["xaml"] = "xml", ["svg"] = "xml", ["csproj"] = "xml",
        ["hs"] = "haskell", ["f90"] = "fortran", ["m"] = "matlab",
    };

    private const int MaxLabel = 24;

    /// <summary>A fence's label: the first word of its info string (```python title → python); null when there is none.</summary>
    public static string? Label(string? info)
    {
        var word = info?.Trim().Split(' ', 2)[0] ?? "";
        return word.Length is 0 or > MaxLabel ? null : word;
    }

    public static ILanguage? Find(string label) => Languages.FindById(Aliases.GetValueOrDefault(label, label.ToLowerInvariant()));

    /// <summary>
    /// <paramref name="code"/> as escaped HTML, with token spans when <paramref name="label"/> names a language
    /// ColorCode knows and the code is not too long to highlight; ends with as many line breaks as the code does.
    /// </summary>
    public static string ToHtml(string code, string? label)
    {
        var language = label is null || code.Length > MaxHighlighted ? null : Find(label);
        if (language is null) return WebUtility.HtmlEncode(code);
        var html = new HtmlClassFormatter().GetHtmlString(code, language);
        var start = html.IndexOf("<pre>", StringComparison.Ordinal);
        var end = html.LastIndexOf("</pre>", StringComparison.Ordinal);
        // The formatter escapes the code; should its shape ever change, fall back to plain escaped text.
        if (start < 0 || end < start) return WebUtility.HtmlEncode(code);
        // The formatter puts a line break after <pre> and before </pre>; inside <code> either would show.
        var inner = html[(start + 5)..end].Replace("\r\n", "\n", StringComparison.Ordinal);
        if (inner.StartsWith('\n')) inner = inner[1..];
        return inner.TrimEnd('\n') + new string('\n', code.Length - code.TrimEnd('\n').Length);
    }
}
