using System.Diagnostics;
using ChatAi.Core.Chats;
using ChatAi.Core.Configuration;
using ChatAi.Core.Data;
using ChatAi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace ChatAi.Tests.Benchmarks;

/// <summary>
/// Not figures: the measurements behind the causes bench/README.md names for missed aims. Skipped unless
/// <c>CHATAI_BENCH_DIAGNOSE=1</c>: <c>CHATAI_BENCH_DIAGNOSE=1 dotnet test tests/ChatAi.Tests -c Release
/// --filter FullyQualifiedName~Benchmarks.Diagnoses --logger "console;verbosity=detailed"</c>.
/// </summary>
[Collection(BenchCollection.Name)]
[Trait("Category", BenchCollection.Category)]
public sealed class Diagnoses(ITestOutputHelper output)
{
    /// <summary>Figure 4: the same endpoints with the app's DbContext factory and with a pooled one, in alternating rounds.</summary>
    [DiagnosisFact]
    public async Task HistoryEndpointsWithAPooledDbContextFactory()
    {
        var pooled = new StrongBox<bool>();
        await using var host = await BenchHost.StartAsync(TestDatabase.Create(DatabaseProvider.Sqlite), s =>
            s.AddSingleton<IDbContextFactory<ChatAiDbContext>>(sp => new SwitchableFactory(sp.GetRequiredService<DbContextOptions<ChatAiDbContext>>(), pooled)));
        var (userId, api) = await host.SignInApiAsync("history");
        using var _ = api;
        await SeedData.AddChatsAsync(host, userId, 1000, today: 20, pinned: 3);
        foreach (var path in new[] { "/todays_chat/", "/api/chats" })
        {
            var counts = new Dictionary<string, (int Requests, double Seconds)>();
            foreach (var round in Enumerable.Range(0, 3))
                foreach (var (name, url, usePool) in new[] { ("raw", RawSqlEndpoints.Prefix + path, false), ("app", path, false), ("app, pooled", path, true) })
                {
                    pooled.Value = usePool;
                    var r = await HistoryEndpointBenchmarks.LoadAsync(api, url, TimeSpan.FromSeconds(round == 0 ? 0.5 : 2));
                    if (round == 0) continue;
                    var (n, s) = counts.GetValueOrDefault(name);
                    counts[name] = (n + r.Latencies.Count, s + r.Seconds);
                }
            var raw = counts["raw"].Requests / counts["raw"].Seconds;
            foreach (var (name, (n, s)) in counts) output.WriteLine($"{path} {name}: {n / s:0} req/s = {n / s / raw:0.00}× raw");
        }
    }

