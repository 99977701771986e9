namespace ChatAi.Core.Configuration;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Section <c>Database</c> plus <c>ConnectionStrings:ChatAi</c>.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";
    public const string ConnectionStringName = "ChatAi";
    public const string DefaultSqliteConnection = "Data Source=data/chatai.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}
