using ChatAi.Core.Configuration;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatAi.Core.Data;

public static class DatabaseSetup
{
    /// <summary>Registers the DbContext (and its factory) for the configured provider.</summary>
    public static void AddChatAiDatabase(this IHostApplicationBuilder builder)
    {
        var provider = builder.Configuration.GetValue($"{DatabaseOptions.SectionName}:Provider", DatabaseProvider.Sqlite);
        var connection = builder.Configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                if (string.IsNullOrWhiteSpace(connection)) connection = DatabaseOptions.DefaultSqliteConnection;
                var sqlite = SqliteConnectionString(connection, builder.Environment.ContentRootPath);
                // Pooled: a context is taken per operation (history lists, every streamed save), so skip rebuilding one each time.
                builder.Services.AddPooledDbContextFactory<ChatAiDbContext>(options => options
                    .UseSqlite(sqlite)
                    .AddInterceptors(new SqlitePragmas()));
                builder.Services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<ChatAiDbContext>>().CreateDbContext());
                break;
            case DatabaseProvider.Postgres:
                if (string.IsNullOrWhiteSpace(connection))
                    throw new InvalidOperationException(
                        $"Database:Provider is Postgres: set ConnectionStrings:{DatabaseOptions.ConnectionStringName} (for example Host=db;Database=chatai;Username=chatai;Password=...).");
                builder.Services.AddPooledDbContextFactory<PostgresChatAiDbContext>(options => UsePostgres(options, connection));
                // Everything else asks for ChatAiDbContext: the factory (one context per operation) and, for Identity's stores, a scoped context.
                builder.Services.AddSingleton<IDbContextFactory<ChatAiDbContext>>(sp =>
                    new ChatAiDbContextFactory<PostgresChatAiDbContext>(sp.GetRequiredService<IDbContextFactory<PostgresChatAiDbContext>>()));
                builder.Services.AddScoped<ChatAiDbContext>(sp => sp.GetRequiredService<IDbContextFactory<PostgresChatAiDbContext>>().CreateDbContext());
                break;
            default:
                throw new InvalidOperationException($"Database:Provider '{provider}' is not supported; set it to Sqlite or Postgres.");
        }
    }

    /// <summary>The PostgreSQL options the app uses (also used by the migrations drift test).</summary>
    internal static DbContextOptionsBuilder UsePostgres(DbContextOptionsBuilder options, string connection) =>
        options.UseNpgsql(connection);

    /// <summary>Makes a relative file path absolute against the content root and creates its folder.</summary>
    internal static string SqliteConnectionString(string connection, string contentRoot)
    {
        var csb = new SqliteConnectionStringBuilder(connection);
        if (csb.DataSource is not (":memory:" or "") && csb.Mode != SqliteOpenMode.Memory)
        {
            var path = Path.IsPathRooted(csb.DataSource) ? csb.DataSource : Path.Combine(contentRoot, csb.DataSource);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            csb.DataSource = path;
        }
        if (csb.DefaultTimeout < 30) csb.DefaultTimeout = 30;
        return csb.ToString();
    }

    /// <summary>
    /// Creates or upgrades the schema, switches SQLite to WAL, and marks replies a crash left unfinished.
    /// Instances starting together are safe: one migrates while the others wait (EF Core's lock on SQLite, an advisory lock on PostgreSQL).
    /// </summary>
    public static async Task InitializeChatAiDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<ChatAiDbContext>>().CreateDbContextAsync(ct);
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", ct);
        await MigrateAsync(db, ct);
        // SQLite means one instance, so every reply still "generating" was cut off by a crash. On PostgreSQL
        // other instances may be generating right now: only replies whose heartbeat stopped are dead.
        var staleBefore = db.Database.IsSqlite() ? DateTime.MaxValue : DateTime.UtcNow - StaleReplyAge;
        var interrupted = await MarkInterruptedAsync(db, staleBefore, ct);
        if (interrupted > 0)
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseSetup))
                .LogWarning("Marked {Count} unfinished replies as interrupted", interrupted);
    }

    /// <summary>The advisory lock's key, any number the same in every instance: "ChatAi" in ASCII.</summary>
    private const string LockMigrations = "SELECT pg_advisory_lock(74115590668649)", UnlockMigrations = "SELECT pg_advisory_unlock(74115590668649)";

    /// <summary>
    /// Applies pending migrations. On PostgreSQL the whole run holds a session advisory lock: EF Core's own lock
    /// (on the history table) lasts one migration's transaction, so with several pending migrations a second
    /// instance could slip in between them and apply the next one twice.
    /// </summary>
    private static async Task MigrateAsync(ChatAiDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
        {
            await db.Database.MigrateAsync(ct);
            return;
        }
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await db.Database.ExecuteSqlRawAsync(LockMigrations, ct);
            try { await db.Database.MigrateAsync(ct); }
            finally { await db.Database.ExecuteSqlRawAsync(UnlockMigrations, CancellationToken.None); }
        }
        finally { await db.Database.CloseConnectionAsync(); }
    }

    /// <summary>A reply whose instance has not touched it for this long is dead (heartbeats come every 10 s).</summary>
    public static readonly TimeSpan StaleReplyAge = TimeSpan.FromSeconds(45);

    internal static Task<int> MarkInterruptedAsync(ChatAiDbContext db, DateTime staleBefore, CancellationToken ct) =>
        db.Messages
            .Where(m => m.Status == MessageStatus.Streaming && m.UpdatedAt < staleBefore)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, MessageStatus.Interrupted)
                .SetProperty(m => m.Error, "The reply was interrupted because the server stopped."), ct);
}
