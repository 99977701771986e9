using ChatAi.Core.Data;
using ChatAi.Core.Providers;

using static ChatAi.Core.Chats.ChatRules;

namespace ChatAi.Core.Chats;

/// <summary>A compare's user message and its two replies generating side by side, in the order the models were given.</summary>
public sealed record CompareTurn(Message UserMessage, Generation First, Generation Second);

/// <summary>
/// Compare: one user message answered by two models at once. The message and both reply placeholders (siblings under
/// it) are stored in one transaction before either model is asked; the chat's leaf is the first reply until the user
/// picks one, which is switching to it (<see cref="ChatService.SwitchBranchAsync"/>). The pair is one turn: while either reply
/// generates, the chat's tree does not move (send, edit, regenerate and switch answer Conflict), and each reply counts
/// against the user's limit of replies generating at once. Each reply can be stopped on its own (<see cref="StopReplyAsync"/>).
/// </summary>
public sealed partial class ReplyService
{
    public async Task<CompareTurn> CompareAsync(string userId, Guid chatId, string? content, ModelChoice first, ModelChoice second,
        bool createChat = false, CancellationToken ct = default)
    {
        var text = ValidContent(content, Options.MaxMessageChars);
        if (first.Provider is null && first.Model is null || second.Provider is null && second.Model is null)
            throw new ChatException(ChatErrorKind.Validation, "Name the model (or provider) of each side of a compare.");
        RefuseEmpty(chatId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var turn = await ReadTurnAsync(db, userId, chatId, createChat, ct);
        var (a, b) = TwoModels(first, second, turn.Chat);
        runs.Reserve(userId, chatId, replies: 2);
        try
        {
            await CheckRoomForTurnAsync(db, userId, turn, text, ct);
            var stored = await StoreTurnAsync(db, turn, new TurnTarget(text), a.Provider, a.Model, ct, second: b);
            AnnounceTurn(userId, chatId, text);
            var pair = new[] { (Reply: stored.Reply, a.Provider), (Reply: stored.SecondReply!, b.Provider) }
                .Select(r => (r.Reply, r.Provider, Generation: NewGeneration(userId, turn, r.Reply, r.Provider, r.Reply.Model!)))
                .ToList();
            // Both held before either runs, so the first to end cannot free the chat while the other is starting.
            foreach (var reply in pair) runs.Activate(reply.Generation);
            var conversation = await ContextAsync(db, chatId, stored.UserMessage!.Id, ct);
            foreach (var (message, provider, generation) in pair)
                if (provider.IsConfigured) runs.Run(generation, conversation);
                else runs.FinishNotConfigured(generation, message);
            StartTitleOfFirstMessage(userId, turn, text, a.Provider, a.Model);
            return new CompareTurn(stored.UserMessage, pair[0].Generation, pair[1].Generation);
        }
        catch
        {
            runs.Release(chatId);
            throw;
        }
    }

    /// <summary>The two models of a compare, each as the catalog knows it; the same model twice is refused.</summary>
    private ((ModelProvider Provider, string Model) A, (ModelProvider Provider, string Model) B) TwoModels(ModelChoice first, ModelChoice second, Chat chat)
    {
        var a = providers.KnownModel(first.Provider, first.Model, chat);
        var b = providers.KnownModel(second.Provider, second.Model, chat);
        if (a.Provider.Id == b.Provider.Id && a.Model == b.Model)
            throw new ChatException(ChatErrorKind.Validation, "Pick two different models to compare.");
        return (a, b);
    }
}
