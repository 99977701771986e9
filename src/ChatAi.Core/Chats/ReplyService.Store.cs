using ChatAi.Core.Data;
using ChatAi.Core.Providers;
using Microsoft.EntityFrameworkCore;

using static ChatAi.Core.Chats.ChatRules;

namespace ChatAi.Core.Chats;

/// <summary>A turn's one write: the user's message, the reply placeholder(s) and the chat's new leaf.</summary>
public sealed partial class ReplyService
{
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
}
