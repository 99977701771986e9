using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace ChatAi.Core.Providers;

/// <summary>
/// The part both providers share: attempts, retries (only before the first text reached the caller),
/// first-token and idle timeouts, and the rule that a stream ends with exactly one
/// <see cref="StreamFinished"/> or a <see cref="ModelProviderException"/>.
/// </summary>
internal sealed class ResilientStream(string providerName, ProviderOptions options, ILogger logger)
{
    /// <param name="attempt">Sends one request and yields its text; reports the finish on the <see cref="StreamAttempt"/>.</param>
    /// <param name="mapException">Provider-specific translation of SDK/HTTP exceptions; null for "not mine".</param>
    public async IAsyncEnumerable<ModelStreamEvent> RunAsync(
        Func<StreamAttempt, IAsyncEnumerable<TextDelta>> attempt,
        Func<Exception, ModelProviderException?> mapException,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var number = 0; ; number++)
        {
            ModelProviderException? failure = null;
            var yielded = false;
            using (var watchdog = new StreamWatchdog(options.Timeouts, cancellationToken))
            {
                var state = new StreamAttempt(watchdog);
                var enumerator = attempt(state).GetAsyncEnumerator(watchdog.Token);
                await using (enumerator.ConfigureAwait(false))
                {
                    while (true)
                    {
                        try
                        {
                            if (!await enumerator.MoveNextAsync().ConfigureAwait(false)) break;
                        }
                        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                        {
                            throw;
                        }
                        catch (Exception ex) when (state.Finish is null)
                        {
                            failure = Classify(ex, watchdog, mapException);
                            break;
                        }
                        catch (Exception ex)
                        {
                            // The reply was complete; whatever broke afterwards (a stall before [DONE],
                            // a late error event) does not make it less complete.
                            logger.LogDebug("{Provider} stream failed after its finish reason ({Error}); keeping the reply.", providerName, ex.GetType().Name);
                            break;
                        }

                        if (enumerator.Current.Text.Length == 0) continue;
                        yielded = true;
                        watchdog.Pause();
                        yield return enumerator.Current;
                        watchdog.Resume();
                    }
                }

                if (failure is null)
                {
                    if (state.Finish is { } reason)
                    {
                        yield return new StreamFinished(reason, state.Usage, state.FinishDetail);
                        yield break;
                    }
                    failure = new ModelProviderException(ProviderErrorKind.TruncatedStream,
                        $"The reply from {providerName} ended before it was complete.");
                }
            }

            if (yielded || number >= options.Retry.MaxRetries || !IsRetryable(failure.Kind))
            {
                logger.LogWarning("{Provider} request failed: {Kind} (attempt {Attempt}).", providerName, failure.Kind, number + 1);
                throw failure;
            }

            var delay = RetryDelays.Next(options.Retry, number, failure.RetryAfter);
            logger.LogInformation("{Provider} request failed with {Kind}; retry {Retry} of {MaxRetries} in {Delay} ms.",
                providerName, failure.Kind, number + 1, options.Retry.MaxRetries, (int)delay.TotalMilliseconds);
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsRetryable(ProviderErrorKind kind) => kind is
        ProviderErrorKind.RateLimited or ProviderErrorKind.ServerError or ProviderErrorKind.Network or ProviderErrorKind.TruncatedStream;

    private ModelProviderException Classify(Exception ex, StreamWatchdog watchdog, Func<Exception, ModelProviderException?> mapException)
    {
        if (ex is ModelProviderException known) return known;
        // Our timer fired: whatever the SDK made of the aborted read (cancellation, IOException) is a timeout.
        if (watchdog.TimedOut) return watchdog.TimeoutException(providerName);
        if (mapException(ex) is { } mapped) return mapped;

        switch (ex)
        {
            case OperationCanceledException or TimeoutException:
                return new(ProviderErrorKind.Timeout, $"{providerName} did not answer in time.", inner: ex);
            case HttpRequestException or IOException:
                return new(ProviderErrorKind.Network, $"Could not reach {providerName}, or the connection dropped.", inner: ex);
            case JsonException or InvalidDataException:
                return new(ProviderErrorKind.MalformedResponse, $"{providerName} sent a reply that could not be read.", inner: ex);
            default:
                logger.LogError(ex, "Unexpected failure while streaming from {Provider}.", providerName);
                return new(ProviderErrorKind.MalformedResponse, $"Unexpected error while reading the reply from {providerName}.", inner: ex);
        }
    }
}
