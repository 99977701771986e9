using ChatAi.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ChatAi.Core.Chats;

/// <summary>Finding, stopping and awaiting the replies a turn started.</summary>
public sealed partial class ReplyService
{
    /// <summary>Stops the replies generating in this chat (both of a compare), keeping what arrived. False when none is running.</summary>
    public bool Stop(string userId, Guid chatId) => runs.Stop(userId, chatId);

    /// <summary>
    /// Stops the reply in this chat wherever it runs: here at once, on another instance through the
    /// database (that instance checks every second). False when the chat has no reply generating.
    /// </summary>
    public async Task<bool> StopAsync(string userId, Guid chatId, CancellationToken ct = default)
    {
        if (runs.Stop(userId, chatId)) return true;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Messages
            .Where(m => m.ChatId == chatId && m.Status == MessageStatus.Streaming && m.Chat!.UserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.StopRequested, true), ct) > 0;
    }

    /// <summary>
    /// Stops one reply of the chat (one side of a compare), keeping what arrived: here at once, on another instance through
    /// the database. False when that reply is not generating or the chat is not the caller's.
    /// </summary>
    public async Task<bool> StopReplyAsync(string userId, Guid chatId, long replyId, CancellationToken ct = default)
    {
        if (runs.Stop(userId, chatId, replyId)) return true;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Messages
            .Where(m => m.Id == replyId && m.ChatId == chatId && m.Status == MessageStatus.Streaming && m.Chat!.UserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.StopRequested, true), ct) > 0;
    }

    public Generation? FindGeneration(string userId, Guid chatId) => runs.Find(userId, chatId);

    /// <summary>This reply while it generates here (a compare's replies each have their own), if the chat is the caller's.</summary>
    public Generation? FindGeneration(string userId, Guid chatId, long replyId) => runs.Find(userId, chatId, replyId);

    /// <summary>Waits (bounded) for a new chat's title, so a synchronous API answer can list the chat with it.</summary>
    public Task WaitForTitleAsync(Guid chatId, TimeSpan max) => runs.WaitForTitleAsync(chatId, max);
}