    /// <summary>Figure 4, in process: one day-list query as ChatService runs it, as LINQ, compiled and as a DbCommand on a pooled context, and as raw ADO.NET.</summary>
    [DiagnosisFact]
    public async Task OneDayListQueryFiveWays()
    {
        await using var host = await BenchHost.StartAsync();
        var userId = await host.CreateUserAsync(TestUsers.NewEmail("query"));
        await SeedData.AddChatsAsync(host, userId, 1000, today: 20);
        var (from, to) = DayGroups.Range(DayGroup.Today, host.Chats.UtcNow, TimeZoneInfo.Utc);
        var options = host.Services.GetRequiredService<DbContextOptions<ChatAiDbContext>>();
        var pool = new PooledDbContextFactory<ChatAiDbContext>(options);
        var compiled = EF.CompileAsyncQuery((ChatAiDbContext db, string u, DateTime f, DateTime t) =>
            db.Chats.AsNoTracking().Where(c => c.UserId == u && c.CreatedAt >= f && c.CreatedAt < t).OrderByDescending(c => c.CreatedAt).Take(10));
        string connectionString;
        await using (var db = await host.DbFactory.CreateDbContextAsync()) connectionString = db.Database.GetConnectionString()!;
        (string, Func<Task>)[] ways =
        [
            ("ChatService.ListChatsCreatedAsync", () => host.Chats.ListChatsCreatedAsync(userId, from, to, 10)),
            ("pooled context, LINQ", async () => { await using var db = await pool.CreateDbContextAsync(); await db.Chats.AsNoTracking().Where(c => c.UserId == userId && c.CreatedAt >= from && c.CreatedAt < to).OrderByDescending(c => c.CreatedAt).Take(10).ToListAsync(); }),
            ("pooled context, compiled query", async () => { await using var db = await pool.CreateDbContextAsync(); await foreach (var _ in compiled(db, userId, from, to)) { } }),
            ("pooled context, its connection, DbCommand", async () =>
            {
                await using var db = await pool.CreateDbContextAsync();
                await db.Database.OpenConnectionAsync();
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.CommandText = """SELECT "Id", "Title", "CreatedAt" FROM "Chats" WHERE "UserId" = @u AND "CreatedAt" >= @f AND "CreatedAt" < @t ORDER BY "CreatedAt" DESC LIMIT 10""";
                foreach (var (n, v) in new (string, object)[] { ("u", userId), ("f", from), ("t", to) })
                {
                    var p = command.CreateParameter();
                    p.ParameterName = n;
                    p.Value = v;
                    command.Parameters.Add(p);
                }
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync()) { reader.GetGuid(0); reader.GetString(1); reader.GetDateTime(2); }
            }),
            ("raw ADO.NET", async () =>
            {
                await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(connectionString);
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = """SELECT "Id", "Title", "CreatedAt" FROM "Chats" WHERE "UserId" = @u AND "CreatedAt" >= @f AND "CreatedAt" < @t ORDER BY "CreatedAt" DESC LIMIT 10""";
                command.Parameters.AddWithValue("u", userId);
                command.Parameters.AddWithValue("f", from);
                command.Parameters.AddWithValue("t", to);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync()) { reader.GetGuid(0); reader.GetString(1); reader.GetDateTime(2); }
            }),
        ];
        foreach (var round in Enumerable.Range(0, 2))
            foreach (var (name, run) in ways)
            {
                for (var i = 0; i < 300; i++) await run();
                var cpu = Stats.ProcessCpu;
                for (var i = 0; i < 3000; i++) await run();
                if (round == 1) output.WriteLine($"{name}: {(Stats.ProcessCpu - cpu).TotalMicroseconds / 3000:0} µs CPU per query");
            }
    }

    /// <summary>Figure 5: each sidebar query for 10,000 and 100 chats, and SQLite's plans for them.</summary>
    [DiagnosisFact]
    public async Task SidebarQueriesForTenThousandChats()
    {
        await using var host = await BenchHost.StartAsync();
        string big = await host.CreateUserAsync(TestUsers.NewEmail("big")), small = await host.CreateUserAsync(TestUsers.NewEmail("small"));
        await SeedData.AddChatsAsync(host, big, 10_000, today: 5, pinned: 3);
        await SeedData.AddChatsAsync(host, small, 100, today: 5, pinned: 3);
        var chats = host.Chats;
        (string, Func<string, Task>)[] queries =
        [
            ("zone", u => host.Zones.GetUserTimeZoneAsync(u)),
            ("pinned", u => chats.ListChatsAsync(u, ChatService.MaxPageSize, pinned: true)),
            ("first 30", u => chats.ListChatsAsync(u, 30, pinned: false)),
        ];
        foreach (var (name, query) in queries)
        {
            List<double> b = [], s = [];
            for (var i = -20; i < 200; i++)
            {
                var t = Stopwatch.GetTimestamp();
                await query(big);
                var tb = Stats.MsSince(t);
                t = Stopwatch.GetTimestamp();
                await query(small);
                if (i >= 0) { b.Add(tb); s.Add(Stats.MsSince(t)); }
            }
            output.WriteLine($"{name}: 10,000 chats p50 {Stats.Median(b):0.000} ms, 100 chats p50 {Stats.Median(s):0.000} ms");
        }
        await using var db = await host.DbFactory.CreateDbContextAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        foreach (var pinned in new[] { true, false })
        {
            var sql = db.Chats.AsNoTracking().Where(c => c.UserId == big && c.Pinned == pinned)
                .OrderByDescending(c => c.LastActivityAt).ThenByDescending(c => c.Id).Take(30).ToQueryString();
            await using var command = connection.CreateCommand();
            command.CommandText = "EXPLAIN QUERY PLAN " + sql[sql.IndexOf("SELECT", StringComparison.Ordinal)..].Replace("@userId", $"'{big}'").Replace("@pinned", pinned ? "1" : "0").Replace("@p", "30");
            var plan = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync())
                while (await reader.ReadAsync()) plan.Add(reader.GetString(3));
            output.WriteLine($"pinned={pinned}: {string.Join(" | ", plan)}");
        }
    }

    private sealed class StrongBox<T> { public T? Value { get; set; } }

    /// <summary>The app's factory (a new context each time) or a pooled one, switched between rounds.</summary>
    private sealed class SwitchableFactory(DbContextOptions<ChatAiDbContext> options, StrongBox<bool> pooled) : IDbContextFactory<ChatAiDbContext>
    {
        private readonly PooledDbContextFactory<ChatAiDbContext> _pool = new(options);

        public ChatAiDbContext CreateDbContext() => pooled.Value ? _pool.CreateDbContext() : new ChatAiDbContext(options);
    }
}

/// <summary>A fact that runs only when <c>CHATAI_BENCH_DIAGNOSE=1</c>.</summary>
public sealed class DiagnosisFactAttribute : FactAttribute
{
    public DiagnosisFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("CHATAI_BENCH_DIAGNOSE") != "1") Skip = "Set CHATAI_BENCH_DIAGNOSE=1 to run the diagnoses behind bench/README.md.";
    }
}
