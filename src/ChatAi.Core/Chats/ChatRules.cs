using ChatAi.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ChatAi.Core.Chats;

/// <summary>The checks and shapes that chats, replies and presets share, each written once.</summary>
internal static class ChatRules
{
    /// <summary>The all-zero UUID never names a chat: whoever sent it first would own a chat every client can guess.</summary>
    public static void RefuseEmpty(Guid chatId)
    {
        if (chatId == Guid.Empty) throw new ChatException(ChatErrorKind.Validation, "Chat ID must be a UUID other than the all-zero one.");
    }

    /// <summary>A client-chosen chat id already taken: Conflict if the chat is the caller's, NotFound if not.</summary>
    public static async Task RefuseTakenIdAsync(ChatAiDbContext db, string userId, Guid chatId, CancellationToken ct)
    {
        var owner = await db.Chats.Where(c => c.Id == chatId).Select(c => c.UserId).FirstOrDefaultAsync(ct);
        if (owner is not null)
            throw owner == userId ? new ChatException(ChatErrorKind.Conflict, "A chat with this ID already exists.") : ChatException.ChatNotFound();
    }

    public static string ValidTitle(string title)
    {
        var trimmed = title.Trim();
        if (trimmed.Length == 0) throw new ChatException(ChatErrorKind.Validation, "The title must not be empty.");
        if (trimmed.Length > Chat.MaxTitleLength)
            throw new ChatException(ChatErrorKind.Validation, $"The title is longer than {Chat.MaxTitleLength} characters.");
        if (trimmed.Contains('\0')) throw new ChatException(ChatErrorKind.Validation, "The title contains a NUL character.");
        return trimmed;
    }

    public static Chat NewChat(string userId, Guid id, string? title, string? provider, string? model, DateTime now) =>
        new() { Id = id, UserId = userId, Title = title ?? ChatService.NewChatTitle, CreatedAt = now, LastActivityAt = now, Provider = provider, Model = model };

    /// <summary>A user message's text: not blank, within <paramref name="maxChars"/>, no NUL.</summary>
    public static string ValidContent(string? content, int maxChars)
    {
        if (string.IsNullOrWhiteSpace(content)) throw new ChatException(ChatErrorKind.Validation, "There was no prompt passed.");
        if (content.Length > maxChars)
            throw new ChatException(ChatErrorKind.TooLarge, $"The message is longer than the limit of {maxChars} characters.");
        if (content.Contains('\0')) throw new ChatException(ChatErrorKind.Validation, "The message contains a NUL character.");
        return content;
    }

    /// <summary>The user's message, not added anywhere yet; the first message of an untitled chat names it by its first words.</summary>
    public static Message NewUserMessage(Chat chat, string text, bool isFirst, DateTime now)
    {
        if (isFirst && chat.Title == ChatService.NewChatTitle) chat.Title = Titles.FromFirstWords(text);
        chat.LastActivityAt = now;
        return new Message { ChatId = chat.Id, Role = MessageRole.User, Content = text, CreatedAt = now, UpdatedAt = now, Status = MessageStatus.Complete };
    }

    /// <summary>
    /// Stores the links of a chat written outside these rules (no leaf: rows inserted as before the tree existed), each
    /// message under the one before it, as the migration did for every chat; returns its newest message, the leaf.
    /// </summary>
    public static async Task<long?> LinkLinearAsync(ChatAiDbContext db, Guid chatId, CancellationToken ct)
    {
        await db.Messages.Where(m => m.ChatId == chatId).ExecuteUpdateAsync(s => s.SetProperty(m => m.ParentId,
            m => db.Messages.Where(p => p.ChatId == chatId && p.Id < m.Id).Max(p => (long?)p.Id)), ct);
        return await db.Messages.Where(m => m.ChatId == chatId).MaxAsync(m => (long?)m.Id, ct);
    }

    /// <summary>While a reply generates in a chat, its tree does not move.</summary>
    public static ChatException StillGenerating() =>
        new(ChatErrorKind.Conflict, "A reply is still being generated in this chat. Wait for it or stop it first.");

    /// <summary>A user's text in an error message, cut to 60 characters.</summary>
    public static string Clip(string value) => value.Length > 60 ? value[..60] + "…" : value;
}
