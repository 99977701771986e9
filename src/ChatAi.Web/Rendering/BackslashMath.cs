using Markdig;
using Markdig.Extensions.Mathematics;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Parsers.Inlines;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace ChatAi.Web.Rendering;

/// <summary>
/// LaTeX's own delimiters, which models use as often as dollars: <c>\(…\)</c> inline and <c>\[…\]</c> displayed.
/// Markdig's math extension knows only <c>$…$</c> and <c>$$…$$</c>; this parser turns the backslash forms into the
/// same <see cref="MathInline"/> (marked <c>math-display</c> for <c>\[…\]</c>), before <c>\(</c> is read as an
/// escaped parenthesis. Code spans and blocks are parsed first, so math inside them stays text.
/// </summary>
internal sealed class BackslashMathExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        if (!pipeline.InlineParsers.Contains<BackslashMathParser>())
            pipeline.InlineParsers.InsertBefore<EscapeInlineParser>(new BackslashMathParser());
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer) { }
}

internal sealed class BackslashMathParser : InlineParser
{
    public BackslashMathParser() => OpeningCharacters = ['\\'];

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        var open = slice.PeekChar();
        if (open is not ('(' or '[')) return false;
        var close = open == '(' ? "\\)" : "\\]";
        var text = slice.Text;
        var contentStart = slice.Start + 2;
        var end = text.IndexOf(close, contentStart, slice.End - contentStart + 1, StringComparison.Ordinal);
        if (end < 0 || string.IsNullOrWhiteSpace(text[contentStart..end])) return false;

        var start = processor.GetSourcePosition(slice.Start, out var line, out var column);
        var math = new MathInline
        {
            Delimiter = '\\',
            DelimiterCount = open == '(' ? 1 : 2,
            Content = new StringSlice(text, contentStart, end - 1),
            Span = new SourceSpan(start, start + (end + 1 - slice.Start)),
            Line = line,
            Column = column,
        };
        math.GetAttributes().AddClass("math");
        if (open == '[') math.GetAttributes().AddClass("math-display");
        processor.Inline = math;
        slice.Start = end + 2;
        return true;
    }
}
