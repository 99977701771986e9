namespace ChatAi.Core.Providers;

/// <summary>
/// What one HTTP attempt reports back to <see cref="ResilientStream"/>: the timers to feed and how the
/// reply finished. Attempts yield only text; the runner emits the single <see cref="StreamFinished"/>.
/// </summary>
internal sealed class StreamAttempt(StreamWatchdog watchdog)
{
    /// <summary>Pass to every network call of the attempt: it fires on our timeouts and on the caller's cancellation.</summary>
    public CancellationToken Token => watchdog.Token;

    public FinishReason? Finish { get; private set; }
    public string? FinishDetail { get; private set; }
    public TokenUsage? Usage { get; set; }

    /// <summary>Call for every data chunk (not for keep-alives): restarts the idle timer.</summary>
    public void Touch() => watchdog.Touch();

    public void Finished(FinishReason reason, string? detail)
    {
        // The first reason wins: a later chunk must not turn a content-filter stop into a plain stop.
        if (Finish is not null) return;
        Finish = reason;
        FinishDetail = detail;
    }
}
