namespace ChatAi.Core.Providers;

/// <summary>
/// A model provider (OpenAI, Gemini). Streaming first: a non-streaming call is the stream, collected.
/// Implementations retry only before the first delta, enforce their own timeouts, and report every
/// failure as a <see cref="ModelProviderException"/> whose message is safe to show a user.
/// </summary>
public interface IModelProvider
{
    /// <summary>Stable id used in storage and APIs: <c>openai</c> or <c>gemini</c>.</summary>
    string Id { get; }
    string DisplayName { get; }
    bool IsConfigured { get; }

    /// <summary>The environment variable that configures the key (for the "not configured" hint).</summary>
    string ApiKeyVariable { get; }
    IReadOnlyList<string> Models { get; }
    string DefaultModel { get; }

    /// <summary>
    /// Streams <see cref="TextDelta"/> events and ends with exactly one <see cref="StreamFinished"/>.
    /// A stream that ends without a finish reason, or carries an error event, throws instead.
    /// </summary>
    IAsyncEnumerable<ModelStreamEvent> StreamAsync(ModelRequest request, CancellationToken cancellationToken);
}

public sealed record ModelRequest(string Model, string SystemPrompt, IReadOnlyList<ModelMessage> Messages, int? MaxOutputTokens = null);

public sealed record ModelMessage(ModelRole Role, string Text);

public enum ModelRole
{
    User,
    Assistant,
}

public abstract record ModelStreamEvent;

public sealed record TextDelta(string Text) : ModelStreamEvent;

/// <param name="Detail">Provider's own reason when not a plain stop (e.g. <c>SAFETY</c>, <c>content_filter</c>).</param>
public sealed record StreamFinished(FinishReason Reason, TokenUsage? Usage, string? Detail = null) : ModelStreamEvent;

public enum FinishReason
{
    Stop,
    Length,
    ContentFilter,
    Other,
}

public sealed record TokenUsage(int PromptTokens, int CompletionTokens);

public enum ProviderErrorKind
{
    NotConfigured,
    Unauthorized,
    RateLimited,
    QuotaExhausted,
    UnknownModel,
    BadRequest,
    ServerError,
    Network,
    Timeout,
    MalformedResponse,
    TruncatedStream,
}

/// <summary>A provider failure. <see cref="Exception.Message"/> is user-facing and never contains a key.</summary>
public sealed class ModelProviderException(ProviderErrorKind kind, string message, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    public ProviderErrorKind Kind { get; } = kind;
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
