using System.Globalization;

namespace ChatAi.Core.Providers;

/// <summary>
/// Turns what a provider says about waiting (retry-after headers, Gemini's RetryInfo) into a sane
/// delay. Providers have sent days-long, negative and non-numeric values; none of them may hang a chat.
/// </summary>
internal static class RetryDelays
{
    /// <summary>Anything longer is nonsense for a chat; keeps TimeSpan arithmetic far from overflow.</summary>
    private static readonly TimeSpan Ceiling = TimeSpan.FromDays(1);

    /// <summary>Reads <c>retry-after-ms</c> first (OpenAI's finer value), then <c>retry-after</c> in seconds or as an HTTP date.</summary>
    public static TimeSpan? FromHeaders(string? retryAfterMs, string? retryAfter, DateTimeOffset now)
    {
        if (ParseNumber(retryAfterMs) is { } ms) return FromSeconds(ms / 1000);
        if (ParseNumber(retryAfter) is { } seconds) return FromSeconds(seconds);
        if (retryAfter is not null
            && DateTimeOffset.TryParseExact(retryAfter.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > Ceiling ? Ceiling : wait;
        }
        return null;
    }

    /// <summary>A protobuf JSON duration such as <c>34s</c>, <c>1.5s</c> or <c>0s</c>.</summary>
    public static TimeSpan? FromDuration(string? duration)
    {
        if (string.IsNullOrWhiteSpace(duration)) return null;
        var text = duration.Trim();
        return text.EndsWith('s') ? FromSeconds(ParseNumber(text[..^1])) : null;
    }

    /// <summary>The wait before retry number <paramref name="attempt"/> (0-based), never above the cap.</summary>
    public static TimeSpan Next(ProviderRetryOptions options, int attempt, TimeSpan? retryAfter)
    {
        var cap = options.MaxRetryAfter;
        if (retryAfter is { } asked) return asked < cap ? asked : cap;

        // Exponential backoff with ±20 % jitter so parallel chats do not retry in lock-step.
        var backoff = options.BaseBackoff.TotalSeconds * Math.Pow(2, Math.Min(attempt, 16));
        backoff *= 0.8 + (Random.Shared.NextDouble() * 0.4);
        return backoff < cap.TotalSeconds ? TimeSpan.FromSeconds(backoff) : cap;
    }

    private static double? ParseNumber(string? text) =>
        text is not null && double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static TimeSpan? FromSeconds(double? seconds) => seconds switch
    {
        null => null,
        var s when !double.IsFinite(s.Value) || s.Value < 0 => null,
        var s when s.Value > Ceiling.TotalSeconds => Ceiling,
        var s => TimeSpan.FromSeconds(s.Value),
    };
}
