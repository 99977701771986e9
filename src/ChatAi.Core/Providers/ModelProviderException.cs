namespace ChatAi.Core.Providers;

/// <summary>What went wrong with a model call, as the retry middleware and the chat rules tell failures apart.</summary>
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

/// <summary>
/// A model call failed. Every <see cref="Microsoft.Extensions.AI.IChatClient"/> ChatAi builds reports failures as
/// this (the <see cref="ResilientChatClient"/> middleware classifies whatever else an inner client throws).
/// <see cref="Exception.Message"/> is user-facing and never contains a key.
/// </summary>
public sealed class ModelProviderException(ProviderErrorKind kind, string message, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    public ProviderErrorKind Kind { get; } = kind;
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
