using ChatAi.Core.Data;
using ChatAi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ChatAi.Tests.Postgres;

/// <summary>The hand-written PostgreSQL migrations: they match the model, run on start, and run once when instances start together.</summary>
public sealed class PostgresMigrationsTests
{
    private const string InitialSchema = "20261122000000_InitialSchema";

    [Fact]
    public void HandWrittenSnapshotMatchesTheModel()
    {
        // No server needed; the SQLite app only supplies the Identity options (schema version 3) the model is built with.
        using var app = new ChatAiApplication();
        using var db = CreateContext("Host=127.0.0.1;Database=drift-check", app.Services);
        var snapshot = db.GetService<IMigrationsAssembly>().ModelSnapshot;
        Assert.IsType<Core.Data.Migrations.Postgres.PostgresChatAiDbContextModelSnapshot>(snapshot);
        var designModel = db.GetService<IDesignTimeModel>().Model;
        var snapshotModel = db.GetService<IModelRuntimeInitializer>().Initialize(snapshot.Model, designTime: true);
        var differences = db.GetService<IMigrationsModelDiffer>().GetDifferences(snapshotModel.GetRelationalModel(), designModel.GetRelationalModel());
        Assert.True(differences.Count == 0,
            "The model has changes that no PostgreSQL migration describes: " + string.Join("; ", differences.Select(Describe)));
        Assert.False(db.Database.HasPendingModelChanges());
        Assert.Equal([InitialSchema], db.Database.GetMigrations());
    }

    [Fact]
    public async Task FirstStartMigratesAnEmptyDatabaseWithUtcTimestampsAndJsonPasskeys()
    {
        using var app = new ChatAiApplication(database: TestDatabase.Postgres());
        _ = app.Server;
        await using var db = app.CreateDbContext();
        Assert.IsType<PostgresChatAiDbContext>(db);
        Assert.Equal([InitialSchema], await db.Database.GetAppliedMigrationsAsync());

        var columns = await QueryAsync(app.Database.ConnectionString!,
            "SELECT table_name || '.' || column_name || ' ' || data_type FROM information_schema.columns WHERE table_schema = 'public'");
        Assert.Contains("Chats.Id uuid", columns);
        Assert.Contains("Chats.LastActivityAt timestamp with time zone", columns);
        Assert.Contains("Messages.CreatedAt timestamp with time zone", columns);
        Assert.Contains("AspNetUsers.LockoutEnd timestamp with time zone", columns);
        Assert.Contains("AspNetUserPasskeys.Data jsonb", columns);
    }

    [Fact]
    public async Task MigratedSchemaIsExactlyWhatTheModelWouldCreate()
    {
        using var app = new ChatAiApplication(database: TestDatabase.Postgres());
        _ = app.Server;
        var created = PostgresServer.Instance.CreateDatabase();
        await using (var db = CreateContext(created, app.Services))
        {
            Assert.True(await db.Database.EnsureCreatedAsync());
        }
        Assert.Equal(await SchemaAsync(created), await SchemaAsync(app.Database.ConnectionString!));
    }

    [Fact]
    public async Task InstancesStartingTogetherOnAnEmptyDatabaseMigrateItOnce()
    {
        var database = TestDatabase.Postgres();
        var apps = Enumerable.Range(0, 3).Select(_ => new ChatAiApplication(database: database)).ToList();
        try
        {
            using var go = new Barrier(apps.Count);
            await Task.WhenAll(apps.Select(app => Task.Run(() =>
            {
                go.SignalAndWait();
                _ = app.Server; // builds the host and runs the initializer, which migrates
            })));

            Assert.Equal([InitialSchema], await QueryAsync(database.ConnectionString!, "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\""));
            var users = new List<string>();
            foreach (var app in apps) users.Add(await app.CreateUserAsync(TestUsers.NewEmail()));
            await using var db = apps[0].CreateDbContext();
            Assert.Equal(users.Count, await db.Users.CountAsync(u => users.Contains(u.Id)));
        }
        finally
        {
            foreach (var app in apps) app.Dispose();
        }
    }

