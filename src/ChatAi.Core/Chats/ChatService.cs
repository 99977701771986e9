using ChatAi.Core.Configuration;
using ChatAi.Core.Data;
using ChatAi.Core.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using static ChatAi.Core.Chats.ChatRules;

namespace ChatAi.Core.Chats;

/// <summary>
/// The chats themselves: create, rename, pin, archive, delete, their lists, settings, messages and branches, and search.
/// The replies (send, regenerate, edit, compare, stop) are <see cref="ReplyService"/>'s. Every call names the acting
/// user and sees only that user's chats: another user's chat answers exactly like one that does not exist.
/// </summary>
public sealed partial class ChatService(
    IDbContextFactory<ChatAiDbContext> dbFactory,
    IOptions<ChatAiOptions> options,
    TimeProvider clock,
    ChatNotifier notifier,
    ModelCatalog providers,
    UserQuota quota,
    ReplyRuns runs)
{
    public const int MaxPageSize = 100;
    private ChatAiOptions Options => options.Value;

    public async Task<ChatSummary?> FindChatAsync(string userId, Guid chatId, CancellationToken ct = default)
    {
        if (chatId == Guid.Empty) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var chat = await db.Chats.AsNoTracking().FirstOrDefaultAsync(c => c.Id == chatId && c.UserId == userId, ct);
        return chat is null ? null : ChatSummary.From(chat);
    }

    /// <summary>Creates a chat. A client-chosen id that is already taken answers Conflict if it is the caller's, NotFound if not.</summary>
    public async Task<ChatSummary> CreateChatAsync(
        string userId, Guid? id = null, string? title = null, string? provider = null, string? model = null, CancellationToken ct = default)
    {
        var chatId = id ?? Guid.CreateVersion7();
        RefuseEmpty(chatId);
        quota.AcquireChatWrite(userId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await RefuseTakenIdAsync(db, userId, chatId, ct);
        if (provider is not null || model is not null) (provider, model) = ModelCatalog.Known(providers.KnownModel(provider, model, null));
        await quota.EnsureRoomForChatAsync(db, userId, ct);
        var chat = NewChat(userId, chatId, title is null ? null : ValidTitle(title), provider, model);
        db.Chats.Add(chat);
        await db.SaveChangesAsync(ct);
        notifier.ChatListChanged(userId);
        return ChatSummary.From(chat);
    }

    public async Task<ChatSummary?> UpdateChatAsync(string userId, Guid chatId, ChatUpdate update, CancellationToken ct = default)
    {
        var title = update.Title is null ? null : ValidTitle(update.Title);
        _ = PatchedSettings(update); // refuse invalid settings before counting the write
        if (chatId == Guid.Empty) return null;
        quota.AcquireChatWrite(userId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var chat = await db.Chats.FirstOrDefaultAsync(c => c.Id == chatId && c.UserId == userId, ct);
        if (chat is null) return null;
        if (title is not null) chat.Title = title;
        if (update.Pinned is { } pinned) chat.Pinned = pinned;
        PatchedSettings(update, chat)?.ApplyTo(chat);
        if (update.Provider is not null || update.Model is not null)
        {
            // A model alone keeps the chat's provider if it offers that model, else moves to the provider that does.
            var (provider, model) = providers.KnownModel(update.Provider, update.Model, chat);
            chat.Provider = provider.Id;
            chat.Model = model;
        }
        await db.SaveChangesAsync(ct);
        notifier.ChatListChanged(userId);
        notifier.ChatChanged(chatId);
        return ChatSummary.From(chat);
    }

    /// <summary>Deletes the chat and its messages; a reply generating in it here is stopped first (its upstream call cancelled).</summary>
    public async Task<bool> DeleteChatAsync(string userId, Guid chatId, CancellationToken ct = default)
    {
        runs.Stop(userId, chatId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var deleted = await db.Chats.Where(c => c.Id == chatId && c.UserId == userId).ExecuteDeleteAsync(ct);
        if (deleted == 0) return false;
        quota.Forget(userId);
        notifier.ChatListChanged(userId);
        notifier.ChatChanged(chatId);
        return true;
    }

    /// <summary>Validates and stores a user message; with <paramref name="createChat"/> an unknown id starts a new chat.</summary>
    public async Task<Message> AddUserMessageAsync(string userId, Guid chatId, string? content, bool createChat = false, CancellationToken ct = default)
    {
        var text = ValidContent(content, Options.MaxMessageChars);
        RefuseEmpty(chatId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (chat, isFirst) = await OwnChatAsync(db, userId, chatId, createChat, ct);
        quota.AcquireMessage(userId);
        await quota.EnsureRoomForTextAsync(db, userId, text.Length, ct);
        // The message goes under the current leaf and becomes it: two writes, one transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var message = AddUserMessage(db, chat, text, isFirst, UtcNow);
        message.ParentId = isFirst ? null : chat.CurrentLeafId ?? await LinkLinearAsync(db, chatId, ct);
        await db.SaveChangesAsync(ct);
        chat.CurrentLeafId = message.Id;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        quota.Stored(userId, text.Length);
        notifier.ChatListChanged(userId);
        notifier.ChatChanged(chatId);
        return message;
    }

    /// <summary>
    /// The caller's chat, tracked by <paramref name="db"/>, and whether it has no message yet. Someone else's chat is
    /// NotFound; an unknown id is too, unless <paramref name="createChat"/> (then a new chat is added, unsaved).
    /// </summary>
    private async Task<(Chat Chat, bool IsEmpty)> OwnChatAsync(ChatAiDbContext db, string userId, Guid chatId, bool createChat, CancellationToken ct)
    {
        var chat = await db.Chats.FirstOrDefaultAsync(c => c.Id == chatId, ct);
        if (chat is not null && chat.UserId != userId) throw ChatException.ChatNotFound();
        if (chat is not null) return (chat, !await db.Messages.AnyAsync(m => m.ChatId == chatId, ct));
        if (!createChat) throw ChatException.ChatNotFound();
        await quota.EnsureRoomForChatAsync(db, userId, ct);
        chat = NewChat(userId, chatId, null, null, null);
        db.Chats.Add(chat);
        return (chat, true);
    }

    /// <summary>Adds the user's message (unsaved); the first message of an untitled chat names it by its first words.</summary>
    private static Message AddUserMessage(ChatAiDbContext db, Chat chat, string text, bool isFirst, DateTime now)
    {
        var message = NewUserMessage(chat, text, isFirst, now);
        db.Messages.Add(message);
        return message;
    }

    public const string NewChatTitle = "New chat";

    public DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    private Chat NewChat(string userId, Guid id, string? title, string? provider, string? model) =>
        ChatRules.NewChat(userId, id, title, provider, model, UtcNow);
}
