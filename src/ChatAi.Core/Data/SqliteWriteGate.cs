using Microsoft.EntityFrameworkCore;

namespace ChatAi.Core.Data;

/// <summary>
/// SQLite takes one writer at a time, and a writer that finds the database locked sleeps in SQLite's busy handler
/// (1, 2, 5, 10, 15, 20, 25… ms) instead of being woken when the lock is free: with 50 sends at once most of their
/// time went into those sleeps. The writes of this process (storing a turn, saving a growing or finished reply)
/// queue here instead and each starts the moment the previous one commits. Only this process's writes are ordered;
/// other processes on the same file still meet the busy handler. PostgreSQL needs no gate.
/// </summary>
public sealed class SqliteWriteGate
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Holds the gate until disposed when <paramref name="db"/> is SQLite; otherwise returns at once.</summary>
    public async ValueTask<Held> EnterAsync(DbContext db, CancellationToken ct = default)
    {
        if (!db.Database.IsSqlite()) return default;
        await _gate.WaitAsync(ct);
        return new Held(_gate);
    }

    public readonly struct Held(SemaphoreSlim? gate) : IDisposable
    {
        public void Dispose() => gate?.Release();
    }
}
