using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;

namespace ChatAi.Web.Rendering;

/// <summary>
/// Markdown for a reply that is still growing, so a long reply costs the same per token at its end as at its
/// start, and each render sends about what arrived since the last one. Finished blocks (text up to a blank line
/// outside a code fence) are rendered once and kept. The unfinished paragraph is kept in pieces: at each update
/// the words up to the last space are frozen into an inline fragment when their markup cannot change any more
/// (every run of `, $, *, _ or ~ paired and every bracket closed), so only the word being written is parsed again; a
/// paragraph that never pairs them is still frozen once it runs past a few hundred characters. The complete
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

        if (!IsPlainParagraph(text.AsSpan(_stableLength)))
        {
            // A list, table or heading turned out to follow the words frozen so far: show the block whole.
            _fragments.Clear();
            _frozenLength = _stableLength;
            Tail = text.Length == _stableLength ? default : MarkdownRenderer.ToMarkup(text[_stableLength..]);
            return;
        }

        var cut = FreezeCut(text, _frozenLength);
        if (cut > _frozenLength && Inline(text[_frozenLength..cut], first: _fragments.Count == 0) is { } fragment)
        {
            _fragments.Add(new MarkupString(fragment));
            _frozenLength = cut;
        }
        var rest = text[_frozenLength..];
        Tail = rest.Length == 0 ? default
            : _fragments.Count == 0 ? MarkdownRenderer.ToMarkup(rest)
            : new MarkupString(Inline(rest, first: false) ?? WebUtility.HtmlEncode(rest));
    }

    private void Reset()
    {
        _blocks.Clear();
        _fragments.Clear();
        _stableLength = _frozenLength = 0;
    }

    /// <summary>
    /// Where the words from <paramref name="from"/> can be cut off for good: after the last space (one that
    /// ends a word and starts the next, or ends the text) at which every inline delimiter since
    /// <paramref name="from"/> is paired. Failing that, once the live text is long, after the last space
    /// <see cref="KeepLive"/> characters before its end. <paramref name="from"/> when there is no cut.
    /// </summary>
    internal static int FreezeCut(string text, int from)
    {
        int ticks = 0, dollars = 0, stars = 0, unders = 0, tildes = 0, squares = 0, rounds = 0, angles = 0;
        var cut = from;
        for (var i = from; i < text.Length; i++)
        {
            // Delimiters are counted as runs: ** opens once, as * does.
            var c = text[i];
            if (i > from && c == text[i - 1] && c is '`' or '$' or '*' or '_' or '~') continue;
            switch (c)
            {
                case '`': ticks++; break;
                case '$': dollars++; break;
                case '*': stars++; break;
                case '_': unders++; break;
                case '~': tildes++; break;
                case '[': squares++; break;
                case ']': squares--; break;
                case '(': rounds++; break;
                case ')': rounds--; break;
                case '<': angles++; break;
                case '>': angles--; break;
                case ' ' when i > from && !char.IsWhiteSpace(text[i - 1]) && (i + 1 == text.Length || !char.IsWhiteSpace(text[i + 1])):
                    if (((ticks | dollars | stars | unders | tildes) & 1) == 0 && (squares | rounds | angles) == 0) cut = i + 1;
                    break;
            }
        }
        if (cut == from && text.Length - from > FreezeAbove)
        {
            var space = text.LastIndexOf(' ', text.Length - KeepLive, text.Length - KeepLive - from);
            if (space > from) cut = space + 1;
        }
        return cut;
    }

    /// <summary>
    /// Words from the middle of a paragraph as inline markup (no &lt;p&gt; around them), or null when they do not
    /// make one paragraph. They are parsed after a "(" that is then dropped, so words that would start a block
    /// at the start of a line ("1. ", "- ", "# ") stay words, as they are mid-line.
    /// </summary>
    private static string? Inline(string text, bool first)
    {
        if (first) text = text.TrimStart();
        var html = MarkdownRenderer.ToHtml("(" + text).Trim();
        if (!html.StartsWith("<p>(", StringComparison.Ordinal) || !html.EndsWith("</p>", StringComparison.Ordinal)
            || html.IndexOf("<p>", 4, StringComparison.Ordinal) >= 0) return null;
        html = html[4..^4];
        // Markdig trims the paragraph's end; the space between this piece and the next must stay.
        return text.Length > 0 && char.IsWhiteSpace(text[^1]) ? html + " " : html;
    }

    /// <summary>Text that can only be a paragraph: no line starts a heading, list, quote, table, fence or math block, or underlines a heading.</summary>
    private static bool IsPlainParagraph(ReadOnlySpan<char> text)
    {
        foreach (var range in text.Split('\n'))
            if (BlockStart().IsMatch(text[range])) return false;
        return true;
    }

    [GeneratedRegex(@"^\s{0,3}([#>|*+\-=]|```|~~~|\$\$|\d+[.)](\s|$))")]
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
