using System.Data.Common;
using System.Security.Claims;
using ChatAi.Core.Chats;
using ChatAi.Core.Providers;
using ChatAi.Core.Data;
using ChatAi.Web.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ChatAi.Tests.Benchmarks;

/// <summary>
/// Figure 4's baseline, mapped only in the benchmark host: the history endpoints' answers computed with
/// hand-written SQL over a plain ADO.NET connection (no EF Core, no ChatService), behind the same
/// middleware, routing, API authentication and JSON serializer as the real endpoints, and mapped to the
/// same DTOs. What the real endpoints cost beyond this is our own overhead.
/// </summary>
public sealed class RawSqlEndpoints : IStartupFilter
{
    public const string Prefix = "/bench-raw";
    private const string ApiPolicy = "ChatAi.Api"; // ApiAuthenticationHandler.PolicyName
    private const int DayListSize = 10, PageSize = 50;
    private string? _connectionString;
    private bool _postgres;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string?> _zones = new();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        // WebApplication maps its endpoints through this builder; endpoints are read when the first request
        // arrives, so these join the app's own route table.
        var routes = (app.Properties.TryGetValue("__EndpointRouteBuilder", out var value) ? value : null) as IEndpointRouteBuilder
            ?? throw new InvalidOperationException("The benchmark host could not reach the app's endpoint route builder (__EndpointRouteBuilder).");
        routes.MapGet(Prefix + "/todays_chat/", TodaysChatsAsync).RequireAuthorization(ApiPolicy);
        routes.MapGet(Prefix + "/api/chats", ListChatsAsync).RequireAuthorization(ApiPolicy);
    };

    private async Task<IResult> TodaysChatsAsync(ClaimsPrincipal user, ChatService chats, IServiceProvider services, CancellationToken ct)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier)!;
        await using var connection = await OpenAsync(services, ct);
        // The app keeps each user's zone for a minute (UserTimeZones.GetUserTimeZoneAsync); so does the baseline,
        // so both run the same queries per request.
        if (!_zones.TryGetValue(userId, out var zoneName))
        {
            await using var zoneQuery = Command(connection, """SELECT "TimeZone" FROM "AspNetUsers" WHERE "Id" = @user LIMIT 1""", ("user", userId));
            _zones[userId] = zoneName = await zoneQuery.ExecuteScalarAsync(ct) as string;
        }
        var zone = TimeZones.TryFind(zoneName, out var saved) ? saved : TimeZoneInfo.Utc;
        var (from, to) = DayGroups.Range(DayGroup.Today, chats.UtcNow, zone);
        await using var query = Command(connection,
            """
            SELECT "Id", "Title", "CreatedAt" FROM "Chats"
            WHERE "UserId" = @user AND "CreatedAt" >= @from AND "CreatedAt" < @to
            ORDER BY "CreatedAt" DESC LIMIT @limit
            """, ("user", userId), ("from", from), ("to", to), ("limit", DayListSize));
        var list = new List<LegacyChat>();
        await using var reader = await query.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) list.Add(new LegacyChat(reader.GetGuid(0), reader.GetString(1), Utc(reader.GetDateTime(2))));
        return TypedResults.Ok(list);
    }

    private async Task<IResult> ListChatsAsync(ClaimsPrincipal user, ModelCatalog models, IServiceProvider services, CancellationToken ct)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier)!;
        await using var connection = await OpenAsync(services, ct);
        await using var query = Command(connection,
            """
            SELECT "Id", "Title", "CreatedAt", "LastActivityAt", "Pinned", "Provider", "Model" FROM "Chats"
            WHERE "UserId" = @user ORDER BY "LastActivityAt" DESC, "Id" DESC LIMIT @limit
            """, ("user", userId), ("limit", PageSize));
        var page = new List<ChatDto>();
        ChatSummary? last = null;
        await using var reader = await query.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            last = new ChatSummary(reader.GetGuid(0), reader.GetString(1), Utc(reader.GetDateTime(2)), Utc(reader.GetDateTime(3)), reader.GetBoolean(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6));
            page.Add(ChatDto.From(last, models));
        }
        var next = page.Count == PageSize ? ChatCursor.After(last!).ToString() : null;
        return TypedResults.Ok(new ChatListPage(page, next));
    }

    private async Task<DbConnection> OpenAsync(IServiceProvider services, CancellationToken ct)
    {
        if (_connectionString is null)
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<ChatAiDbContext>>().CreateDbContextAsync(ct);
            _postgres = !db.Database.IsSqlite();
            _connectionString = db.Database.GetConnectionString();
        }
        DbConnection connection = _postgres ? new NpgsqlConnection(_connectionString) : new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    private static DbCommand Command(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
