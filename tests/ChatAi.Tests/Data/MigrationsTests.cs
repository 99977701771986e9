using ChatAi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace ChatAi.Tests.Data;

public sealed class MigrationsTests
{
    [Fact]
    public void HandWrittenMigrationsMatchTheModel()
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
