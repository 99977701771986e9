using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace ChatAi.Core.Chats;

/// <summary>
/// The chat lists: every sidebar load and every history request reads them, so they run as hand-written SQL
/// over a plain pooled connection instead of through a DbContext and EF Core's query pipeline, which cost
/// more than the query itself (bench/README.md, figure 4). The SQL is the same on SQLite and PostgreSQL;
/// parameters go through EF Core's type mappings, so they match the stored format (SQLite's text GUIDs and
/// dates) exactly as EF's own queries do. Read-only: writes stay with EF Core.
/// </summary>
public sealed partial class ChatService
{
    private const string SummarySelect = """SELECT "Id", "Title", "CreatedAt", "LastActivityAt", "Pinned", "Provider", "Model", "ArchivedAt" FROM "Chats" WHERE "UserId" = @user""";
    private ListConnector? _listConnector;

    /// <summary>
    /// A user's chats by last activity, newest first, after the <paramref name="before"/> cursor; pinned ones only, unpinned ones only,
    /// or both. Archived chats only with <paramref name="archived"/>, else none of them.
    /// </summary>
    public async Task<IReadOnlyList<ChatSummary>> ListChatsAsync(
        string userId, int limit, ChatCursor? before = null, bool? pinned = null, bool archived = false, CancellationToken ct = default)
    {
        var sql = new StringBuilder(SummarySelect);
        sql.Append(archived ? """ AND "ArchivedAt" IS NOT NULL""" : """ AND "ArchivedAt" IS NULL""");
        if (pinned is not null) sql.Append(""" AND "Pinned" = @pinned""");
        if (before is not null) sql.Append(""" AND ("LastActivityAt" < @at OR ("LastActivityAt" = @at AND "Id" < @id))""");
        sql.Append(""" ORDER BY "LastActivityAt" DESC, "Id" DESC LIMIT @limit""");
        return await ReadSummariesAsync(sql.ToString(), ct,
            ("user", userId), ("pinned", pinned), ("at", before?.LastActivityAt), ("id", before?.Id), ("limit", Math.Clamp(limit, 1, MaxPageSize)));
    }

    /// <summary>Chats created in [fromUtc, toUtc), newest first (the original day lists, which, like the sidebar, leave archived chats out).</summary>
    public Task<IReadOnlyList<ChatSummary>> ListChatsCreatedAsync(
        string userId, DateTime fromUtc, DateTime toUtc, int limit, CancellationToken ct = default) =>
        ReadSummariesAsync(SummarySelect + """ AND "ArchivedAt" IS NULL AND "CreatedAt" >= @from AND "CreatedAt" < @to ORDER BY "CreatedAt" DESC LIMIT @limit""", ct,
            ("user", userId), ("from", fromUtc), ("to", toUtc), ("limit", Math.Clamp(limit, 1, MaxPageSize)));

    /// <summary>Runs <paramref name="sql"/> with the parameters that have a value (a null one is not in the SQL).</summary>
    private async Task<IReadOnlyList<ChatSummary>> ReadSummariesAsync(string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        var connector = _listConnector ??= await ListConnector.CreateAsync(dbFactory, ct);
        await using var connection = connector.Factory.CreateConnection()!;
        connection.ConnectionString = connector.ConnectionString;
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            if (value is not null)
                command.Parameters.Add(connector.Mappings.FindMapping(value.GetType())!.CreateParameter(command, name, value));
        var list = new List<ChatSummary>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            list.Add(new ChatSummary(reader.GetGuid(0), reader.GetString(1), Utc(reader.GetDateTime(2)), Utc(reader.GetDateTime(3)),
                reader.GetBoolean(4), NullableString(reader, 5), NullableString(reader, 6),
                reader.IsDBNull(7) ? null : Utc(reader.GetDateTime(7))));
        return list;
    }

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    /// <summary>The configured database's ADO.NET factory, connection string (so the same connection pool) and type mappings, read once from a context.</summary>
    private sealed record ListConnector(DbProviderFactory Factory, string ConnectionString, IRelationalTypeMappingSource Mappings)
    {
        public static async Task<ListConnector> CreateAsync(IDbContextFactory<Data.ChatAiDbContext> dbFactory, CancellationToken ct)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            return new(DbProviderFactories.GetFactory(db.Database.GetDbConnection())!, db.Database.GetConnectionString()!,
                db.GetService<IRelationalTypeMappingSource>());
        }
    }
}
