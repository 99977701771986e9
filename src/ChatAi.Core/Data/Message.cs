using System.ComponentModel.DataAnnotations.Schema;

namespace ChatAi.Core.Data;

/// <summary>
/// One message of a chat's tree: a user message's children are replies to it (siblings after Regenerate), a reply's
/// children are the user's next messages (siblings after an edit). ParentId is a plain column, no foreign key: on
/// SQLite adding one rebuilds the table and drops the search triggers (ChatService.Branches.cs and ReplyService.Tree.cs have the rules).
/// </summary>
public sealed class Message
{
    public long Id { get; set; }
    public Guid ChatId { get; set; }

    /// <summary>The message this one follows; null for a first message of the chat (an edited first message is a second root).</summary>
    public long? ParentId { get; set; }
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

    /// <summary>
    /// A compare's replies are 1 and 2 (null for any other message). Only the second is outside the unique index that
    /// allows one reply generating per chat: it is written in the same transaction as the first (ReplyService.Compare.cs).
    /// </summary>
    public int? CompareSlot { get; set; }

    public Chat? Chat { get; set; }

    /// <summary>This message among its siblings (same parent), filled when read along a chat's path; never stored.</summary>
    [NotMapped]
    public MessageSiblings? Siblings { get; set; }
}

/// <summary>The ids of a message and its siblings, oldest first, and its 1-based place among them.</summary>
public sealed record MessageSiblings(int Index, IReadOnlyList<long> Ids)
{
    public int Count => Ids.Count;
    public long? Previous => Index > 1 ? Ids[Index - 2] : null;
    public long? Next => Index < Ids.Count ? Ids[Index] : null;
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
