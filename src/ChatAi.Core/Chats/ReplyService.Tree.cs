using ChatAi.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;

using static ChatAi.Core.Chats.ChatRules;

namespace ChatAi.Core.Chats;

/// <summary>
/// Where a turn goes in the chat's message tree, and what of the tree the model sees (the tree's rules:
/// <see cref="ChatService"/>'s Branches file). Send appends the user's message under the leaf and the reply under it;
/// Regenerate adds a sibling reply; Edit adds a sibling user message and a fresh reply.
/// </summary>
public sealed partial class ReplyService
{
    /// <summary>
    /// Where a turn's messages go. Send: the user's message under the current leaf. Edit: beside the edited user message.
    /// Regenerate (no text): a reply beside the leaf's reply, or under the leaf when it is an unanswered user message (Retry).
    /// Returns the user message's parent, or for Regenerate the reply's parent.
    /// </summary>
    private static async Task<long?> ParentForAsync(ChatAiDbContext db, Chat chat, bool isEmpty, TurnTarget target, CancellationToken ct)
    {
        if (target.EditOf is { } edited)
        {
            var original = await db.Messages.Where(m => m.Id == edited && m.ChatId == chat.Id)
                .Select(m => new { m.Role, m.ParentId }).FirstOrDefaultAsync(ct) ?? throw ChatService.MessageNotFound();
            if (original.Role != MessageRole.User) throw new ChatException(ChatErrorKind.Validation, "Only your own messages can be edited.");
            return original.ParentId;
        }
        var leafId = isEmpty ? null : chat.CurrentLeafId ?? await LinkLinearAsync(db, chat.Id, ct);
        if (target.UserText is not null) return leafId;
        var leaf = leafId is null ? null : await db.Messages.Where(m => m.Id == leafId)
            .Select(m => new { m.Role, m.ParentId }).FirstOrDefaultAsync(ct);
        if (leaf is null) throw new ChatException(ChatErrorKind.Validation, "There is no message to answer yet.");
        return leaf.Role == MessageRole.Assistant ? leaf.ParentId : leafId;
    }

    /// <summary>
    /// The last ContextMessages messages of the path ending at <paramref name="lastId"/> (the message the new reply answers),
    /// oldest first, leaving out empty failed replies. Never another branch's messages.
    /// </summary>
    private async Task<IReadOnlyList<ChatMessage>> ContextAsync(ChatAiDbContext db, Guid chatId, long? lastId, CancellationToken ct)
    {
        if (lastId is null) return [];
        var size = Options.ContextMessages;
        // Empty failed replies are rare: walk twice the window up from the last message, and the whole path only if they left it short.
        var rows = await ContextPath.ReadAsync(db, chatId, lastId.Value, size * 2, ct);
        if (Answerable(rows).Count() < size && rows.Count == size * 2 && rows[^1].ParentId is not null)
            rows = await ContextPath.ReadAsync(db, chatId, lastId.Value, ContextPath.Unbounded, ct);
        return Answerable(rows).Take(size).Reverse()
            .Select(m => new ChatMessage(m.Role == nameof(MessageRole.User) ? ChatRole.User : ChatRole.Assistant, m.Content)).ToList();

        static IEnumerable<ContextPath.Row> Answerable(List<ContextPath.Row> rows) => rows.Where(m => m.Role == nameof(MessageRole.User) || m.Content != "");
    }
}
