using ChatAi.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ChatAi.Core.Chats;

/// <summary>
/// The legacy message log (seed 003's <c>/api/chat/history/</c> and <c>/api/chat/message/</c>): one flat list of the
/// user's messages. New messages go to the user's default chat, whose id is remembered in
/// <see cref="ApplicationUser.DefaultChatId"/>; the chat itself is created with that id on the first message, so
/// it is titled like any other chat and no empty chat is left behind.
/// </summary>
public sealed class LegacyMessageLog(IDbContextFactory<ChatAiDbContext> dbFactory, ChatService chats, ReplyService replies)
{
    public const int MaxLogPage = 500;

    /// <summary>Stores a message in the user's default chat, without a reply.</summary>
    public Task<Message> AddToMessageLogAsync(string userId, string? content, CancellationToken ct = default) =>
        InDefaultChatAsync(userId, chatId => chats.AddUserMessageAsync(userId, chatId, content, createChat: true, ct), ct);

    /// <summary>Sends a message in the user's default chat and starts its reply.</summary>
    public Task<Generation> SendToMessageLogAsync(string userId, string? content, ModelChoice? choice, CancellationToken ct = default) =>
        InDefaultChatAsync(userId, chatId => replies.SendAsync(userId, chatId, content, choice, createChat: true, ct), ct);

    /// <summary>Runs <paramref name="action"/> on the default chat; if its id turns out to be taken by someone else's chat, picks a fresh one once.</summary>
    private async Task<T> InDefaultChatAsync<T>(string userId, Func<Guid, Task<T>> action, CancellationToken ct)
    {
        var id = await DefaultChatIdAsync(userId, ct) ?? await SwapDefaultChatIdAsync(userId, null, ct);
        try
        {
            return await action(id);
        }
        catch (ChatException e) when (e.Kind == ChatErrorKind.NotFound)
        {
            return await action(await SwapDefaultChatIdAsync(userId, id, ct));
        }
    }

    private async Task<Guid?> DefaultChatIdAsync(string userId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Users.Where(u => u.Id == userId).Select(u => u.DefaultChatId).FirstOrDefaultAsync(ct);
    }

    /// <summary>Replaces the remembered id (compare-and-set, so concurrent first uses agree on one chat).</summary>
    private async Task<Guid> SwapDefaultChatIdAsync(string userId, Guid? expected, CancellationToken ct)
    {
        var fresh = Guid.CreateVersion7();
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            await db.Users.Where(u => u.Id == userId && u.DefaultChatId == expected)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.DefaultChatId, fresh), ct);
        return await DefaultChatIdAsync(userId, ct) ?? fresh;
    }

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
