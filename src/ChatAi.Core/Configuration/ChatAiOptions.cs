using System.ComponentModel.DataAnnotations;

namespace ChatAi.Core.Configuration;

/// <summary>Section <c>ChatAi</c>: the chat rules operators may tune.</summary>
public sealed class ChatAiOptions
{
    public const string SectionName = "ChatAi";

    /// <summary>Messages of history sent to the model (the original sent the last 10).</summary>
    [Range(1, 200)]
    public int ContextMessages { get; set; } = 10;

    [Range(1, 1_000_000)]
    public int MaxMessageChars { get; set; } = 32_000;

    /// <summary>IANA zone used for day boundaries when the caller has none.</summary>
    [Required]
    public string DefaultTimeZone { get; set; } = "UTC";

    [Required]
    public string SystemPrompt { get; set; } = "You are ChatAi, a helpful assistant. Answer clearly; use markdown where it helps.";

    /// <summary>Temperature and longest reply (tokens) for chats that set none; null leaves them to the model.</summary>
    [Range(0.0, 2.0)]
    public double? DefaultTemperature { get; set; }

    [Range(1, 65_536)]
    public int? DefaultMaxReplyTokens { get; set; }

    /// <summary>Presets (named instructions, model and parameters for new chats) one user may keep.</summary>
    [Range(1, 1_000)]
    public int MaxPresetsPerUser { get; set; } = 50;

    /// <summary>
    /// Messages one user may write per minute, on every surface (UI, original and current API): model calls
    /// (send, regenerate) and messages added to the original log. The only send limit (429 + Retry-After).
    /// </summary>
    [Range(1, 100_000)]
    public int MaxSendsPerMinute { get; set; } = 30;

    /// <summary>Other chat writes one user may make per minute: creating, renaming, pinning, switching model.</summary>
    [Range(1, 100_000)]
    public int MaxChatWritesPerMinute { get; set; } = 60;

    /// <summary>Chats one user may keep; creating another answers 403 until some are deleted.</summary>
    [Range(1, 10_000_000)]
    public int MaxChatsPerUser { get; set; } = 5_000;

    /// <summary>Characters of message text (theirs and the replies) one user may keep; past it, new messages answer 403.</summary>
    [Range(1, long.MaxValue)]
    public long MaxStoredCharsPerUser { get; set; } = 50_000_000;

    /// <summary>Replies one user may have generating at once.</summary>
    [Range(1, 1_000)]
    public int MaxConcurrentGenerations { get; set; } = 3;

    /// <summary>How often the growing reply is written to the database while it streams.</summary>
    [Range(50, 60_000)]
    public int StreamSaveIntervalMs { get; set; } = 500;

    /// <summary>How often an open Blazor circuit re-checks that its user still exists and kept the same password.</summary>
    [Range(1, 86_400)]
    public int RevalidationSeconds { get; set; } = 60;
}
