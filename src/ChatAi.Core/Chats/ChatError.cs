namespace ChatAi.Core.Chats;

public enum ChatErrorKind
{
    Validation,
    NotFound,
    TooLarge,
    Conflict,
    RateLimited,
    QuotaExceeded,
    ProviderNotConfigured,
    ProviderRejectedKey,
    ProviderRateLimited,
    ProviderFailed,
    ProviderTimeout,
    ContentBlocked,
}

/// <summary>
/// A chat rule said no. The message is a sentence a user can read; endpoints map the kind to a status
/// (see ChatAi.Web's ChatErrorStatus), the UI shows the message.
/// </summary>
public sealed class ChatException(ChatErrorKind kind, string message, TimeSpan? retryAfter = null) : Exception(message)
{
    public ChatErrorKind Kind { get; } = kind;
    public TimeSpan? RetryAfter { get; } = retryAfter;

    public static ChatException ChatNotFound() => new(ChatErrorKind.NotFound, "Chat not found.");
}
