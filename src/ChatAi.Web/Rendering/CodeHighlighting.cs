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

internal sealed class HighlightedCodeBlockRenderer : HtmlObjectRenderer<CodeBlock>
{
    private const int MaxLabel = 24;
    // Highlighting is regular expressions over the whole block: past this size a block is shown plain.
    private const int MaxHighlighted = 20_000;

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
        var language = label is null || code.Length > MaxHighlighted ? null : CodeLanguages.Find(label);
        if (language is null) renderer.WriteEscape(code);
        else renderer.Write(CodeLanguages.Highlight(code, language));
        renderer.WriteLine("</code></pre></div>");
    }

    /// <summary>The fence's first word (```python title → python), or null for an unlabelled or indented block.</summary>
    private static string? Label(CodeBlock block)
    {
        if (block is not FencedCodeBlock { Info: { Length: > 0 } info }) return null;
        var word = info.Split(' ', 2)[0].Trim();
        return word.Length is 0 or > MaxLabel ? null : word;
    }

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
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["cs"] = "c#", ["csharp"] = "c#", ["c#"] = "c#", ["py"] = "python", ["python3"] = "python",
        ["js"] = "javascript", ["jsx"] = "javascript", ["mjs"] = "javascript", ["ts"] = "typescript", ["tsx"] = "typescript",
        ["c"] = "cpp", ["c++"] = "cpp", ["cc"] = "cpp", ["h"] = "cpp", ["hpp"] = "cpp",
        ["ps1"] = "powershell", ["pwsh"] = "powershell", ["fs"] = "f#", ["fsharp"] = "f#", ["vb"] = "vb.net",
        ["md"] = "markdown", ["htm"] = "html", ["xaml"] = "xml", ["svg"] = "xml", ["csproj"] = "xml",
        ["hs"] = "haskell", ["f90"] = "fortran", ["m"] = "matlab",
    };

    public static ILanguage? Find(string label) => Languages.FindById(Aliases.GetValueOrDefault(label, label.ToLowerInvariant()));

    /// <summary>The code as escaped HTML with token spans, without the formatter's own &lt;div&gt;&lt;pre&gt; around it.</summary>
    public static string Highlight(string code, ILanguage language)
    {
        var html = new HtmlClassFormatter().GetHtmlString(code, language);
        var start = html.IndexOf("<pre>", StringComparison.Ordinal);
        var end = html.LastIndexOf("</pre>", StringComparison.Ordinal);
        // The formatter escapes the code; should its shape ever change, fall back to plain escaped text.
        if (start < 0 || end < start) return WebUtility.HtmlEncode(code);
        // The formatter puts a line break after <pre> and before </pre>; inside <code> either would show.
        var inner = html[(start + 5)..end].Replace("\r\n", "\n", StringComparison.Ordinal);
        if (inner.StartsWith('\n')) inner = inner[1..];
        return inner.TrimEnd('\n') + "\n";
    }
}
