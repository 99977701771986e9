using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using OpenAI;
using OpenAI.Chat;

namespace ChatAi.Core.Providers.OpenAI;

/// <summary>OpenAI Chat Completions through the official SDK, with our own retries and timeouts around it.</summary>
internal sealed class OpenAiProvider : IModelProvider, IDisposable
{
    public const string ProviderId = "openai";
    private const string Name = "OpenAI";

    private readonly ProviderEndpointOptions _endpoint;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly OpenAIClient? _client;
    private readonly ResilientStream _runner;
    private readonly ConcurrentDictionary<string, ChatClient> _chatClients = new(StringComparer.Ordinal);

    public OpenAiProvider(ProviderOptions options, ILogger<OpenAiProvider> logger, HttpClient? httpClient = null)
    {
        _endpoint = options.OpenAI;
        _ownsHttp = httpClient is null;
        _http = httpClient ?? ProviderHttp.CreateClient(options.Timeouts);
        _runner = new ResilientStream(Name, options, logger);
        if (_endpoint.ApiKey is not { } key) return;

        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = new Uri(_endpoint.BaseUrl),
            Transport = new HttpClientPipelineTransport(_http),
            // Our loop retries, and only before the first token; the SDK's own retries would also
            // repeat insufficient_quota 429s and sleep on any retry-after the server sends.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            // A backstop only: the watchdog's first-token and idle timers fire first.
            NetworkTimeout = options.Timeouts.Connect + options.Timeouts.FirstToken + options.Timeouts.Idle,
        };
        _client = new OpenAIClient(new ApiKeyCredential(key), clientOptions);
    }

    public string Id => ProviderId;
    public string DisplayName => Name;
    public bool IsConfigured => _client is not null;
    public string ApiKeyVariable => "OPENAI_API_KEY";
    public IReadOnlyList<string> Models => _endpoint.Models;
    public string DefaultModel => _endpoint.DefaultModel;

    public async IAsyncEnumerable<ModelStreamEvent> StreamAsync(ModelRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (_client is null)
            throw new ModelProviderException(ProviderErrorKind.NotConfigured, $"{Name} is not configured: set {ApiKeyVariable}.");

        var model = string.IsNullOrWhiteSpace(request.Model) ? DefaultModel : request.Model;
        // Only listed models are cached, so arbitrary names from requests cannot grow the cache.
        var chat = Models.Contains(model) ? _chatClients.GetOrAdd(model, _client.GetChatClient) : _client.GetChatClient(model);
        var messages = ToMessages(request);
        var completionOptions = new ChatCompletionOptions { MaxOutputTokenCount = request.MaxOutputTokens };
        var events = _runner.RunAsync(
            attempt => AttemptAsync(chat, messages, completionOptions, attempt),
            ex => OpenAiErrors.Map(ex, _endpoint.ApiKey, model),
            cancellationToken);
        await foreach (var e in events.ConfigureAwait(false)) yield return e;
    }

    private static async IAsyncEnumerable<TextDelta> AttemptAsync(
        ChatClient chat, List<ChatMessage> messages, ChatCompletionOptions options, StreamAttempt attempt)
    {
        // The SDK asks for stream_options.include_usage itself on streaming calls.
        var updates = chat.CompleteChatStreamingAsync(messages, options, attempt.Token);
        await foreach (var update in updates.WithCancellation(attempt.Token).ConfigureAwait(false))
        {
            // The SDK reads `data: {"error":…}` (and `event: error`) as an empty update instead of failing.
            if (OpenAiErrors.FromStreamedUpdate(update, Name) is { } error) throw error;
            attempt.Touch();

            foreach (var part in update.ContentUpdate)
            {
                if (part.Kind == ChatMessageContentPartKind.Text && !string.IsNullOrEmpty(part.Text))
                    yield return new TextDelta(part.Text);
            }
            if (!string.IsNullOrEmpty(update.RefusalUpdate)) yield return new TextDelta(update.RefusalUpdate);

            if (update.Usage is { } usage) attempt.Usage = new TokenUsage(usage.InputTokenCount, usage.OutputTokenCount);
            if (update.FinishReason is { } finish) attempt.Finished(MapFinish(finish), finish == ChatFinishReason.Stop ? null : Detail(finish));
        }
        // Falling out of the loop without a finish reason is the SDK's silent EOF; ResilientStream reports it as truncated.
    }

    private static List<ChatMessage> ToMessages(ModelRequest request)
    {
        var messages = new List<ChatMessage>(request.Messages.Count + 1);
        if (!string.IsNullOrWhiteSpace(request.SystemPrompt)) messages.Add(new SystemChatMessage(request.SystemPrompt));
        foreach (var message in request.Messages)
        {
            messages.Add(message.Role == ModelRole.User
                ? new UserChatMessage(message.Text)
                : new AssistantChatMessage(message.Text));
        }
        return messages;
    }

    private static FinishReason MapFinish(ChatFinishReason reason) => reason switch
    {
        ChatFinishReason.Stop => FinishReason.Stop,
        ChatFinishReason.Length => FinishReason.Length,
        ChatFinishReason.ContentFilter => FinishReason.ContentFilter,
        _ => FinishReason.Other,
    };

    private static string Detail(ChatFinishReason reason) => reason switch
    {
        ChatFinishReason.Length => "length",
        ChatFinishReason.ContentFilter => "content_filter",
        ChatFinishReason.ToolCalls => "tool_calls",
        ChatFinishReason.FunctionCall => "function_call",
        _ => reason.ToString(),
    };

    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
    }
}
