using ChatAi.Core.Configuration;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.DependencyInjection;

namespace ChatAi.Core.Data;

/// <summary>
/// The contexts as `dotnet ef migrations add` builds them: the app's model, no database opened.
/// SQLite: <c>--context ChatAiDbContext</c>; PostgreSQL: <c>--context PostgresChatAiDbContext</c> (README, "How it is built").
/// </summary>
internal static class DesignTime
{
    /// <summary>Identity reads its schema version from the application's services, so give it the app's.</summary>
    public static IServiceProvider IdentityServices() => new ServiceCollection()
        .Configure<IdentityOptions>(o => o.Stores.SchemaVersion = ChatAiDbContext.IdentitySchemaVersion)
        .BuildServiceProvider();
}

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<ChatAiDbContext>
{
    public ChatAiDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<ChatAiDbContext>()
        .UseSqlite(DatabaseOptions.DefaultSqliteConnection)
        .UseApplicationServiceProvider(DesignTime.IdentityServices())
        .Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresChatAiDbContext>
{
    public PostgresChatAiDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresChatAiDbContext>();
        DatabaseSetup.UsePostgres(options, "Host=localhost;Database=chatai").UseApplicationServiceProvider(DesignTime.IdentityServices());
        return new(options.Options);
    }
}
