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
/// paragraph that never pairs them is still frozen once it runs past a few hundred characters. A code fence
/// that is still open is kept in pieces of whole lines, each highlighted once. <see cref="Finish"/> settles the
/// complete reply to its whole rendering (any emphasis that spanned a cut, code highlighting that spanned lines)
/// while keeping every run that rendering starts with.
/// </summary>
internal sealed partial class StreamingMarkdown
{
    private const int FreezeAbove = 600;
    private const int KeepLive = 200;

    private readonly List<MarkupString> _blocks = [];
    private readonly List<MarkupString> _fragments = [];
    private int _stableLength;
    private int _frozenLength;
    private bool _finished;

    public IReadOnlyList<MarkupString> Blocks => _blocks;

    /// <summary>
    /// Frozen pieces of the unfinished block, shown with <see cref="Tail"/> after them: inside one &lt;p&gt; when
    /// <see cref="Kind"/> is <see cref="PieceKind.Paragraph"/>, inside a code block's &lt;code&gt; when it is <see cref="PieceKind.Code"/>.
    /// </summary>
    public IReadOnlyList<MarkupString> Pieces => _fragments;

    public PieceKind Kind { get; private set; }

    /// <summary>The open fence's language label (as <see cref="CodeLanguages.Label"/> reads it), when <see cref="Kind"/> is <see cref="PieceKind.Code"/>.</summary>
    public string? CodeLabel { get; private set; }

    /// <summary>The unfinished rest: block markup, or markup inside the element of <see cref="Kind"/> when there are pieces.</summary>
    public MarkupString Tail { get; private set; }

    public void Update(string text)
    {
        if (text.Length < _stableLength || text.Length < _frozenLength) Reset();
        var boundary = LastBlockBoundary(text, _stableLength);
        if (boundary > _stableLength)
        {
            _blocks.Add(MarkdownRenderer.ToMarkup(text[_stableLength..boundary]));
            _stableLength = _frozenLength = boundary;
            StartPieces(PieceKind.None);
        }

        if (OpenFence(text, _stableLength) is { } fence)
        {
            UpdateCode(text, fence.BodyStart, fence.Label);
            return;
        }
        if (Kind == PieceKind.Code || !IsPlainParagraph(text.AsSpan(_stableLength)))
        {
            // A closed fence, or a list, table or heading that turned out to follow the words frozen so far: show the block whole.
            StartPieces(PieceKind.None);
            Tail = text.Length == _stableLength ? default : MarkdownRenderer.ToMarkup(text[_stableLength..]);
            return;
        }

        var cut = FreezeCut(text, _frozenLength);
        if (cut > _frozenLength && Inline(text[_frozenLength..cut], first: _fragments.Count == 0) is { } fragment)
        {
            _fragments.Add(new MarkupString(fragment));
            _frozenLength = cut;
            Kind = PieceKind.Paragraph;
        }
        var rest = text[_frozenLength..];
        Tail = rest.Length == 0 ? default
            : _fragments.Count == 0 ? MarkdownRenderer.ToMarkup(rest)
            : new MarkupString(Inline(rest, first: false) ?? WebUtility.HtmlEncode(rest));
    }

