namespace ChatAi.Core.Providers;

/// <summary>
/// One attempt's cancellation: the caller's token plus our first-token and idle timers, as a single
/// linked token handed to the HTTP call. Tells our own timeout apart from the caller giving up.
/// </summary>
internal sealed class StreamWatchdog : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly CancellationToken _caller;
    private readonly ProviderTimeoutOptions _timeouts;
    private bool _disposed;

    public StreamWatchdog(ProviderTimeoutOptions timeouts, CancellationToken caller)
    {
        _timeouts = timeouts;
        _caller = caller;
        _source = CancellationTokenSource.CreateLinkedTokenSource(caller);
        _source.CancelAfter(timeouts.FirstToken);
    }

    public CancellationToken Token => _source.Token;

    /// <summary>Whether a data chunk has arrived, i.e. which of the two timers is running.</summary>
    public bool SawData { get; private set; }

    /// <summary>True when the token fired because of our timer, not the caller.</summary>
    public bool TimedOut => _source.IsCancellationRequested && !_caller.IsCancellationRequested;

    /// <summary>A data chunk arrived: the idle timer starts over. Keep-alive comments do not count.</summary>
    public void Touch()
    {
        SawData = true;
        Restart();
    }

    /// <summary>Stops the clock while the consumer handles an event, so a slow consumer is not blamed on the provider.</summary>
    public void Pause()
    {
        if (!_disposed && !_source.IsCancellationRequested) _source.CancelAfter(Timeout.InfiniteTimeSpan);
    }

    public void Resume() => Restart();

    public ModelProviderException TimeoutException(string provider) => SawData
        ? new(ProviderErrorKind.Timeout, $"{provider} stopped sending the reply for {Describe(_timeouts.Idle)}.")
        : new(ProviderErrorKind.Timeout, $"{provider} did not start answering within {Describe(_timeouts.FirstToken)}.");

    private void Restart()
    {
        if (!_disposed && !_source.IsCancellationRequested)
            _source.CancelAfter(SawData ? _timeouts.Idle : _timeouts.FirstToken);
    }

    private static string Describe(TimeSpan span) =>
        span.TotalSeconds >= 1 ? $"{span.TotalSeconds:0.#} s" : $"{span.TotalMilliseconds:0} ms";

    public void Dispose()
    {
        _disposed = true;
        _source.Dispose();
    }
}
