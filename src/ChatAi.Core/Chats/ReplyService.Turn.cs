using ChatAi.Core.Data;
using ChatAi.Core.Providers;
using Microsoft.EntityFrameworkCore;

using static ChatAi.Core.Chats.ChatRules;

namespace ChatAi.Core.Chats;

/// <summary>The path every send, regenerate and edit takes, step by step (a compare takes the same steps for two replies).</summary>
public sealed partial class ReplyService
{
    /// <summary>
    /// A send's database work, in order: one read (<see cref="ReadTurnAsync"/>), one write transaction
    /// (<see cref="StoreTurnAsync"/>, shared with concurrent sends on PostgreSQL), one read of the context window; then the upstream request starts. The user's
    /// message is committed before the model is asked, so no reply can exist (or be lost in a crash) without it.
    /// </summary>
    private async Task<Generation> StartAsync(string userId, Guid chatId, TurnTarget target, ModelChoice? choice, bool createChat, CancellationToken ct)
    {
        RefuseEmpty(chatId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var turn = await ReadTurnAsync(db, userId, chatId, createChat && target.UserText is not null, ct);
        var (provider, model) = providers.KnownModel(choice?.Provider, choice?.Model, turn.Chat);
        runs.Reserve(userId, chatId);
        try
        {
            await CheckRoomForTurnAsync(db, userId, turn, target.UserText, ct);
            var reply = (await StoreTurnAsync(db, turn, target, provider, model, ct)).Reply;
            AnnounceTurn(userId, chatId, target.UserText);
            var generation = NewGeneration(userId, turn, reply, provider, model);
            if (!provider.IsConfigured) return runs.FinishNotConfigured(generation, reply);
            await StartReplyAsync(db, generation, reply.ParentId, ct);
            StartTitleOfFirstMessage(userId, turn, target.UserText, provider, model);
            return generation;
        }
        catch
        {
            runs.Release(chatId);
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
        return new TurnState(NewChat(userId, chatId, null, null, null, UtcNow), IsEmpty: true, Generating: false, ChatIsNew: true);
    }

    /// <summary>The send rate, the user's storage room, and no reply generating in this chat on another instance.</summary>
    private async Task CheckRoomForTurnAsync(ChatAiDbContext db, string userId, TurnState turn, string? userText, CancellationToken ct)
    {
        quota.AcquireMessage(userId);
        if (userText is not null) await quota.EnsureRoomForTextAsync(db, userId, userText.Length, ct);
        if (turn.Generating) throw StillGenerating();
    }

    /// <summary>Counts the stored text against the user's room and tells the open pages (sidebar, chat) that the chat moved.</summary>
    private void AnnounceTurn(string userId, Guid chatId, string? userText)
    {
        if (userText is not null) quota.Stored(userId, userText.Length);
        notifier.ChatListChanged(userId);
        notifier.ChatChanged(chatId);
    }

    /// <summary>The stored reply as it generates, with the chat's settings as they were when it was asked for.</summary>
    private static Generation NewGeneration(string userId, TurnState turn, Message reply, ModelProvider provider, string model) =>
        new(userId, turn.Chat.Id, reply.Id, provider.Id, model) { Settings = ChatSettings.Of(turn.Chat) };

    /// <summary>Reads the context window, then runs the reply in the background; it outlives the caller's request.</summary>
    private async Task StartReplyAsync(ChatAiDbContext db, Generation generation, long? answeredId, CancellationToken ct)
    {
        var conversation = await ContextAsync(db, generation.ChatId, answeredId, ct);
        runs.Activate(generation);
        runs.Run(generation, conversation);
    }

    /// <summary>A chat's first message also asks the model for the chat's title, beside the reply.</summary>
    private void StartTitleOfFirstMessage(string userId, TurnState turn, string? userText, ModelProvider provider, string model)
    {
        if (turn.IsEmpty && userText is not null) runs.StartTitle(userId, turn.Chat.Id, turn.Chat.Title, provider.Id, model, userText);
    }
}
