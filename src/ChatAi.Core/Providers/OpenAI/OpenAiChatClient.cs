using System.ClientModel;
using System.ClientModel.Primitives;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;

namespace ChatAi.Core.Providers.OpenAI;

/// <summary>
/// OpenAI Chat Completions (or any OpenAI-compatible server) as Microsoft.Extensions.AI's adapter over the
/// official SDK, with a thin layer that turns the SDK's errors into <see cref="ModelProviderException"/>s:
/// HTTP failures, and the <c>data: {"error":…}</c> events the SDK reads as empty updates instead of failing.
/// </summary>
internal sealed class OpenAiChatClient(IChatClient innerClient, ProviderEndpointOptions endpoint) : DelegatingChatClient(innerClient)
{
    public const string Name = "OpenAI";

    /// <summary>The adapter over an SDK client whose retries are off (the pipeline retries) and which talks through <paramref name="http"/>.</summary>
    public static IChatClient Create(ProviderOptions options, HttpClient http)
    {
        var endpoint = options.OpenAI;
        if (endpoint.ApiKey is not { } key) return new UnconfiguredChatClient(Name, "OPENAI_API_KEY");
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = new Uri(endpoint.BaseUrl),
            Transport = new HttpClientPipelineTransport(http),
            // The pipeline retries, and only before the first token; the SDK's own retries would also
            // repeat insufficient_quota 429s and sleep on any retry-after the server sends.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            // A backstop only: the pipeline's first-token and idle timers fire first.
            NetworkTimeout = options.Timeouts.Connect + options.Timeouts.FirstToken + options.Timeouts.Idle,
        };
        // One SDK client for the provider; ChatOptions.ModelId picks each request's model.
        var sdk = new OpenAIClient(new ApiKeyCredential(key), clientOptions).GetChatClient(endpoint.DefaultModel);
        return new OpenAiChatClient(sdk.AsIChatClient(), endpoint);
    }

    public override Task<ChatResponse> GetResponseAsync(
        IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var model = options?.ModelId ?? endpoint.DefaultModel;
        var enumerator = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (enumerator.ConfigureAwait(false))
        {
            while (true)
            {
                try
                {
                    if (!await enumerator.MoveNextAsync().ConfigureAwait(false)) yield break;
                }
                catch (ClientResultException ex) when (OpenAiErrors.Map(ex, endpoint.ApiKey, model) is { } mapped)
                {
                    throw mapped;
                }

                var update = enumerator.Current;
                if (update.RawRepresentation is StreamingChatCompletionUpdate raw)
                {
                    if (OpenAiErrors.FromStreamedUpdate(raw, Name) is { } error) throw error;
                    // A refusal is the model's answer; show it as such rather than an empty reply.
                    if (!string.IsNullOrEmpty(raw.RefusalUpdate)) update.Contents.Add(new TextContent(raw.RefusalUpdate));
                }
                yield return update;
            }
        }
    }
}
