using ChatAi.Core.Data;

namespace ChatAi.Core.Chats;

public sealed record ChatSummary(
    Guid Id, string Title, DateTime CreatedAt, DateTime LastActivityAt, bool Pinned, string? Provider, string? Model, DateTime? ArchivedAt = null)
{
    /// <summary>The chat's instructions and parameters; only single-chat reads fill them (the lists leave them out).</summary>
    public ChatSettings? Settings { get; init; }

    public bool Archived => ArchivedAt is not null;

    public static ChatSummary From(Chat c) =>
        new(c.Id, c.Title, c.CreatedAt, c.LastActivityAt, c.Pinned, c.Provider, c.Model, c.ArchivedAt) { Settings = ChatSettings.Of(c) };
}

/// <summary>Keyset position in a list ordered by last activity, newest first.</summary>
public sealed record ChatCursor(DateTime LastActivityAt, Guid Id)
{
    public static ChatCursor After(ChatSummary chat) => new(chat.LastActivityAt, chat.Id);

    public override string ToString() => $"{LastActivityAt.Ticks}_{Id:N}";

    public static bool TryParse(string? text, out ChatCursor? cursor)
    {
        cursor = null;
        var parts = text?.Split('_');
        if (parts is not [var ticks, var id] || !long.TryParse(ticks, out var t) || !Guid.TryParse(id, out var g)
            || t < DateTime.MinValue.Ticks || t > DateTime.MaxValue.Ticks) return false;
        cursor = new ChatCursor(new DateTime(t, DateTimeKind.Utc), g);
        return true;
    }
}

/// <summary>Null fields stay as they are; empty <paramref name="Instructions"/> clear them (ChatService.ChatSettings.cs).</summary>
public sealed record ChatUpdate(string? Title = null, bool? Pinned = null, string? Provider = null, string? Model = null,
    string? Instructions = null, double? Temperature = null, int? MaxReplyTokens = null);
