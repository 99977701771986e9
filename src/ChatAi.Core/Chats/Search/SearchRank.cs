namespace ChatAi.Core.Chats.Search;

/// <summary>A title or message that matched, as the database hands it over: newest first.</summary>
/// <param name="Text">The title, or the message's first <see cref="SearchRank.MaxRankedChars"/> characters.</param>
/// <param name="Recency">Larger is newer (a message's id; a chat's creation order).</param>
internal sealed record SearchCandidate(Guid ChatId, long? MessageId, DateTime At, string Text, long Recency);

/// <summary>
/// The order of results, the same on SQLite and PostgreSQL: the newest <see cref="Window"/> matches (the database walks
/// the caller's matches newest first and stops there) come best first, then older matches follow newest first. "Best" is
/// a BM25 score over the words of the text (term frequency, saturated, against the text's length relative to the
/// window's average); every candidate holds every word, so the words' rarity across the window adds nothing and is left
/// out. The cost of a page is bounded by the window and the offset, never by how many matches the user has in all.
/// </summary>
internal static class SearchRank
{
    public const int Window = 100;
    public const int MaxRankedChars = 4000;
    private const double K1 = 1.2, B = 0.75;

    /// <summary>How many of the newest matches the database must hand over for a page ending at <paramref name="end"/> (one more tells whether there is a next page).</summary>
    public static int CandidatesFor(int end) => Math.Max(Window, end) + 1;

    /// <summary><paramref name="candidates"/> in result order.</summary>
    public static IEnumerable<SearchCandidate> Order(IEnumerable<SearchCandidate> candidates, SearchQuery query)
    {
        var newest = candidates.OrderByDescending(c => c.Recency).ToList();
        var window = newest.Take(Window).Select(c => (Candidate: c, Counts: Count(c.Text, query))).ToList();
        if (window.Count == 0) return [];
        var averageLength = Math.Max(1, window.Average(w => w.Counts.Length));
        return window
            .OrderByDescending(w => Score(w.Counts, averageLength))
            .ThenByDescending(w => w.Candidate.Recency)
            .Select(w => w.Candidate)
            .Concat(newest.Skip(Window));
    }

    private static double Score((int[] Frequencies, int Length) counts, double averageLength)
    {
        var norm = K1 * (1 - B + B * counts.Length / averageLength);
        return counts.Frequencies.Sum(f => f * (K1 + 1) / (f + norm));
    }

    /// <summary>How often each term occurs in <paramref name="text"/>, and how many words it has.</summary>
    private static (int[] Frequencies, int Length) Count(string text, SearchQuery query)
    {
        var frequencies = new int[query.Terms.Count];
        var length = 0;
        for (var i = 0; i < text.Length;)
        {
            if (!char.IsLetterOrDigit(text[i])) { i++; continue; }
            var start = i;
            while (i < text.Length && char.IsLetterOrDigit(text[i])) i++;
            length++;
            if (query.TermOf(text.AsSpan(start, i - start).ToString().ToLowerInvariant()) is var term and >= 0) frequencies[term]++;
        }
        return (frequencies, length);
    }
}
