using ChatAi.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ChatAi.Core.Chats;

/// <summary>What the chat view needs to show a compare's two replies side by side.</summary>
public sealed partial class ChatService
{
    /// <summary>
    /// Both replies of the compare that <paramref name="replyId"/> belongs to, in the order the models were given
    /// (slot 1, then 2), without their siblings filled; empty when it is no compare reply or not the caller's chat.
    /// </summary>
    public async Task<IReadOnlyList<Message>> GetCompareRepliesAsync(string userId, Guid chatId, long replyId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var parentId = await db.Messages.AsNoTracking()
            .Where(m => m.Id == replyId && m.ChatId == chatId && m.CompareSlot != null && m.Chat!.UserId == userId)
            .Select(m => m.ParentId).FirstOrDefaultAsync(ct);
        if (parentId is null) return [];
        // Read in the chat's (ChatId, Id) range: a reply's id is above its parent's.
        var pair = await db.Messages.AsNoTracking()
            .Where(m => m.ChatId == chatId && m.Id > parentId && m.ParentId == parentId && m.CompareSlot != null)
            .OrderBy(m => m.CompareSlot).ThenBy(m => m.Id).Take(2).ToListAsync(ct);
        return pair.Count == 2 ? pair : [];
    }
}
