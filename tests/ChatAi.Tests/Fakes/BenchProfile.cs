using System.Text.RegularExpressions;

namespace ChatAi.Tests.Fakes;

/// <summary>
/// Upstream pacing for benchmarks, asked for by model name <c>bench-&lt;profile&gt;-&lt;tokens&gt;</c>:
/// <c>zero</c> (no delay: isolates our own overhead), <c>realistic</c> (about 400 ms to the first token,
/// then 60 tokens/s), <c>bursty</c> (Gemini-like: 700 ms, then 20-token bursts every 330 ms) and
/// <c>fast</c> (400 tokens/s, for long replies). Each token is one short word and its space.
/// </summary>
public sealed partial record BenchProfile(string Name, TimeSpan FirstToken, TimeSpan Gap, int TokensPerChunk)
{
    public static readonly BenchProfile Zero = new("zero", TimeSpan.Zero, TimeSpan.Zero, 1);
    public static readonly BenchProfile Realistic = new("realistic", TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(1.0 / 60), 1);
    public static readonly BenchProfile Bursty = new("bursty", TimeSpan.FromMilliseconds(700), TimeSpan.FromMilliseconds(330), 20);
    public static readonly BenchProfile Fast = new("fast", TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(1.0 / 400), 1);

    public static bool TryParse(string? model, out BenchProfile profile, out int tokens)
    {
        profile = Zero;
        tokens = 0;
        var match = model is null ? Match.Empty : Shape().Match(model);
        if (!match.Success) return false;
        tokens = int.Parse(match.Groups["tokens"].Value);
        profile = match.Groups["name"].Value switch
        {
            "realistic" => Realistic,
            "bursty" => Bursty,
            "fast" => Fast,
            _ => Zero,
        };
        return true;
    }

    /// <summary>The reply's text chunks: <paramref name="tokens"/> words, grouped by <see cref="TokensPerChunk"/>.</summary>
    public IReadOnlyList<string> Chunks(int tokens) =>
        Enumerable.Range(0, tokens).Chunk(TokensPerChunk).Select(group => string.Concat(group.Select(i => $"w{i % 1000} "))).ToList();

    /// <summary>Writes the events with this pacing; the caller supplies the wire format.</summary>
    internal async Task WriteAsync(FakeExchange exchange, IReadOnlyList<string> textEvents, IEnumerable<string> closing, string eol)
    {
        if (FirstToken > TimeSpan.Zero) await exchange.DelayAsync(FirstToken);
        var start = DateTime.UtcNow;
        for (var i = 0; i < textEvents.Count; i++)
        {
            // Paced against the clock, not by summing delays, so timer slack does not slow the stream down.
            var due = start + Gap * i;
            var wait = due - DateTime.UtcNow;
            if (wait > TimeSpan.FromMilliseconds(1)) await exchange.DelayAsync(wait);
            await exchange.WriteAsync(textEvents[i].Replace("\n", eol, StringComparison.Ordinal));
        }
        foreach (var e in closing) await exchange.WriteAsync(e.Replace("\n", eol, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"^bench-(?<name>zero|realistic|bursty|fast)-(?<tokens>\d{1,6})$")]
    private static partial Regex Shape();
}
