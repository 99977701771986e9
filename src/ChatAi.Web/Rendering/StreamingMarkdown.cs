using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;

namespace ChatAi.Web.Rendering;

/// <summary>
/// Markdown for a reply that is still growing, so a long reply costs the same per token at its end as at
/// its start. Finished blocks (text up to a blank line outside a code fence) are rendered once and kept.
/// A long unfinished paragraph is kept in pieces too: its older words are frozen into inline fragments
/// shown inside one paragraph, and only the last few hundred characters are parsed again. The complete
/// reply is rendered whole, which settles any emphasis that spanned a cut.
/// </summary>
internal sealed partial class StreamingMarkdown
{
    private const int FreezeAbove = 600;
    private const int KeepLive = 200;

    private readonly List<MarkupString> _blocks = [];
    private readonly List<MarkupString> _fragments = [];
    private int _stableLength;
    private int _frozenLength;

    public IReadOnlyList<MarkupString> Blocks => _blocks;

    /// <summary>Frozen inline pieces of the unfinished paragraph; when not empty, show them and <see cref="Tail"/> inside one &lt;p&gt;.</summary>
    public IReadOnlyList<MarkupString> ParagraphFragments => _fragments;

    /// <summary>The unfinished rest: block markup, or inline markup when <see cref="ParagraphFragments"/> is not empty.</summary>
    public MarkupString Tail { get; private set; }

    public void Update(string text)
    {
        if (text.Length < _stableLength || text.Length < _frozenLength) Reset();
        var boundary = LastBlockBoundary(text, _stableLength);
        if (boundary > _stableLength)
        {
            _blocks.Add(MarkdownRenderer.ToMarkup(text[_stableLength..boundary]));
            _stableLength = _frozenLength = boundary;
            _fragments.Clear();
        }

        if (IsPlainParagraph(text.AsSpan(_stableLength)) && text.Length - _frozenLength > FreezeAbove)
        {
            var cut = text.LastIndexOf(' ', text.Length - KeepLive, text.Length - KeepLive - _frozenLength);
            if (cut > _frozenLength)
            {
                _fragments.Add(new MarkupString(Inline(text[_frozenLength..(cut + 1)])));
                _frozenLength = cut + 1;
            }
        }
        var rest = text[Math.Max(_stableLength, _frozenLength)..];
        Tail = rest.Length == 0 ? default : _fragments.Count > 0 ? new MarkupString(Inline(rest)) : MarkdownRenderer.ToMarkup(rest);
    }

    private void Reset()
    {
        _blocks.Clear();
        _fragments.Clear();
        _stableLength = _frozenLength = 0;
    }

    /// <summary>A paragraph's words as inline markup (no &lt;p&gt; around them).</summary>
    private static string Inline(string text)
    {
        var html = MarkdownRenderer.ToHtml(text).Trim();
        if (html.StartsWith("<p>", StringComparison.Ordinal) && html.EndsWith("</p>", StringComparison.Ordinal)) html = html[3..^4];
        // Markdig trims the paragraph's end; the space between this piece and the next must stay.
        return text.Length > 0 && char.IsWhiteSpace(text[^1]) ? html + " " : html;
    }

    /// <summary>Text that can only be a paragraph: no line starts a heading, list, quote, table or fence.</summary>
    private static bool IsPlainParagraph(ReadOnlySpan<char> text)
    {
        foreach (var range in text.Split('\n'))
            if (BlockStart().IsMatch(text[range])) return false;
        return true;
    }

    [GeneratedRegex(@"^\s{0,3}([#>|*+\-]|```|~~~|\d+[.)]\s)")]
    private static partial Regex BlockStart();

    /// <summary>The end of the last blank line after <paramref name="start"/> that is not inside a ``` fence.</summary>
    internal static int LastBlockBoundary(string text, int start)
    {
        var boundary = start;
        var inFence = false;
        var lineStart = start;
        while (lineStart < text.Length)
        {
            var newline = text.IndexOf('\n', lineStart);
            if (newline < 0) break; // the last line is unfinished
            var line = text.AsSpan(lineStart, newline - lineStart).Trim();
            if (line.StartsWith("```") || line.StartsWith("~~~")) inFence = !inFence;
            else if (line.IsEmpty && !inFence && newline > start) boundary = newline + 1;
            lineStart = newline + 1;
        }
        return boundary;
    }
}