    [Fact]
    public async Task AnInstanceStartingWhileAnotherHoldsTheMigrationLockWaitsAndThenFindsNothingToDo()
    {
        var database = TestDatabase.Postgres();
        using var first = new ChatAiApplication(database: database);
        _ = first.Server;

        // Hold the table lock EF takes while migrating; the second instance must wait for it, not fail or migrate twice.
        await using var blocker = new NpgsqlConnection(database.ConnectionString);
        await blocker.OpenAsync();
        await using var transaction = await blocker.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand("LOCK TABLE \"__EFMigrationsHistory\" IN ACCESS EXCLUSIVE MODE", blocker, transaction))
            await command.ExecuteNonQueryAsync();

        using var second = new ChatAiApplication(database: database);
        var starting = Task.Run(() => second.Server);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.False(starting.IsCompleted, "the second instance did not wait for the migration lock");
        await transaction.CommitAsync();
        await starting.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal([InitialSchema], await QueryAsync(database.ConnectionString!, "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\""));
        await second.CreateUserAsync(TestUsers.NewEmail());
    }

    [Fact]
    public async Task RepliesLeftGeneratingByACrashAreMarkedInterruptedOnStart()
    {
        var database = TestDatabase.Postgres();
        Guid chatId;
        using (var first = new ChatAiApplication(database: database))
        {
            _ = first.Server;
            var user = await first.CreateUserAsync(TestUsers.NewEmail());
            chatId = (await first.Chats.CreateChatAsync(user)).Id;
            await using var db = first.CreateDbContext();
            db.Messages.Add(new Message { ChatId = chatId, Role = MessageRole.Assistant, Content = "half a", Status = MessageStatus.Streaming, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        using var second = new ChatAiApplication(database: database);
        _ = second.Server;
        await using var check = second.CreateDbContext();
        var message = await check.Messages.SingleAsync(m => m.ChatId == chatId);
        Assert.Equal((MessageStatus.Interrupted, "half a"), (message.Status, message.Content));
    }

    /// <summary>A context with the app's own PostgreSQL options; <paramref name="appServices"/> supplies the Identity options.</summary>
    private static PostgresChatAiDbContext CreateContext(string connectionString, IServiceProvider appServices)
    {
        var options = new DbContextOptionsBuilder<PostgresChatAiDbContext>();
        DatabaseSetup.UsePostgres(options, connectionString).UseApplicationServiceProvider(appServices);
        return new PostgresChatAiDbContext(options.Options);
    }

    /// <summary>Columns, indexes and constraints, one line each, without EF's history table.</summary>
    private static Task<List<string>> SchemaAsync(string connectionString) => QueryAsync(connectionString, """
        SELECT table_name || '.' || column_name || ' ' || data_type || coalesce('(' || character_maximum_length || ')', '')
               || CASE WHEN is_nullable = 'NO' THEN ' not null' ELSE '' END
               || coalesce(' identity ' || identity_generation, '') || coalesce(' default ' || column_default, '')
          FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '__EFMigrationsHistory'
        UNION ALL
        SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '__EFMigrationsHistory'
        UNION ALL
        SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
          FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '"__EFMigrationsHistory"'
        ORDER BY 1
        """);

    private static async Task<List<string>> QueryAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }

    private static string Describe(MigrationOperation operation) => operation switch
    {
        AddColumnOperation c => $"add column {c.Table}.{c.Name}",
        AlterColumnOperation c => $"alter column {c.Table}.{c.Name} ({c.OldColumn.ColumnType} -> {c.ColumnType})",
        DropColumnOperation c => $"drop column {c.Table}.{c.Name}",
        CreateIndexOperation i => $"create index {i.Name} on {i.Table}",
        DropIndexOperation i => $"drop index {i.Name}",
        CreateTableOperation t => $"create table {t.Name}",
        DropTableOperation t => $"drop table {t.Name}",
        AlterDatabaseOperation => "alter database (model annotations)",
        _ => operation.GetType().Name,
    };
}
