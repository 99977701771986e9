using ChatAi.Core.Data;
using ChatAi.Core.Providers;
using Microsoft.Extensions.AI;

namespace ChatAi.Core.Chats;

/// <summary>
/// How a reply ended, decided once: the status stored on the message, the text stored with it, and the
/// error the APIs answer with (null when there is a reply to show). Endpoints only map the error's kind
/// to an HTTP status.
/// </summary>
public sealed record ReplyEnding(MessageStatus Status, string? StoredError, ChatException? Error)
{
    public static readonly ReplyEnding Complete = new(MessageStatus.Complete, null, null);

    /// <summary>The model finished: a plain stop, the length limit, or a refusal (safety, content filter).</summary>
    public static ReplyEnding Finished(ChatFinishReason? reason, string? detail)
    {
        if (reason == ChatFinishReason.Length) return new(MessageStatus.Truncated, "The reply stopped at the model's length limit.", null);
        if (reason != ChatFinishReason.ContentFilter) return Complete;
        var text = $"The provider refused to answer ({detail ?? "content filter"}).";
        return new(MessageStatus.Blocked, text, new ChatException(ChatErrorKind.ContentBlocked, text));
    }

    /// <summary>Stopped by the user (the partial reply is kept and shown) or by the server going down.</summary>
    public static ReplyEnding Stopped(MessageStatus status)
    {
        if (status != MessageStatus.Interrupted) return new(status, null, null);
        const string text = "The reply was interrupted because the server stopped.";
        return new(status, text, new ChatException(ChatErrorKind.ProviderFailed, text));
    }

    /// <summary>The provider failed; its message is already safe to show.</summary>
    public static ReplyEnding Failed(ModelProviderException e) => new(MessageStatus.Failed, e.Message, e.Kind switch
    {
        ProviderErrorKind.NotConfigured => new ChatException(ChatErrorKind.ProviderNotConfigured, e.Message),
        ProviderErrorKind.Unauthorized => new ChatException(ChatErrorKind.ProviderRejectedKey, e.Message),
        ProviderErrorKind.RateLimited or ProviderErrorKind.QuotaExhausted => new ChatException(ChatErrorKind.ProviderRateLimited, e.Message, e.RetryAfter),
        ProviderErrorKind.Timeout => new ChatException(ChatErrorKind.ProviderTimeout, e.Message),
        _ => new ChatException(ChatErrorKind.ProviderFailed, e.Message),
    });

    /// <summary>The provider has no key: the reply is stored failed with the hint, and nothing is called.</summary>
    public static ReplyEnding NotConfigured(string hint) =>
        new(MessageStatus.Failed, hint, new ChatException(ChatErrorKind.ProviderNotConfigured, hint));

    /// <summary>A bug or an unexpected exception: a generic sentence, the details go to the log.</summary>
    public static ReplyEnding Unexpected()
    {
        const string text = "Something went wrong while generating the reply. Try again.";
        return new(MessageStatus.Failed, text, new ChatException(ChatErrorKind.ProviderFailed, text));
    }
}
