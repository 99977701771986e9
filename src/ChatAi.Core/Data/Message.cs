namespace ChatAi.Core.Data;

public sealed class Message
{
    public long Id { get; set; }
    public Guid ChatId { get; set; }
    public MessageRole Role { get; set; }
    public string Content { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public MessageStatus Status { get; set; } = MessageStatus.Complete;
    public string? Provider { get; set; }
    public string? Model { get; set; }

    /// <summary>Why the reply is not complete, in words a user understands (never a key or a stack trace).</summary>
    public string? Error { get; set; }
    public int? PromptTokens { get; set; }
    public int? CompletionTokens { get; set; }

    /// <summary>Last write by the generating instance (a heartbeat while streaming); stale means its instance died.</summary>
    public DateTime UpdatedAt { get; set; }

    /// <summary>Set by any instance to ask the one generating this reply to stop.</summary>
    public bool StopRequested { get; set; }

    public Chat? Chat { get; set; }
}

public enum MessageRole
{
    User,
    Assistant,
}

public enum MessageStatus
{
    /// <summary>The assistant reply is still being generated.</summary>
    Streaming,
    Complete,
    Stopped,
    Failed,
    Blocked,
    Truncated,
    /// <summary>The app stopped (crash, restart) while the reply was being generated.</summary>
    Interrupted,
}
