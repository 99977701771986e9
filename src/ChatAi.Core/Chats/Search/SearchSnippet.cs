namespace ChatAi.Core.Chats.Search;

/// <summary>A span of a snippet to highlight (<see cref="Start"/> and <see cref="Length"/> in UTF-16 characters of <see cref="SearchSnippet.Text"/>).</summary>
public sealed record SearchHighlight(int Start, int Length);

/// <summary>
/// A short piece of a message or title around its first matching word, as plain text with the ranges of the matching
/// words. Highlights are ranges, never markup: whoever shows a snippet encodes the text and marks the ranges, so a
/// message's own text can never become HTML. Computed here, the same way on SQLite and PostgreSQL.
/// </summary>
public sealed record SearchSnippet(string Text, IReadOnlyList<SearchHighlight> Highlights)
{
    public const int WordsBefore = 6;
    public const int MaxChars = 160;

    public static SearchSnippet Make(string text, SearchQuery query)
    {
        var words = Words(text);
        var first = words.FindIndex(w => query.Matches(Lower(text, w)));
        var start = first <= WordsBefore ? 0 : words[first - WordsBefore].Start;
        var end = Math.Min(text.Length, start + MaxChars);
        // Never cut a word (or a surrogate pair) in half at the end.
        var cut = words.FindLast(w => w.Start < end && w.Start + w.Length > end);
        if (cut != default && cut.Start > start) end = cut.Start;
        if (end < text.Length && char.IsLowSurrogate(text[end])) end--;
        var piece = text[start..end];
        var lead = piece.Length - piece.TrimStart().Length;
        var prefix = start > 0 ? "… " : "";
        var shown = Flatten(prefix + piece.Trim() + (end < text.Length ? " …" : ""));
        var shift = prefix.Length - lead - start;
        var highlights = words
            .Where(w => w.Start >= start && w.Start + w.Length <= end && query.Matches(Lower(text, w)))
            .Select(w => new SearchHighlight(w.Start + shift, w.Length))
            .Where(h => h.Start >= 0 && h.Start + h.Length <= shown.Length)
            .ToList();
        return new SearchSnippet(shown, highlights);
    }

    /// <summary>Line breaks and tabs as spaces: same length, so the ranges stay put.</summary>
    private static string Flatten(string text) =>
        string.Create(text.Length, text, (span, s) =>
        {
            for (var i = 0; i < s.Length; i++) span[i] = char.IsControl(s[i]) ? ' ' : s[i];
        });

    private static string Lower(string text, (int Start, int Length) word) => text.Substring(word.Start, word.Length).ToLowerInvariant();

    private static List<(int Start, int Length)> Words(string text)
    {
        var words = new List<(int, int)>();
        for (var i = 0; i < text.Length;)
        {
            if (!char.IsLetterOrDigit(text[i])) { i++; continue; }
            var start = i;
            while (i < text.Length && char.IsLetterOrDigit(text[i])) i++;
            words.Add((start, i - start));
        }
        return words;
    }
}