    /// <summary>
    /// Settles the runs on the finished reply so that, in order, they are exactly its whole rendering: the blocks
    /// kept, the unfinished paragraph's pieces kept and its tail replaced by the rest of that paragraph. Where the
    /// streamed runs are not a prefix of the whole rendering (an emphasis or a list that spanned a cut), the runs from
    /// there on are replaced; at worst the reply is one block, rendered whole. So the page shows what a reload shows,
    /// and the finished reply sends only what changed (bench figure 7).
    /// </summary>
    public void Finish(string text)
    {
        if (_finished) Reset(); // settled once already: start again from the new text
        _finished = true;
        Update(text);
        var whole = MarkdownRenderer.ToHtml(text);
        var kept = 0;
        foreach (var block in _blocks)
        {
            if (kept + block.Value.Length > whole.Length || string.CompareOrdinal(whole, kept, block.Value, 0, block.Value.Length) != 0)
            {
                _blocks.Clear();
                _blocks.Add(new MarkupString(whole));
                StartPieces(PieceKind.None);
                Tail = default;
                return;
            }
            kept += block.Value.Length;
        }
        var rest = whole[kept..];
        if (Kind == PieceKind.Paragraph)
        {
            var pieces = string.Concat(_fragments.Select(f => f.Value));
            var open = "<p>" + pieces;
            // One paragraph that starts with the pieces: its first "</p>" is its end.
            var onePara = rest.EndsWith("</p>\n", StringComparison.Ordinal) && rest.IndexOf("</p>", StringComparison.Ordinal) == rest.Length - "</p>\n".Length;
            if (onePara && rest.StartsWith(open, StringComparison.Ordinal) && rest.Length - "</p>\n".Length >= open.Length)
            {
                Tail = new MarkupString(rest[open.Length..^"</p>\n".Length]);
                return;
            }
            // The pieces are the whole paragraph but for the space after its last word, which a whole rendering trims:
            // keep them, with that space taken off the last one (only it is sent again).
            if (onePara && rest == "<p>" + pieces.TrimEnd() + "</p>\n")
            {
                while (_fragments.Count > 0 && string.IsNullOrWhiteSpace(_fragments[^1].Value)) _fragments.RemoveAt(_fragments.Count - 1);
                if (_fragments.Count > 0) _fragments[^1] = new MarkupString(_fragments[^1].Value.TrimEnd());
                Tail = default;
                return;
            }
        }
        StartPieces(PieceKind.None);
        Tail = rest.Length == 0 ? default : new MarkupString(rest);
    }

    private void Reset()
    {
        _blocks.Clear();
        _stableLength = 0;
        StartPieces(PieceKind.None);
    }

    private void StartPieces(PieceKind kind, int from = -1, string? label = null)
    {
        _fragments.Clear();
        _frozenLength = from < 0 ? _stableLength : from;
        Kind = kind;
        CodeLabel = label;
    }

    /// <summary>An open fence's code: whole lines are highlighted once, as a piece; the line being written is the tail.</summary>
    private void UpdateCode(string text, int bodyStart, string? label)
    {
        if (Kind != PieceKind.Code || CodeLabel != label) StartPieces(PieceKind.Code, bodyStart, label);
        var lineEnd = text.LastIndexOf('\n') + 1;
        if (lineEnd > _frozenLength)
        {
            _fragments.Add(new MarkupString(CodeLanguages.ToHtml(text[_frozenLength..lineEnd], label)));
            _frozenLength = lineEnd;
        }
        // A last line of only ` or ~ is likely the closing fence being written: not code to show yet.
        var rest = text.AsSpan(_frozenLength).Trim();
        var closing = !rest.IsEmpty && (rest.TrimStart('`').IsEmpty || rest.TrimStart('~').IsEmpty);
        Tail = _frozenLength == text.Length || closing ? default : new MarkupString(CodeLanguages.ToHtml(text[_frozenLength..], label));
    }

    /// <summary>
    /// When the text from <paramref name="start"/> is a fenced code block whose opening line is complete and whose
    /// closing fence has not come yet: where its code starts, and its label.
    /// </summary>
    internal static (int BodyStart, string? Label)? OpenFence(string text, int start)
    {
        var firstEnd = text.IndexOf('\n', start);
        if (firstEnd < 0) return null;
        var opener = text.AsSpan(start, firstEnd - start);
        var indent = opener.Length - opener.TrimStart(' ').Length;
        opener = opener.TrimStart(' ');
        if (indent > 3 || !(opener.StartsWith("```") || opener.StartsWith("~~~"))) return null;
        var fence = opener[..(opener.Length - opener.TrimStart(opener[0]).Length)];
        var info = opener[fence.Length..];
        if (fence[0] == '`' && info.Contains('`')) return null; // ``` then a backtick on the line is a code span, not a fence
        for (var lineStart = firstEnd + 1; lineStart < text.Length;)
        {
            var newline = text.IndexOf('\n', lineStart);
            if (newline < 0) break; // the last line is unfinished: it may yet become the closing fence
            var line = text.AsSpan(lineStart, newline - lineStart).Trim();
            if (line.StartsWith(fence) && line.TrimStart(fence[0]).IsEmpty) return null;
            lineStart = newline + 1;
        }
        return (firstEnd + 1, CodeLanguages.Label(info.ToString()));
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

/// <summary>What the pieces of an unfinished block belong to.</summary>
internal enum PieceKind { None, Paragraph, Code }
