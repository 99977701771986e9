using Microsoft.AspNetCore.Components;

namespace ChatAi.Web.Rendering;

/// <summary>
/// Markdown for a reply that is still growing. Finished blocks (text up to a blank line outside a code
/// fence) are rendered once and kept; only the unfinished tail is parsed again on each update, so a
/// long reply costs the same per token at its end as at its start. The complete reply is rendered whole.
/// </summary>
internal sealed class StreamingMarkdown
{
    private readonly List<MarkupString> _blocks = [];
    private int _stableLength;

    public IReadOnlyList<MarkupString> Blocks => _blocks;
    public MarkupString Tail { get; private set; }

    public void Update(string text)
    {
        if (text.Length < _stableLength) Reset();
        var boundary = LastBlockBoundary(text, _stableLength);
        if (boundary > _stableLength)
        {
            _blocks.Add(MarkdownRenderer.ToMarkup(text[_stableLength..boundary]));
            _stableLength = boundary;
        }
        Tail = _stableLength < text.Length ? MarkdownRenderer.ToMarkup(text[_stableLength..]) : default;
    }

    private void Reset()
    {
        _blocks.Clear();
        _stableLength = 0;
    }

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
