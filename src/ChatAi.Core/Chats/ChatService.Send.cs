using ChatAi.Core.Data;
using ChatAi.Core.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;

using static ChatAi.Core.Chats.ChatRules;

namespace ChatAi.Core.Chats;

/// <summary>Which model to use for a send; nulls mean the chat's current choice, then the default.</summary>
public sealed record ModelChoice(string? Provider = null, string? Model = null);

public sealed partial class ChatService
{
    /// <summary>
    /// Stores the user's message first, then starts the reply on the server and returns at once. The
    /// reply outlives the caller: watch <see cref="Generation"/> or await its completion.
    /// </summary>
    public async Task<Generation> SendAsync(string userId, Guid chatId, string? content, ModelChoice? choice = null,
        bool createChat = false, CancellationToken ct = default)
    {
        var text = ValidContent(content);
        return await StartAsync(userId, chatId, new TurnTarget(text), choice, createChat, ct);
    }

    /// <summary>
    /// Answers the current path's last user message again: a new reply beside the last one, which stays as a sibling
    /// (Regenerate), or the first reply to an unanswered message (Retry).
    /// </summary>
    public Task<Generation> RegenerateAsync(string userId, Guid chatId, ModelChoice? choice = null, CancellationToken ct = default) =>
        StartAsync(userId, chatId, new TurnTarget(null), choice, createChat: false, ct);

    /// <summary>What a turn adds: the user's text (a send, or an edit of <paramref name="EditOf"/>), or none (a new reply only).</summary>
    private sealed record TurnTarget(string? UserText, long? EditOf = null);

    /// <summary>Stops the replies generating in this chat (both of a compare), keeping what arrived. False when none is running.</summary>
    public bool Stop(string userId, Guid chatId)
    {
        var running = generations.FindAll(userId, chatId);
        foreach (var generation in running) generation.Stop(MessageStatus.Stopped);
        return running.Count > 0;
    }

