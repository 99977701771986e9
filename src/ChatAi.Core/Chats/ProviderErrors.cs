using ChatAi.Core.Providers;

namespace ChatAi.Core.Chats;

internal static class ProviderErrors
{
    /// <summary>A provider failure as the chat error the APIs answer with (status table in API.md).</summary>
    public static ChatException ToChatException(ModelProviderException e) => e.Kind switch
    {
        ProviderErrorKind.NotConfigured => new(ChatErrorKind.ProviderNotConfigured, e.Message),
        ProviderErrorKind.Unauthorized => new(ChatErrorKind.ProviderRejectedKey, e.Message),
        ProviderErrorKind.RateLimited or ProviderErrorKind.QuotaExhausted => new(ChatErrorKind.ProviderRateLimited, e.Message, e.RetryAfter),
        ProviderErrorKind.Timeout => new(ChatErrorKind.ProviderTimeout, e.Message),
        _ => new(ChatErrorKind.ProviderFailed, e.Message),
    };
}
