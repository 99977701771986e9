using System.Text;

namespace ChatAi.Core.Chats.Search;

/// <summary>
/// What a user typed, reduced to plain words (letters and digits only) before it reaches either full-text engine: no
/// quote, star, minus, NEAR or colon can change the query's meaning or make it fail. Every word must match; the last one
/// also matches as a prefix, so results follow typing.
/// </summary>
public sealed class SearchQuery
{
    public const int MaxLength = 200;
    public const int MaxTerms = 8;
    public const int MaxTermLength = 64;

    private SearchQuery(IReadOnlyList<string> terms) => Terms = terms;

    /// <summary>Lower-case words, in the order typed, without repeats.</summary>
    public IReadOnlyList<string> Terms { get; }

    /// <summary>The words of <paramref name="text"/>, or null when it has none (then nothing can match).</summary>
    public static SearchQuery? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var terms = new List<string>();
        var word = new StringBuilder();
        foreach (var ch in text.AsSpan(0, Math.Min(text.Length, MaxLength)))
        {
            if (char.IsLetterOrDigit(ch)) { word.Append(char.ToLowerInvariant(ch)); continue; }
            Add(terms, word);
        }
        Add(terms, word);
        return terms.Count == 0 ? null : new SearchQuery(terms);
    }

    private static void Add(List<string> terms, StringBuilder word)
    {
        if (word.Length is > 0 and <= MaxTermLength && terms.Count < MaxTerms && !terms.Contains(word.ToString())) terms.Add(word.ToString());
        word.Clear();
    }

    /// <summary>An FTS5 query: every word as a quoted string (nothing in it is syntax), the last one a prefix.</summary>
    public string ToFts5() => string.Join(' ', Terms.Select((t, i) => i == Terms.Count - 1 ? $"\"{t}\"*" : $"\"{t}\""));

    /// <summary>A PostgreSQL <c>to_tsquery</c> text: quoted lexemes joined by AND, the last one a prefix.</summary>
    public string ToTsQuery() => string.Join(" & ", Terms.Select((t, i) => i == Terms.Count - 1 ? $"'{t}':*" : $"'{t}'"));

    /// <summary>Whether <paramref name="word"/> (lower case) is one of the terms, or starts with the last one.</summary>
    public bool Matches(string word) => TermOf(word) >= 0;

    /// <summary>The index of the first term <paramref name="word"/> (lower case) matches, or -1.</summary>
    public int TermOf(string word)
    {
        for (var i = 0; i < Terms.Count; i++)
            if (i == Terms.Count - 1 ? word.StartsWith(Terms[i], StringComparison.Ordinal) : word == Terms[i]) return i;
        return -1;
    }

    /// <summary>
    /// An FTS5 query for the words of one owner's rows in tables with the columns "Owner" and <paramref name="column"/>
    /// (migration ScopeSearchToOwner): the owner's token ('u' and the hex of the id's UTF-8 bytes, as the triggers write
    /// it: one token of letters and digits whatever the id holds) AND every word, each limited to its column.
    /// </summary>
    public string ToFts5(string ownerId, string column) =>
        $"{{Owner}} : \"u{Convert.ToHexStringLower(Encoding.UTF8.GetBytes(ownerId))}\" AND {{{column}}} : ({ToFts5()})";
}
