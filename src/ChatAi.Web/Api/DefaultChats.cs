using ChatAi.Core.Chats;
using ChatAi.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ChatAi.Web.Api;

/// <summary>
/// The user's default chat, which the flat seed-003 log writes to. Only its id is chosen and remembered
/// here (<see cref="ApplicationUser.DefaultChatId"/>); ChatService creates the chat with that id on the
/// first message, so it is titled like any other chat and no empty chat is left behind.
/// </summary>
internal sealed class DefaultChats(IDbContextFactory<ChatAiDbContext> dbFactory)
{
    /// <summary>Runs <paramref name="action"/> on the default chat; if its id turns out to be taken by someone else's chat, picks a fresh one once.</summary>
    public async Task<T> UseAsync<T>(string userId, Func<Guid, Task<T>> action, CancellationToken ct)
    {
        var id = await RememberedAsync(userId, ct) ?? await SwapAsync(userId, null, ct);
        try
        {
            return await action(id);
        }
        catch (ChatException e) when (e.Kind == ChatErrorKind.NotFound)
        {
            return await action(await SwapAsync(userId, id, ct));
        }
    }

    private async Task<Guid?> RememberedAsync(string userId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Users.Where(u => u.Id == userId).Select(u => u.DefaultChatId).FirstOrDefaultAsync(ct);
    }

    /// <summary>Replaces the remembered id (compare-and-set, so concurrent first uses agree on one chat).</summary>
    private async Task<Guid> SwapAsync(string userId, Guid? expected, CancellationToken ct)
    {
        var fresh = Guid.CreateVersion7();
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            await db.Users.Where(u => u.Id == userId && u.DefaultChatId == expected)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.DefaultChatId, fresh), ct);
        return await RememberedAsync(userId, ct) ?? fresh;
    }
}
