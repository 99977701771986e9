using ChatAi.Core.Chats;

namespace ChatAi.Web.Components.Chat;

/// <summary>What the sidebar shows of a user's chats at one moment: every pinned chat, then the most recent others.</summary>
internal sealed record ChatList(List<ChatSummary> Pinned, List<ChatSummary> Recent, bool HasMore);

/// <summary>
/// Reads the sidebar's chat list (ChatSidebar's reloads). Not sealed, and its read virtual, so a test can hold one
/// reload's answer back and let a later one finish first (the overlap ChatSidebar.ReloadAsync guards against).
/// </summary>
internal class ChatListLoader(ChatService chats)
{
    /// <summary>Every pinned chat, and the most recent <paramref name="keep"/> others (paged at the service's maximum).</summary>
    public virtual async Task<ChatList> LoadAsync(string userId, int keep)
    {
        List<ChatSummary> pinned = [.. await chats.ListChatsAsync(userId, ChatService.MaxPageSize, pinned: true)];
        var recent = new List<ChatSummary>();
        while (true)
        {
            var page = await chats.ListChatsAsync(userId, Math.Min(ChatService.MaxPageSize, keep - recent.Count), recent.Count > 0 ? ChatCursor.After(recent[^1]) : null, pinned: false);
            recent.AddRange(page);
            if (page.Count == 0 || recent.Count >= keep) return new(pinned, recent, page.Count > 0 && recent.Count >= keep);
        }
    }
}
