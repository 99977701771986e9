using System.Data.Common;
using System.Diagnostics;
using ChatAi.Core.Configuration;
using ChatAi.Core.Data;
using ChatAi.Core.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatAi.Core.Chats;

/// <summary>Streams one reply from a provider into its stored assistant message, then records how it ended.</summary>
public sealed class GenerationRunner(
    IDbContextFactory<ChatAiDbContext> dbFactory,
    IOptions<ChatAiOptions> options,
    TimeProvider clock,
    ChatNotifier notifier,
    ILogger<GenerationRunner> logger)
{
    public async Task RunAsync(Generation generation, IModelProvider provider, ModelRequest request, Action? beforeFinish = null)
    {
        var status = MessageStatus.Complete;
        string? error = null;
        ChatException? failure = null;
        TokenUsage? usage = null;
        var interval = TimeSpan.FromMilliseconds(options.Value.StreamSaveIntervalMs);
        var lastSave = Stopwatch.StartNew();
        var heartbeat = Task.Run(() => HeartbeatAsync(generation));
        try
        {
            await foreach (var item in provider.StreamAsync(request, generation.Cancellation.Token))
            {
                if (item is TextDelta delta && delta.Text.Length > 0)
                {
                    generation.Append(delta.Text);
                    if (lastSave.Elapsed < interval) continue;
                    lastSave.Restart();
                    if (!await SaveProgressAsync(generation)) generation.Stop(MessageStatus.Stopped); // chat deleted
                }
                else if (item is StreamFinished finished)
                {
                    usage = finished.Usage;
                    (status, error, failure) = Finished(finished);
                }
            }
        }
        catch (OperationCanceledException) when (generation.Cancellation.IsCancellationRequested)
        {
            status = generation.StopAs ?? MessageStatus.Stopped;
            error = status == MessageStatus.Interrupted ? "The reply was interrupted because the server stopped." : null;
        }
        catch (ModelProviderException e)
        {
            status = MessageStatus.Failed;
            error = e.Message;
            failure = ProviderErrors.ToChatException(e);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Generating a reply in chat {ChatId} failed unexpectedly", generation.ChatId);
            status = MessageStatus.Failed;
            error = "Something went wrong while generating the reply. Try again.";
            failure = new ChatException(ChatErrorKind.ProviderFailed, error);
        }

        generation.StopHeartbeat();
        await heartbeat;
        var message = await SaveFinalWithRetryAsync(generation, status, error, usage);
        beforeFinish?.Invoke();
        generation.Finish(new GenerationOutcome(message, failure));
        notifier.ChatChanged(generation.ChatId);
        notifier.ChatListChanged(generation.UserId);
    }

    private static (MessageStatus, string?, ChatException?) Finished(StreamFinished finished) => finished.Reason switch
    {
        FinishReason.Length => (MessageStatus.Truncated, "The reply stopped at the model's length limit.", null),
        FinishReason.ContentFilter => Blocked(finished.Detail),
        _ => (MessageStatus.Complete, null, null),
    };

    private static (MessageStatus, string?, ChatException?) Blocked(string? reason)
    {
        var text = $"The provider refused to answer ({reason ?? "content filter"}).";
        return (MessageStatus.Blocked, text, new ChatException(ChatErrorKind.ContentBlocked, text));
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
    private async Task<Message> SaveFinalWithRetryAsync(Generation generation, MessageStatus status, string? error, TokenUsage? usage)
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

    private async Task<Message> SaveFinalAsync(Generation generation, MessageStatus status, string? error, TokenUsage? usage)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync();
        var message = await db.Messages.FirstOrDefaultAsync(m => m.Id == generation.MessageId);
        if (message is null) return new Message { Id = generation.MessageId, ChatId = generation.ChatId, Role = MessageRole.Assistant, Status = status };
        message.Content = generation.Text;
        message.CreatedAt = now; // when the reply was written, as the original stored it
        message.Status = status;
        message.UpdatedAt = now;
        message.Error = error is { Length: > 500 } ? error[..500] : error;
        message.PromptTokens = usage?.PromptTokens;
        message.CompletionTokens = usage?.CompletionTokens;
        await db.Chats.Where(c => c.Id == generation.ChatId).ExecuteUpdateAsync(s => s.SetProperty(c => c.LastActivityAt, now));
        await db.SaveChangesAsync();
        return message;
    }
}
