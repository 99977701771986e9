using System.Threading.Channels;
using ChatAi.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ChatAi.Core.Chats;

/// <summary>
/// What one send writes: the user's message (none for Regenerate), the chat's model and last activity (and its
/// first-words title), the reply placeholder (under the user's message, or beside the reply being regenerated), and
/// the chat's new leaf, the reply. Built by <see cref="ReplyService"/>, saved by <see cref="TurnWriter"/>: as one command
/// (<see cref="TurnStatement"/>) for an existing chat's turn with one reply, else in three steps of one transaction, since
/// each needs the id the one before got.
/// </summary>
internal sealed class Turn(Chat chat, bool chatIsNew, bool titleChanged, Message? userMessage, Message reply, Message? secondReply = null)
{
    internal TaskCompletionSource Saved { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public Chat Chat => chat;
    public Message? UserMessage { get; private set; } = userMessage;
    public Message Reply { get; private set; } = reply;

    /// <summary>A compare's other reply, beside <see cref="Reply"/> under the user's message; the leaf stays on the first.</summary>
    public Message? SecondReply { get; private set; } = secondReply;

    /// <summary>
    /// Step 1: the chat and the user's message (or, without one, the reply, whose parent is known); <paramref name="again"/>
    /// after a failed batch (fresh message objects).
    /// </summary>
    internal void AddTo(ChatAiDbContext db, bool again)
    {
        if (again)
        {
            UserMessage = UserMessage is null ? null : Copy(UserMessage);
            Reply = Copy(Reply);
            SecondReply = SecondReply is null ? null : Copy(SecondReply);
        }
        // Attaching the chat attaches what its Messages hold, which a failed attempt's fix-up filled.
        chat.Messages.Clear();
        if (chatIsNew) db.Chats.Add(chat);
        else
        {
            var entry = db.Chats.Attach(chat);
            entry.Property(c => c.LastActivityAt).IsModified = true;
            entry.Property(c => c.Provider).IsModified = true;
            entry.Property(c => c.Model).IsModified = true;
            if (titleChanged) entry.Property(c => c.Title).IsModified = true;
        }
        db.Messages.Add(UserMessage ?? Reply);
    }

    /// <summary>Step 2: the reply (a compare's two) under the user's message saved in step 1.</summary>
    internal void AddReplyTo(ChatAiDbContext db)
    {
        if (UserMessage is null) return;
        Reply.ParentId = UserMessage.Id;
        db.Messages.Add(Reply);
        if (SecondReply is null) return;
        SecondReply.ParentId = UserMessage.Id;
        db.Messages.Add(SecondReply);
    }

    /// <summary>Step 3: the chat now shows the path ending at the reply.</summary>
    internal void MoveLeaf(ChatAiDbContext db)
    {
        var leaf = db.Entry(chat).Property(c => c.CurrentLeafId);
        leaf.CurrentValue = Reply.Id;
        leaf.IsModified = true;
    }

    /// <summary>An existing chat's turn with one reply: written as one command (<see cref="TurnStatement"/>).</summary>
    private bool InOneStatement => !chatIsNew && SecondReply is null;

    /// <summary>
    /// Writes <paramref name="turns"/> in one transaction: each ordinary turn as one command, a new chat's or a compare's
    /// in three steps. A single ordinary turn on PostgreSQL is one statement, atomic without a transaction of its own.
    /// </summary>
    internal static async Task WriteAsync(ChatAiDbContext db, IReadOnlyList<Turn> turns, bool again)
    {
        if (turns is [{ InOneStatement: true } single] && !db.Database.IsSqlite())
        {
            await single.WriteOneAsync(db);
            return;
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        foreach (var turn in turns)
            if (turn.InOneStatement) await turn.WriteOneAsync(db);
        var stepped = turns.Where(t => !t.InOneStatement).ToList();
        if (stepped.Count > 0)
        {
            foreach (var turn in stepped) turn.AddTo(db, again);
            await db.SaveChangesAsync();
            foreach (var turn in stepped) turn.AddReplyTo(db);
            await db.SaveChangesAsync();
            foreach (var turn in stepped) turn.MoveLeaf(db);
            await db.SaveChangesAsync();
        }
        await transaction.CommitAsync();
    }

    private Task WriteOneAsync(ChatAiDbContext db) => TurnStatement.WriteAsync(db, chat, titleChanged, UserMessage, Reply);

    private static Message Copy(Message m) => new()
    {
        ChatId = m.ChatId, ParentId = m.ParentId, Role = m.Role, Content = m.Content, CreatedAt = m.CreatedAt, UpdatedAt = m.UpdatedAt,
        Status = m.Status, Error = m.Error, Provider = m.Provider, Model = m.Model, CompareSlot = m.CompareSlot,
    };
}

/// <summary>
/// Writes each send's turn in one transaction. On PostgreSQL, group commit: turns that arrive while a transaction is
/// being written wait and are then written together, in one transaction, by one writer, so fifty sends at once cost
/// a few commits (each a WAL flush) instead of fifty. If a batch fails (a reply already generating in one of the
/// chats, a chat deleted meanwhile), each of its turns is written alone, so only the failing one fails. On SQLite a
/// commit is cheap (WAL, synchronous=NORMAL) and a batch makes every send in it wait for all of them: measured
/// (bench/README.md, figure 1), SQLite sends write alone. A turn's task completes once it is committed: the caller
/// asks the model only after that.
/// </summary>
public sealed class TurnWriter(IDbContextFactory<ChatAiDbContext> dbFactory)
{
    private const int MaxBatch = 64;
    private readonly Channel<Turn> _queue = Channel.CreateUnbounded<Turn>(new UnboundedChannelOptions { SingleReader = true });
    private int _started;

    /// <summary>
    /// Completes when the turn is committed (or throws what its own transaction threw). Not cancellable once queued:
    /// a caller that stopped waiting must not leave behind a reply placeholder nobody generates.
    /// </summary>
    internal async Task SaveAsync(Turn turn, bool groupCommit)
    {
        if (!groupCommit)
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            await Turn.WriteAsync(db, [turn], again: false);
            return;
        }
        if (Interlocked.Exchange(ref _started, 1) == 0) _ = Task.Run(WriteLoopAsync);
        _queue.Writer.TryWrite(turn);
        await turn.Saved.Task;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Turn>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var turn)) batch.Add(turn);
            if (!await TryWriteAsync(batch, again: false))
                foreach (var turn in batch) await TryWriteAsync([turn], again: true);
            batch.Clear();
        }
    }

    /// <summary>Writes the turns in one transaction. False when a batch of several failed (the caller retries them one by one).</summary>
    private async Task<bool> TryWriteAsync(List<Turn> turns, bool again)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            await Turn.WriteAsync(db, turns, again);
        }
        catch (Exception e)
        {
            if (turns.Count > 1) return false;
            turns[0].Saved.TrySetException(e);
            return true;
        }
        foreach (var turn in turns) turn.Saved.TrySetResult();
        return true;
    }
}
