using Microsoft.EntityFrameworkCore;

namespace ChatAi.Core.Chats;

public sealed partial class ChatService
{
    /// <summary>Deletes every chat of the user (messages go with them); returns how many chats were deleted.</summary>
    public async Task<int> DeleteAllChatsAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = await db.Chats.Where(c => c.UserId == userId).Select(c => c.Id).ToListAsync(ct);
        if (ids.Count == 0) return 0;
        var deleted = await db.Chats.Where(c => c.UserId == userId).ExecuteDeleteAsync(ct);
        notifier.ChatListChanged(userId);
        foreach (var id in ids) notifier.ChatChanged(id);
        return deleted;
    }
}
