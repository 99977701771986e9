using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace ChatAi.Core.Providers;

/// <summary>
/// The middleware every provider's pipeline shares: attempts, retries (only before any text reached the
/// caller), first-token and idle timeouts, and the rule that a stream ends with a finish reason or a
/// <see cref="ModelProviderException"/> — never silently (the OpenAI SDK ends quietly on a cut stream).
/// Provider clients below it only translate their own errors; everything else is classified here.
/// </summary>
internal sealed class ResilientChatClient(IChatClient innerClient, string providerName, ProviderOptions options, ILogger logger)
    : DelegatingChatClient(innerClient)
{
    /// <summary>One path for both kinds of call: a response is the stream, collected.</summary>
    public override Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? chatOptions = null, CancellationToken cancellationToken = default) =>
        GetStreamingResponseAsync(messages, chatOptions, cancellationToken).ToChatResponseAsync(cancellationToken);

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? chatOptions = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Each attempt enumerates the messages again.
        var conversation = messages as IReadOnlyCollection<ChatMessage> ?? messages.ToList();
        for (var number = 0; ; number++)
        {
            ModelProviderException? failure = null;
            var sentText = false;
            var finished = false;
            using (var watchdog = new StreamWatchdog(options.Timeouts, cancellationToken))
            {
                var enumerator = base.GetStreamingResponseAsync(conversation, chatOptions, watchdog.Token).GetAsyncEnumerator(watchdog.Token);
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
                        catch (Exception ex) when (!finished)
                        {
                            failure = Classify(ex, watchdog);
                            break;
                        }
                        catch (Exception ex)
                        {
                            // The reply was complete; whatever broke afterwards (a stall before [DONE],
                            // a late error event) does not make it less complete.
                            logger.LogDebug("{Provider} stream failed after its finish reason ({Error}); keeping the reply.", providerName, ex.GetType().Name);
                            break;
                        }

                        var update = enumerator.Current;
                        watchdog.Touch();
                        finished |= update.FinishReason is not null;
                        sentText |= Delivers(update);
                        watchdog.Pause();
                        yield return update;
                        watchdog.Resume();
                    }
                }

                if (failure is null)
                {
                    if (finished) yield break;
                    failure = new ModelProviderException(ProviderErrorKind.TruncatedStream,
                        $"The reply from {providerName} ended before it was complete.");
                }
            }

            if (sentText || number >= options.Retry.MaxRetries || !IsRetryable(failure.Kind))
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

    /// <summary>Whether the caller now holds part of the answer (text, or later images), so a retry would repeat it.</summary>
    private static bool Delivers(ChatResponseUpdate update) =>
        update.Contents.Any(c => c is not UsageContent && c is not TextContent { Text.Length: 0 });

    private static bool IsRetryable(ProviderErrorKind kind) => kind is
        ProviderErrorKind.RateLimited or ProviderErrorKind.ServerError or ProviderErrorKind.Network or ProviderErrorKind.TruncatedStream;

    private ModelProviderException Classify(Exception ex, StreamWatchdog watchdog)
    {
        // Our timer fired: whatever the client made of the aborted read (cancellation, IOException) is a timeout.
        if (watchdog.TimedOut) return watchdog.TimeoutException(providerName);
        switch (ex)
        {
            case ModelProviderException known:
                return known;
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
