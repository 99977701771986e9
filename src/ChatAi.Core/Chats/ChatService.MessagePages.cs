using ChatAi.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ChatAi.Core.Chats;

/// <summary>A window of a chat's messages, oldest first, and whether older ones exist.</summary>
public sealed record MessagePage(IReadOnlyList<Message> Messages, bool HasEarlier);

public sealed partial class ChatService
{
    public const int MaxMessagePage = 200;

    /// <summary>
    /// The newest <paramref name="limit"/> messages before <paramref name="beforeId"/> (or the newest of all), oldest first;
    /// with <paramref name="fromId"/>, every message from that one on instead (at least <paramref name="limit"/>).
    /// Null when the chat is not the caller's.
    /// </summary>
    public async Task<MessagePage?> GetMessagePageAsync(string userId, Guid chatId, int limit, long? beforeId = null, long? fromId = null,
        CancellationToken ct = default)
    {
        limit = Math.Clamp(limit, 1, MaxMessagePage);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Chats.AnyAsync(c => c.Id == chatId && c.UserId == userId, ct)) return null;
        var messages = db.Messages.AsNoTracking().Where(m => m.ChatId == chatId);
        if (beforeId is { } before) messages = messages.Where(m => m.Id < before);
        List<Message> page;
        if (fromId is { } from)
        {
            page = await messages.Where(m => m.Id >= from).OrderBy(m => m.Id).ToListAsync(ct);
            if (page.Count < limit)
                page = [.. (await messages.OrderByDescending(m => m.Id).Take(limit).ToListAsync(ct)).AsEnumerable().Reverse()];
        }
        else
        {
            page = [.. (await messages.OrderByDescending(m => m.Id).Take(limit).ToListAsync(ct)).AsEnumerable().Reverse()];
        }
        var hasEarlier = page.Count > 0 && await messages.AnyAsync(m => m.Id < page[0].Id, ct);
        return new MessagePage(page, hasEarlier);
    }
}
