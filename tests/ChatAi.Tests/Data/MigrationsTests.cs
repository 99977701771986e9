using ChatAi.Core.Data;
using ChatAi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace ChatAi.Tests.Data;

public sealed class MigrationsTests
{
    /// <summary>The migrations written by hand before `dotnet ef` could run here; every later one is generated.</summary>
    private static readonly string[] HandWritten =
        ["20261121000000_CreateIdentitySchema", "20261121000100_AddChats", "20261122000000_InitialSchema"];

    [Fact]
    public void SnapshotMatchesTheModel()
    {
        using var app = new ChatAiApplication();
        using var db = app.CreateDbContext();
        var snapshot = db.GetService<IMigrationsAssembly>().ModelSnapshot;
        Assert.NotNull(snapshot);
        var differ = db.GetService<IMigrationsModelDiffer>();
        var designModel = db.GetService<IDesignTimeModel>().Model;
        var snapshotModel = db.GetService<IModelRuntimeInitializer>().Initialize(snapshot.Model, designTime: true);
        var differences = differ.GetDifferences(snapshotModel.GetRelationalModel(), designModel.GetRelationalModel());
        Assert.True(differences.Count == 0,
            "The model has changes that no migration describes: " + string.Join("; ", differences.Select(Describe)));
        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public void DotnetEfBuildsTheSameModelAsTheAppOnBothDatabases()
    {
        // Identity's passkey table depends on the app's schema version: a design-time model without it would
        // make `dotnet ef migrations add` drop the table.
        using var app = new ChatAiApplication();
        using var appDb = app.CreateDbContext();
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var postgres = new PostgresDesignTimeFactory().CreateDbContext([]);
        var differ = appDb.GetService<IMigrationsModelDiffer>();
        var appModel = appDb.GetService<IDesignTimeModel>().Model.GetRelationalModel();
        Assert.Empty(differ.GetDifferences(sqlite.GetService<IDesignTimeModel>().Model.GetRelationalModel(), appModel));
        Assert.Contains(postgres.GetService<IDesignTimeModel>().Model.GetEntityTypes(), e => e.GetTableName() == "AspNetUserPasskeys");
    }

    [Fact]
    public void EveryMigrationSinceTheHandWrittenOnesWasGeneratedWithItsTargetModel()
    {
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var postgres = new PostgresDesignTimeFactory().CreateDbContext([]);
        foreach (DbContext db in new DbContext[] { sqlite, postgres })
        {
            var assembly = db.GetService<IMigrationsAssembly>();
            var generated = assembly.Migrations.Keys.Except(HandWritten).ToList();
            Assert.NotEmpty(generated);
            foreach (var id in generated)
                Assert.True(assembly.CreateMigration(assembly.Migrations[id], db.Database.ProviderName!).TargetModel is not null,
                    $"{id} has no Designer file: add migrations with `dotnet ef migrations add` (README), not by hand");
        }
    }

    [Fact]
    public async Task FirstStartCreatesTheDatabaseFileInWalMode()
    {
        using var app = new ChatAiApplication();
        _ = app.Server; // starts the host, which migrates
        Assert.True(File.Exists(app.DatabasePath));
        await using var db = app.CreateDbContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    private static string Describe(MigrationOperation operation) => operation switch
    {
        AddColumnOperation c => $"add column {c.Table}.{c.Name}",
        AlterColumnOperation c => $"alter column {c.Table}.{c.Name}",
        DropColumnOperation c => $"drop column {c.Table}.{c.Name}",
        CreateIndexOperation i => $"create index {i.Name} on {i.Table}",
        DropIndexOperation i => $"drop index {i.Name}",
        CreateTableOperation t => $"create table {t.Name}",
        DropTableOperation t => $"drop table {t.Name}",
        _ => operation.GetType().Name,
    };
}
