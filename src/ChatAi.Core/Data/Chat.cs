namespace ChatAi.Core.Data;

public sealed class Chat
{
    public const int MaxTitleLength = 200;

    public Guid Id { get; set; }
    public required string UserId { get; set; }
    public string Title { get; set; } = "New chat";
    public DateTime CreatedAt { get; set; }
    public DateTime LastActivityAt { get; set; }
    public bool Pinned { get; set; }

    /// <summary>When the user archived the chat (hidden from the sidebar, still found by search); null while it is not archived.</summary>
    public DateTime? ArchivedAt { get; set; }

    /// <summary>Provider id (<c>openai</c>, <c>gemini</c>); null means the app's default.</summary>
    public string? Provider { get; set; }
    public string? Model { get; set; }

    /// <summary>This chat's system prompt, temperature and reply length; nulls mean the configured defaults (ChatSettings).</summary>
    public string? Instructions { get; set; }
    public double? Temperature { get; set; }
    public int? MaxReplyTokens { get; set; }

    /// <summary>The last message of the path the chat shows (and answers from); null while the chat has no message.</summary>
    public long? CurrentLeafId { get; set; }

    public List<Message> Messages { get; set; } = [];
}
