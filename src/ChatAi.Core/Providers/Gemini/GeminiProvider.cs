using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace ChatAi.Core.Providers.Gemini;

/// <summary>Google Gemini through its REST API (no SDK is available), with our retries and timeouts.</summary>
internal sealed class GeminiProvider : IModelProvider, IDisposable
{
    public const string ProviderId = "gemini";
    private const string Name = "Gemini";

    private readonly ProviderEndpointOptions _endpoint;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly GeminiClient _client;
    private readonly ResilientStream _runner;

    public GeminiProvider(ProviderOptions options, ILogger<GeminiProvider> logger, HttpClient? httpClient = null)
    {
        _endpoint = options.Gemini;
        _ownsHttp = httpClient is null;
        _http = httpClient ?? ProviderHttp.CreateClient(options.Timeouts);
        _client = new GeminiClient(_http, _endpoint);
        _runner = new ResilientStream(Name, options, logger);
    }

    public string Id => ProviderId;
    public string DisplayName => Name;
    public bool IsConfigured => _endpoint.ApiKey is not null;
    public string ApiKeyVariable => "GEMINI_API_KEY";
    public IReadOnlyList<string> Models => _endpoint.Models;
    public string DefaultModel => _endpoint.DefaultModel;

    public async IAsyncEnumerable<ModelStreamEvent> StreamAsync(ModelRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!IsConfigured)
            throw new ModelProviderException(ProviderErrorKind.NotConfigured, $"{Name} is not configured: set {ApiKeyVariable}.");

        var model = string.IsNullOrWhiteSpace(request.Model) ? DefaultModel : request.Model;
        // Accept "models/gemini-…" as the API itself names them.
        if (model.StartsWith("models/", StringComparison.Ordinal)) model = model["models/".Length..];
        var body = ToRequest(request);
        var events = _runner.RunAsync(
            attempt => AttemptAsync(model, body, attempt),
            _ => null,
            cancellationToken);
        await foreach (var e in events.ConfigureAwait(false)) yield return e;
    }

    private async IAsyncEnumerable<TextDelta> AttemptAsync(string model, GeminiRequest body, StreamAttempt attempt)
    {
        await foreach (var chunk in _client.StreamGenerateContentAsync(model, body, attempt.Token).ConfigureAwait(false))
        {
            attempt.Touch();
            if (chunk.UsageMetadata is { } usage)
                attempt.Usage = new TokenUsage(usage.PromptTokenCount ?? 0, usage.CandidatesTokenCount ?? 0);

            // "If set, the prompt was blocked and no candidates are returned."
            if (chunk.PromptFeedback?.BlockReason is { Length: > 0 } blockReason)
                attempt.Finished(FinishReason.ContentFilter, blockReason);

            var candidate = chunk.Candidates?.FirstOrDefault(c => (c.Index ?? 0) == 0);
            foreach (var part in candidate?.Content?.Parts ?? [])
            {
                if (part.Thought != true && !string.IsNullOrEmpty(part.Text)) yield return new TextDelta(part.Text);
            }
            if (candidate?.FinishReason is { Length: > 0 } finish)
                attempt.Finished(MapFinish(finish), finish == "STOP" ? null : finish);
        }
        // Completion is a finish reason followed by EOF; EOF alone is reported as truncated by ResilientStream.
    }

    private static GeminiRequest ToRequest(ModelRequest request)
    {
        var contents = request.Messages
            .Select(m => new GeminiContent([new GeminiPart(m.Text)], m.Role == ModelRole.User ? "user" : "model"))
            .ToList();
        var system = string.IsNullOrWhiteSpace(request.SystemPrompt) ? null : new GeminiContent([new GeminiPart(request.SystemPrompt)]);
        return new GeminiRequest(contents, system, new GeminiGenerationConfig(request.MaxOutputTokens));
    }

    private static FinishReason MapFinish(string reason) => reason switch
    {
        "STOP" => FinishReason.Stop,
        "MAX_TOKENS" => FinishReason.Length,
        "SAFETY" or "RECITATION" or "BLOCKLIST" or "PROHIBITED_CONTENT" or "SPII" or "IMAGE_SAFETY" => FinishReason.ContentFilter,
        _ => FinishReason.Other,
    };

    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
    }
}
