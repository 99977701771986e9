using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace ChatAi.Core.Providers.Gemini;

/// <summary>
/// Google Gemini's REST API (<c>streamGenerateContent</c>) as an <see cref="IChatClient"/>; no Gemini SDK is
/// served. Retries and timeouts are the pipeline's; this class only speaks the wire format.
/// </summary>
internal sealed class GeminiChatClient(HttpClient http, ProviderEndpointOptions endpoint) : IChatClient
{
    public const string Name = "Gemini";
    private readonly GeminiClient _client = new(http, endpoint);
    private readonly ChatClientMetadata _metadata = new("gcp.gemini", new Uri(endpoint.BaseUrl), endpoint.DefaultModel);

    public static IChatClient Create(ProviderOptions options, HttpClient http) =>
        options.Gemini.ApiKey is null ? new UnconfiguredChatClient(Name, "GEMINI_API_KEY") : new GeminiChatClient(http, options.Gemini);

    public Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var model = string.IsNullOrWhiteSpace(options?.ModelId) ? endpoint.DefaultModel : options.ModelId;
        // Accept "models/gemini-…" as the API itself names them.
        if (model.StartsWith("models/", StringComparison.Ordinal)) model = model["models/".Length..];
        var body = ToRequest(messages, options);
        var finished = false;
        await foreach (var chunk in _client.StreamGenerateContentAsync(model, body, cancellationToken).ConfigureAwait(false))
        {
            var update = new ChatResponseUpdate(ChatRole.Assistant, []) { ModelId = model, RawRepresentation = chunk };
            var candidate = chunk.Candidates?.FirstOrDefault(c => (c.Index ?? 0) == 0);
            foreach (var part in candidate?.Content?.Parts ?? [])
            {
                if (part.Thought != true && !string.IsNullOrEmpty(part.Text)) update.Contents.Add(new TextContent(part.Text));
            }

            // "If set, the prompt was blocked and no candidates are returned."
            var reason = chunk.PromptFeedback?.BlockReason is { Length: > 0 } blocked ? blocked : candidate?.FinishReason;
            if (!finished && reason is { Length: > 0 })
            {
                // The first reason wins: a later chunk must not turn a safety stop into a plain stop.
                finished = true;
                update.FinishReason = MapFinish(reason, blockedPrompt: chunk.PromptFeedback?.BlockReason is { Length: > 0 });
                update.AdditionalProperties = new() { [ProviderFinish.DetailKey] = reason };
                // Gemini repeats the running totals on every chunk; report them once, with the finish.
                if (chunk.UsageMetadata is { } usage) update.Contents.Add(new UsageContent(Usage(usage)));
            }
            yield return update;
        }
        // Completion is a finish reason followed by EOF; EOF alone is reported as truncated by the pipeline.
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(ChatClientMetadata) ? _metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        // The HttpClient belongs to whoever created it.
    }

    private static GeminiRequest ToRequest(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var system = new List<string>();
        if (!string.IsNullOrWhiteSpace(options?.Instructions)) system.Add(options.Instructions);
        var contents = new List<GeminiContent>();
        foreach (var message in messages)
        {
            if (message.Role == ChatRole.System) system.Add(message.Text);
            else contents.Add(new GeminiContent([new GeminiPart(message.Text)], message.Role == ChatRole.User ? "user" : "model"));
        }
        var instruction = system.Count == 0 ? null : new GeminiContent(system.ConvertAll(text => new GeminiPart(text)));
        return new GeminiRequest(contents, instruction, GeminiGenerationConfig.From(options));
    }

    private static ChatFinishReason MapFinish(string reason, bool blockedPrompt) => blockedPrompt ? ChatFinishReason.ContentFilter : reason switch
    {
        "STOP" => ChatFinishReason.Stop,
        "MAX_TOKENS" => ChatFinishReason.Length,
        "SAFETY" or "RECITATION" or "BLOCKLIST" or "PROHIBITED_CONTENT" or "SPII" or "IMAGE_SAFETY" => ChatFinishReason.ContentFilter,
        _ => new ChatFinishReason(reason),
    };

    private static UsageDetails Usage(GeminiUsage usage) => new()
    {
        InputTokenCount = usage.PromptTokenCount ?? 0,
        OutputTokenCount = usage.CandidatesTokenCount ?? 0,
        TotalTokenCount = usage.TotalTokenCount,
    };
}
