namespace ChatAi.Tests.Fakes;

/// <summary>How a streamed reply ends when it does not simply complete.</summary>
public enum StreamEnd
{
    /// <summary>Every event, then a normal end of the body.</summary>
    Complete,

    /// <summary>Silence with the connection open until the client gives up.</summary>
    Stall,

    /// <summary>A clean end of the body without the closing events (no finish reason, no [DONE]).</summary>
    CleanClose,

    /// <summary>A connection reset.</summary>
    Abort,

    /// <summary><c>data: {"error":…}</c>, then a clean end.</summary>
    ErrorEvent,

    /// <summary><c>event: error</c> + <c>data: {"error":…}</c>, then a clean end.</summary>
    NamedErrorEvent,
}

/// <summary>The shape of a streamed reply: pacing, splitting and where it breaks.</summary>
public sealed record StreamPlan
{
    /// <summary>Each event goes out as two writes, cut at this byte offset.</summary>
    public int? SplitAt { get; init; }

    /// <summary>Pause before each event.</summary>
    public TimeSpan Gap { get; init; }

    /// <summary>How many text chunks go out before <see cref="End"/> applies; null means all of them.</summary>
    public int? FaultAfter { get; init; }

    public StreamEnd End { get; init; } = StreamEnd.Complete;

    /// <summary>A <c>: keep-alive</c> comment before every event.</summary>
    public bool KeepAlives { get; init; }

    /// <summary>Replaces the wire's line ending (e.g. LF for Gemini, or a bare CR).</summary>
    public string? LineEnding { get; init; }

    public static StreamPlan Default { get; } = new();

    /// <summary>Writes prelude, text and closing events following the plan.</summary>
    internal async Task RunAsync(FakeExchange exchange, IEnumerable<string> prelude, IReadOnlyList<string> text,
        IEnumerable<string> closing, string errorJson, string wireLineEnding)
    {
        var eol = LineEnding ?? wireLineEnding;
        var broken = End != StreamEnd.Complete;
        var events = prelude.Concat(text.Take(broken ? FaultAfter ?? text.Count : text.Count));
        if (!broken) events = events.Concat(closing);

        foreach (var e in events) await WriteEventAsync(exchange, e, eol);

        switch (End)
        {
            case StreamEnd.Stall:
                await exchange.StallAsync();
                break;
            case StreamEnd.Abort:
                // A reset discards data the client has not read yet; let the text arrive first.
                await exchange.DelayAsync(TimeSpan.FromMilliseconds(150));
                exchange.Abort();
                break;
            case StreamEnd.ErrorEvent:
                await WriteEventAsync(exchange, $"data: {errorJson}\n\n", eol);
                break;
            case StreamEnd.NamedErrorEvent:
                await WriteEventAsync(exchange, $"event: error\ndata: {errorJson}\n\n", eol);
                break;
        }
    }

    private async Task WriteEventAsync(FakeExchange exchange, string lfEvent, string eol)
    {
        if (Gap > TimeSpan.Zero) await exchange.DelayAsync(Gap);
        if (KeepAlives) await exchange.WriteAsync($": keep-alive{eol}{eol}");
        await exchange.WriteAsync(lfEvent.Replace("\n", eol, StringComparison.Ordinal), SplitAt);
    }
}
