using ChatAi.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ChatAi.Core.Chats;

public sealed partial class ChatService
{
    public const int MaxLogPage = 500;

    /// <summary>
    /// The user's messages across all their chats (the original flat log): the newest <paramref name="limit"/>
    /// before <paramref name="beforeId"/>, returned oldest first. Empty reply placeholders are left out.
    /// </summary>
    public async Task<IReadOnlyList<Message>> ListUserMessagesAsync(string userId, int limit, long? beforeId = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Messages.AsNoTracking()
            .Where(m => m.Chat!.UserId == userId && !(m.Role == MessageRole.Assistant && m.Content == ""));
        if (beforeId is { } before) query = query.Where(m => m.Id < before);
        var page = await query.OrderByDescending(m => m.Id).Take(Math.Clamp(limit, 1, MaxLogPage)).ToListAsync(ct);
        page.Reverse();
        return page;
    }
}
