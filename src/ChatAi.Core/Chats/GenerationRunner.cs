using System.Data.Common;
using System.Diagnostics;
using ChatAi.Core.Configuration;
using ChatAi.Core.Data;
using ChatAi.Core.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatAi.Core.Chats;

/// <summary>Streams one reply from the chat's model client into its stored assistant message, then records how it ended.</summary>
public sealed class GenerationRunner(
    IDbContextFactory<ChatAiDbContext> dbFactory,
    IOptions<ChatAiOptions> options,
    TimeProvider clock,
    ChatNotifier notifier,
    ModelClients clients,
    ILogger<GenerationRunner> logger)
{
    /// <param name="conversation">The context window, oldest first, ending with the message to answer.</param>
    public async Task RunAsync(Generation generation, IReadOnlyList<ChatMessage> conversation, Action? beforeFinish = null)
    {
        var ending = ReplyEnding.Complete;
        var finished = false;
        UsageDetails? usage = null;
        var interval = TimeSpan.FromMilliseconds(options.Value.StreamSaveIntervalMs);
        var lastSave = Stopwatch.StartNew();
        var heartbeat = Task.Run(() => HeartbeatAsync(generation));
        var request = ReplyOptions.For(generation, options.Value);
        try
        {
            var updates = clients.For(generation.Provider).GetStreamingResponseAsync(conversation, request, generation.Cancellation.Token);
            await foreach (var update in updates)
            {
                foreach (var content in update.Contents)
                    if (content is UsageContent used) usage = used.Details;
                // The first finish reason wins: a later chunk must not turn a refusal into a plain stop.
                if (update.FinishReason is { } reason && !finished)
                {
                    finished = true;
                    ending = ReplyEnding.Finished(reason, ProviderFinish.DetailOf(update));
                }
                if (update.Text is not { Length: > 0 } text) continue;
                generation.Append(text);
                if (lastSave.Elapsed < interval) continue;
                lastSave.Restart();
                if (!await SaveProgressAsync(generation)) generation.Stop(MessageStatus.Stopped); // chat deleted
            }
        }
        catch (OperationCanceledException) when (generation.Cancellation.IsCancellationRequested)
        {
            ending = ReplyEnding.Stopped(generation.StopAs ?? MessageStatus.Stopped);
        }
        catch (ModelProviderException e)
        {
            ending = ReplyEnding.Failed(e);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Generating a reply in chat {ChatId} failed unexpectedly", generation.ChatId);
            ending = ReplyEnding.Unexpected();
        }

        generation.StopHeartbeat();
        await heartbeat;
        var message = await SaveFinalWithRetryAsync(generation, ending.Status, ending.StoredError, usage);
        beforeFinish?.Invoke();
        generation.Finish(new GenerationOutcome(message, ending.Error));
        notifier.ChatChanged(generation.ChatId);
        notifier.ChatListChanged(generation.UserId);
    }

    /// <summary>
    /// While the reply runs: every second, see whether another instance asked it to stop; every few
    /// seconds, touch UpdatedAt so other instances can tell a live reply from one whose instance died.
    /// </summary>
    private async Task HeartbeatAsync(Generation generation)
    {
        var sinceWrite = Stopwatch.StartNew();
        while (await generation.HeartbeatTickAsync())
        {
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync();
                bool alive;
                if (sinceWrite.Elapsed >= HeartbeatWrite)
                {
                    sinceWrite.Restart();
                    var now = clock.GetUtcNow().UtcDateTime;
                    alive = await db.Messages.Where(m => m.Id == generation.MessageId && !m.StopRequested)
                        .ExecuteUpdateAsync(s => s.SetProperty(m => m.UpdatedAt, now)) > 0;
                }
                else alive = await db.Messages.AnyAsync(m => m.Id == generation.MessageId && !m.StopRequested);
                if (!alive) generation.Stop(MessageStatus.Stopped);
            }
            catch (Exception e) when (e is DbException or DbUpdateException or InvalidOperationException)
            {
                logger.LogWarning(e, "Heartbeat of the reply in chat {ChatId} failed", generation.ChatId);
            }
        }
    }

    internal static readonly TimeSpan HeartbeatWrite = TimeSpan.FromSeconds(10);

    private async Task<bool> SaveProgressAsync(Generation generation)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            var text = generation.Text;
            var now = clock.GetUtcNow().UtcDateTime;
            // No row means the chat was deleted or another instance asked this reply to stop.
            return await db.Messages.Where(m => m.Id == generation.MessageId && !m.StopRequested)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Content, text).SetProperty(m => m.UpdatedAt, now)) > 0;
        }
        catch (Exception e) when (e is DbException or DbUpdateException or InvalidOperationException)
        {
            // The final save will try again; a busy database must not end the reply.
            logger.LogWarning(e, "Could not save the growing reply in chat {ChatId}", generation.ChatId);
            return true;
        }
    }

    /// <summary>The final save must not leave the reply "generating": retry once, and never throw past here.</summary>
    private async Task<Message> SaveFinalWithRetryAsync(Generation generation, MessageStatus status, string? error, UsageDetails? usage)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SaveFinalAsync(generation, status, error, usage);
            }
            catch (Exception e) when (attempt < 3)
            {
                logger.LogWarning(e, "Saving the finished reply in chat {ChatId} failed (attempt {Attempt})", generation.ChatId, attempt);
                await Task.Delay(200 * attempt);
            }
            catch (Exception e)
            {
                logger.LogError(e, "Could not save the finished reply in chat {ChatId}; the sweeper will mark it interrupted", generation.ChatId);
                return new Message { Id = generation.MessageId, ChatId = generation.ChatId, Role = MessageRole.Assistant, Content = generation.Text, Status = status, Error = error };
            }
        }
    }

    private async Task<Message> SaveFinalAsync(Generation generation, MessageStatus status, string? error, UsageDetails? usage)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync();
        var content = generation.Text;
        var stored = error is { Length: > 500 } ? error[..500] : error;
        int? prompt = Tokens(usage?.InputTokenCount), completion = Tokens(usage?.OutputTokenCount);
        var saved = await FinalSave.WriteAsync(db, generation.ChatId, generation.MessageId, now, content, status, stored, prompt, completion);
        return new Message
        {
            Id = generation.MessageId, ChatId = generation.ChatId, Role = MessageRole.Assistant, Content = content, Status = status, Error = stored,
            PromptTokens = prompt, CompletionTokens = completion, CreatedAt = now, UpdatedAt = now,
            // The row's own columns when it still exists (a deleted chat took it along).
            ParentId = saved?.ParentId, Provider = saved?.Provider ?? generation.Provider, Model = saved?.Model ?? generation.Model,
            CompareSlot = saved?.CompareSlot,
        };
    }

    private static int? Tokens(long? count) => count is { } n ? (int)Math.Clamp(n, 0, int.MaxValue) : null;
}