    /// <summary>
    /// Stops the reply in this chat wherever it runs: here at once, on another instance through the
    /// database (that instance checks every second). False when the chat has no reply generating.
    /// </summary>
    public async Task<bool> StopAsync(string userId, Guid chatId, CancellationToken ct = default)
    {
        if (Stop(userId, chatId)) return true;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Messages
            .Where(m => m.ChatId == chatId && m.Status == MessageStatus.Streaming && m.Chat!.UserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.StopRequested, true), ct) > 0;
    }

    public Generation? FindGeneration(string userId, Guid chatId) => generations.Find(userId, chatId);

    public Task WaitForTitleAsync(Guid chatId, TimeSpan max) => titles.WaitAsync(chatId, max);

    /// <summary>
    /// A send's database work, in order: one read (<see cref="ReadTurnAsync"/>), one write transaction
    /// (<see cref="StoreTurnAsync"/>, shared with concurrent sends on PostgreSQL), one read of the context window; then the upstream request starts. The user's
    /// message is committed before the model is asked, so no reply can exist (or be lost in a crash) without it.
    /// </summary>
    private async Task<Generation> StartAsync(string userId, Guid chatId, TurnTarget target, ModelChoice? choice, bool createChat, CancellationToken ct)
    {
        var userText = target.UserText;
        RefuseEmpty(chatId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var turn = await ReadTurnAsync(db, userId, chatId, createChat && userText is not null, ct);
        var (provider, model) = providers.KnownModel(choice?.Provider, choice?.Model, turn.Chat);
        ReserveChat(userId, chatId);
        try
        {
            await EnsureRoomAsync(db, userId, turn.Generating, userText, ct);
            var reply = (await StoreTurnAsync(db, turn, target, provider, model, ct)).Reply;
            if (userText is not null) quota.Stored(userId, userText.Length);
            notifier.ChatListChanged(userId);
            notifier.ChatChanged(chatId);

            var generation = new Generation(userId, chatId, reply.Id, provider.Id, model) { Settings = ChatSettings.Of(turn.Chat) };
            if (!provider.IsConfigured) return FinishNotConfigured(generation, reply);
            await StartGenerationAsync(db, generation, reply.ParentId, ct);
            if (turn.IsEmpty && userText is not null) titles.Start(userId, chatId, turn.Chat.Title, provider.Id, model, userText);
            return generation;
        }
        catch
        {
            generations.Release(chatId);
            throw;
        }
    }

    /// <summary>What a send needs to know before writing, in one round trip. The chat is not tracked: <see cref="TurnWriter"/> saves it.</summary>
    private sealed record TurnState(Chat Chat, bool IsEmpty, bool Generating, bool ChatIsNew = false);

    /// <summary>
    /// The caller's chat, whether it has no message yet and whether a reply is generating in it (on any
    /// instance), read in one query. Someone else's chat is NotFound; an unknown id is too, unless
    /// <paramref name="createChat"/> (then a new, unsaved chat).
    /// </summary>
    private async Task<TurnState> ReadTurnAsync(ChatAiDbContext db, string userId, Guid chatId, bool createChat, CancellationToken ct)
    {
        var found = await db.Chats.AsNoTracking().Where(c => c.Id == chatId)
            .Select(c => new
            {
                Chat = c,
                HasMessages = c.Messages.Any(),
                Generating = c.Messages.Any(m => m.Status == MessageStatus.Streaming),
            })
            .FirstOrDefaultAsync(ct);
        if (found is not null && found.Chat.UserId != userId) throw ChatException.ChatNotFound();
        if (found is not null) return new TurnState(found.Chat, !found.HasMessages, found.Generating);
        if (!createChat) throw ChatException.ChatNotFound();
        await quota.EnsureRoomForChatAsync(db, userId, ct);
        return new TurnState(NewChat(userId, chatId, null, null, null), IsEmpty: true, Generating: false, ChatIsNew: true);
    }

    private static ChatException StillGenerating() =>
        new(ChatErrorKind.Conflict, "A reply is still being generated in this chat. Wait for it or stop it first.");

    /// <summary>Holds the chat for this turn's replies on this instance, within the user's limit of replies generating at once.</summary>
    private void ReserveChat(string userId, Guid chatId, int replies = 1)
    {
        // A busy chat is a Conflict even when the user's limit is also reached: the chat is what to wait for.
        if (generations.Holds(chatId)) throw StillGenerating();
        if (generations.CountFor(userId) + replies > Options.MaxConcurrentGenerations)
            throw new ChatException(ChatErrorKind.RateLimited,
                $"You already have {Options.MaxConcurrentGenerations} replies generating. Wait for one to finish.", TimeSpan.FromSeconds(5));
        if (!generations.TryReserve(chatId, userId, replies)) throw StillGenerating();
    }

    /// <summary>The send rate, the user's storage room, and no reply generating in this chat on another instance.</summary>
    private async Task EnsureRoomAsync(ChatAiDbContext db, string userId, bool generating, string? userText, CancellationToken ct)
    {
        quota.AcquireMessage(userId);
        if (userText is not null) await quota.EnsureRoomForTextAsync(db, userId, userText.Length, ct);
        if (generating) throw StillGenerating();
    }

    /// <summary>
    /// Saves, in one transaction, the user's message (if any) where <paramref name="target"/> puts it, the chat's model,
    /// the reply placeholder and the chat's new leaf (the reply); on PostgreSQL concurrent sends share that transaction (<see cref="TurnWriter"/>). Without a
    /// key the placeholder is a failed reply that says what to set. With <paramref name="second"/> (a compare) a second
    /// placeholder beside the first; the leaf stays on the first.
    /// </summary>
    private async Task<Turn> StoreTurnAsync(ChatAiDbContext db, TurnState state, TurnTarget target,
        ModelProvider provider, string model, CancellationToken ct, (ModelProvider Provider, string Model)? second = null)
    {
        var (chat, isFirst) = (state.Chat, state.IsEmpty);
        var now = UtcNow;
        var parentId = await ParentForAsync(db, chat, isFirst, target, ct);
        var title = chat.Title;
        var userMessage = target.UserText is not { } userText ? null : NewUserMessage(chat, userText, isFirst, now);
        chat.Provider = provider.Id;
        chat.Model = model;
        chat.LastActivityAt = now;
        var reply = NewReply(chat, provider, model, now, second is null ? null : 1);
        var secondReply = second is { } other ? NewReply(chat, other.Provider, other.Model, now, 2) : null;
        if (userMessage is not null) userMessage.ParentId = parentId;
        else reply.ParentId = parentId;
        var turn = new Turn(chat, state.ChatIsNew, chat.Title != title, userMessage, reply, secondReply);
        try
        {
            await turns.SaveAsync(turn, groupCommit: !db.Database.IsSqlite());
        }
        catch (Exception e) when (IsOneStreamingPerChat(e) || IsOneStreamingPerChat(e.InnerException))
        {
            // Another instance started a reply in this chat a moment ago: the unique index said no.
            throw StillGenerating();
        }
        return turn;
    }

    /// <summary>The unique index on the chat's streaming reply refused the write (EF's steps wrap the database's error, one command does not).</summary>
    private static bool IsOneStreamingPerChat(Exception? e) => e is System.Data.Common.DbException
        && (e.Message.Contains(ChatAiDbContext.OneStreamingPerChatIndex) || e.Message.Contains("UNIQUE constraint failed: Messages.ChatId"));

    /// <summary>A reply placeholder; its CreatedAt becomes the time it is written when it finishes (GenerationRunner).</summary>
    private static Message NewReply(Chat chat, ModelProvider provider, string model, DateTime now, int? compareSlot) => new()
    {
        ChatId = chat.Id, Role = MessageRole.Assistant, Content = "", CreatedAt = now,
        Status = provider.IsConfigured ? MessageStatus.Streaming : MessageStatus.Failed,
        Error = provider.IsConfigured ? null : ModelCatalog.NotConfiguredHint(provider), Provider = provider.Id, Model = model, UpdatedAt = now,
        CompareSlot = compareSlot,
    };

    /// <summary>No key for the provider: the stored failed reply is the whole answer, and the chat is free at once.</summary>
    private Generation FinishNotConfigured(Generation generation, Message reply)
    {
        generations.Activate(generation);
        generations.Release(generation);
        generation.Finish(new GenerationOutcome(reply, ReplyEnding.NotConfigured(reply.Error!).Error));
        return generation;
    }

    /// <summary>Reads the context window, then runs the reply in the background; it outlives the caller's request.</summary>
    private async Task StartGenerationAsync(ChatAiDbContext db, Generation generation, long? answeredId, CancellationToken ct)
    {
        var conversation = await ContextAsync(db, generation.ChatId, answeredId, ct);
        generations.Activate(generation);
        Run(generation, conversation);
    }

    /// <summary>Runs an activated reply in the background; it outlives the caller's request.</summary>
    private void Run(Generation generation, IReadOnlyList<ChatMessage> conversation) =>
        _ = Task.Run(async () =>
        {
            // The chat is free again before anyone learns the reply ended, so an immediate next send is not refused.
            try { await runner.RunAsync(generation, conversation, () => generations.Release(generation)); }
            finally { generations.Release(generation); }
        }, CancellationToken.None);
}
