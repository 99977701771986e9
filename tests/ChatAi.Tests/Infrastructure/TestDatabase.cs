using ChatAi.Core.Configuration;

namespace ChatAi.Tests.Infrastructure;

/// <summary>Which database a <see cref="ChatAiApplication"/> runs on. Pass one instance to several apps to share it.</summary>
public sealed class TestDatabase
{
    private TestDatabase(DatabaseProvider provider, string? connectionString)
    {
        Provider = provider;
        ConnectionString = connectionString;
    }

    public DatabaseProvider Provider { get; }

    /// <summary>Null for SQLite: each app gets its own temporary file.</summary>
    public string? ConnectionString { get; }

    /// <summary>A temporary SQLite file per app (the default).</summary>
    public static TestDatabase Sqlite() => new(DatabaseProvider.Sqlite, null);

    /// <summary>A fresh, empty database on the shared test PostgreSQL server.</summary>
    public static TestDatabase Postgres() => new(DatabaseProvider.Postgres, PostgresServer.Instance.CreateDatabase());

    public static TestDatabase Create(DatabaseProvider provider) => provider == DatabaseProvider.Postgres ? Postgres() : Sqlite();

    public override string ToString() => Provider.ToString();
}
