using ChatAi.Core.Data;
using Microsoft.EntityFrameworkCore;

using static ChatAi.Core.Chats.ChatRules;

namespace ChatAi.Core.Chats;

/// <summary>A compare's user message and its two replies generating side by side, in the order the models were given.</summary>
public sealed record CompareTurn(Message UserMessage, Generation First, Generation Second);

/// <summary>
/// Compare: one user message answered by two models at once. The message and both reply placeholders (siblings under
/// it) are stored in one transaction before either model is asked; the chat's leaf is the first reply until the user
/// picks one, which is switching to it (<see cref="SwitchBranchAsync"/>). The pair is one turn: while either reply
/// generates, the chat's tree does not move (send, edit, regenerate and switch answer Conflict), and each reply counts
/// against the user's limit of replies generating at once. Each reply can be stopped on its own (<see cref="StopReplyAsync"/>).
/// </summary>
public sealed partial class ChatService
{
    public async Task<CompareTurn> CompareAsync(string userId, Guid chatId, string? content, ModelChoice first, ModelChoice second,
        bool createChat = false, CancellationToken ct = default)
    {
        var text = ValidContent(content);
        if (first.Provider is null && first.Model is null || second.Provider is null && second.Model is null)
            throw new ChatException(ChatErrorKind.Validation, "Name the model (or provider) of each side of a compare.");
        RefuseEmpty(chatId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var turn = await ReadTurnAsync(db, userId, chatId, createChat, ct);
        var a = providers.KnownModel(first.Provider, first.Model, turn.Chat);
        var b = providers.KnownModel(second.Provider, second.Model, turn.Chat);
        if (a.Provider.Id == b.Provider.Id && a.Model == b.Model)
            throw new ChatException(ChatErrorKind.Validation, "Pick two different models to compare.");
        ReserveChat(userId, chatId, replies: 2);
        try
        {
            await EnsureRoomAsync(db, userId, turn.Generating, text, ct);
            var stored = await StoreTurnAsync(db, turn, new TurnTarget(text), a.Provider, a.Model, ct, second: b);
            quota.Stored(userId, text.Length);
            notifier.ChatListChanged(userId);
            notifier.ChatChanged(chatId);

            var settings = ChatSettings.Of(turn.Chat);
            var pair = new[] { (stored.Reply, a.Provider), (stored.SecondReply!, b.Provider) }
                .Select(r => (r.Item1, r.Provider, Generation: new Generation(userId, chatId, r.Item1.Id, r.Provider.Id, r.Item1.Model!) { Settings = settings }))
                .ToList();
            // Both held before either runs, so the first to end cannot free the chat while the other is starting.
            foreach (var reply in pair) generations.Activate(reply.Generation);
            var conversation = await ContextAsync(db, chatId, stored.UserMessage!.Id, ct);
            foreach (var (message, provider, generation) in pair)
                if (provider.IsConfigured) Run(generation, conversation);
                else FinishNotConfigured(generation, message);
            if (turn.IsEmpty) titles.Start(userId, chatId, turn.Chat.Title, a.Provider.Id, a.Model, text);
            return new CompareTurn(stored.UserMessage, pair[0].Generation, pair[1].Generation);
        }
        catch
        {
            generations.Release(chatId);
            throw;
        }
    }

    /// <summary>This reply while it generates here (a compare's replies each have their own), if the chat is the caller's.</summary>
    public Generation? FindGeneration(string userId, Guid chatId, long replyId) => generations.Find(userId, chatId, replyId);

    /// <summary>
    /// Stops one reply of the chat (one side of a compare), keeping what arrived: here at once, on another instance through
    /// the database. False when that reply is not generating or the chat is not the caller's.
    /// </summary>
    public async Task<bool> StopReplyAsync(string userId, Guid chatId, long replyId, CancellationToken ct = default)
    {
        if (generations.Find(userId, chatId, replyId) is { } generation)
        {
            generation.Stop(MessageStatus.Stopped);
            return true;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Messages
            .Where(m => m.Id == replyId && m.ChatId == chatId && m.Status == MessageStatus.Streaming && m.Chat!.UserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.StopRequested, true), ct) > 0;
    }
}
