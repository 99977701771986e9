using ChatAi.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatAi.Core.Chats;

/// <summary>
/// With several instances on one database, a reply whose instance died stops sending heartbeats; any
/// surviving instance marks it interrupted, so no chat stays "generating" forever.
/// </summary>
internal sealed class StaleReplySweeper(IDbContextFactory<ChatAiDbContext> dbFactory, TimeProvider clock, ChatNotifier notifier,
    ILogger<StaleReplySweeper> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync(stoppingToken);
                var staleBefore = clock.GetUtcNow().UtcDateTime - DatabaseSetup.StaleReplyAge;
                var chats = await db.Messages.Where(m => m.Status == MessageStatus.Streaming && m.UpdatedAt < staleBefore)
                    .Select(m => m.ChatId).ToListAsync(stoppingToken);
                if (chats.Count == 0) continue;
                var marked = await DatabaseSetup.MarkInterruptedAsync(db, staleBefore, stoppingToken);
                foreach (var chatId in chats) notifier.ChatChanged(chatId);
                logger.LogWarning("Marked {Count} replies whose instance stopped as interrupted", marked);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Sweeping stale replies failed");
            }
        }
    }
}
