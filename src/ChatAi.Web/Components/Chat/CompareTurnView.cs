using ChatAi.Core.Chats;
using ChatAi.Core.Data;

namespace ChatAi.Web.Components.Chat;

/// <summary>
/// A compare shown side by side: the current path's last turn, while its reply is one of a compare's two (CompareSlot).
/// Once a message follows it, the turn is an ordinary message with ‹ 1 / 2 ›.
/// </summary>
public sealed record CompareTurnView(IReadOnlyList<Message> Replies, IReadOnlyList<Generation?> Generations, long LeafId)
{
    /// <summary>The view for a page's messages, or null (no query at all unless the last one is a compare reply).</summary>
    public static async Task<CompareTurnView?> LoadAsync(ChatService chats, ReplyService replyService, string userId, Guid chatId, IReadOnlyList<Message> messages)
    {
        if (messages.Count == 0 || messages[^1] is not { Role: MessageRole.Assistant, CompareSlot: not null } leaf) return null;
        var replies = await chats.GetCompareRepliesAsync(userId, chatId, leaf.Id);
        if (replies.Count != 2) return null;
        return new CompareTurnView(replies, [.. replies.Select(r => replyService.FindGeneration(userId, chatId, r.Id) is { IsFinished: false } g ? g : null)], leaf.Id);
    }

    /// <summary>Either reply still generates, here or on another instance.</summary>
    public bool IsStreaming => Generations.Any(g => g is { IsFinished: false }) || Replies.Any(r => r.Status == MessageStatus.Streaming);

    /// <summary>A reply still streaming that no generation in this process feeds (another instance): the page polls.</summary>
    public bool StreamsElsewhere => Replies.Where((r, i) => r.Status == MessageStatus.Streaming && Generations[i] is null).Any();

    public string? TextOf(long id) => Replies.FirstOrDefault(r => r.Id == id)?.Content;
}
