using ChatAi.Core.Configuration;
using ChatAi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace ChatAi.Tests.Benchmarks;

/// <summary>
/// Figure 10: search for a user with 5,000 chats and 200,000 messages among 2,000,000 messages in the database, against
/// the same query for a user with 50 chats (2,000 messages) in the same database, on SQLite (FTS5) and PostgreSQL (GIN).
/// </summary>
[Collection(BenchCollection.Name)]
[Trait("Category", BenchCollection.Category)]
public sealed class SearchBenchmarks(ITestOutputHelper output)
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Figure10_SearchForAUserWith200kMessagesAgainstOneWith50Chats(DatabaseProvider provider)
    {
        await using var host = await BenchHost.StartAsync(TestDatabase.Create(provider));
        string big = await host.CreateUserAsync(TestUsers.NewEmail("big")), small = await host.CreateUserAsync(TestUsers.NewEmail("small"));
        var seedStart = System.Diagnostics.Stopwatch.GetTimestamp();
        await SearchSeed.AddAsync(host, provider, big, 1, 5_000);
        await SearchSeed.AddAsync(host, provider, small, 2, 50);
        for (var i = 0; i < 9; i++) await SearchSeed.AddAsync(host, provider, await host.CreateUserAsync(TestUsers.NewEmail("other")), 3 + i, 5_000);
        await SearchSeed.FinishAsync(host, provider);
        var seeded = Stats.MsSince(seedStart);
        await using (var db = await host.DbFactory.CreateDbContextAsync())
            Assert.Equal(2_002_000, await db.Messages.CountAsync());

        // A word of the rarer part of the vocabulary (in about 0.3% of messages, as a name or a place is), and a common one (about 2%).
        foreach (var query in new[] { SearchSeed.Word(1500), SearchSeed.Word(40) })
        {
            var bigHits = (await host.Chats.SearchAsync(big, query)).Hits.Count;
            var smallHits = (await host.Chats.SearchAsync(small, query)).Hits.Count;
            Assert.True(bigHits > 0 && smallHits > 0, $"'{query}' found {bigHits} and {smallHits}");
            async Task<double> SearchAsync(string user)
            {
                var start = System.Diagnostics.Stopwatch.GetTimestamp();
                Assert.NotEmpty((await host.Chats.SearchAsync(user, query)).Hits);
                return Stats.MsSince(start);
            }
            List<double> bigTimes = [], smallTimes = [];
            for (var i = -20; i < 200; i++)
            {
                var b = await SearchAsync(big);
                var s = await SearchAsync(small);
                if (i < 0) continue;
                bigTimes.Add(b);
                smallTimes.Add(s);
            }
            var ratio = Stats.Median(bigTimes) / Stats.Median(smallTimes);
            var p99 = Stats.Percentile(bigTimes, 99);
            BenchResults.Write(output, new BenchRow("10",
                $"Search on {provider}, \"{query}\": 5,000 chats / 200,000 messages ÷ 50 chats, 2,000,000 messages in the database (n={bigTimes.Count})",
                $"p50 {Fmt.Ms(Stats.Median(bigTimes))}, p99 {Fmt.Ms(p99)}",
                $"50 chats: p50 {Fmt.Ms(Stats.Median(smallTimes))}, p99 {Fmt.Ms(Stats.Percentile(smallTimes, 99))}",
                Fmt.Ratio(ratio), "p99 < 50 ms, ≤ 2×", p99 < 50 && ratio <= 2,
                $"first page of 20 (big user: more than 20 matches); seeding took {seeded / 1000:0} s"));
        }
    }
}

/// <summary>
/// Chats and messages made by the database itself (a recursive CTE on SQLite, generate_series on PostgreSQL): 40 messages a
/// chat, each 10 words drawn from a 2,000-word vocabulary with a skew like natural text (word k is about 1/sqrt(k) as frequent).
/// </summary>
internal static class SearchSeed
{
    private const int Vocabulary = 2000;

    public static string Word(int k) => Syllables[k % 20] + Syllables[(k / 20) % 20] + Syllables[(k / 400) % 20] + "o";

    private static readonly string[] Syllables =
        ["ka", "lu", "mi", "ro", "te", "sa", "no", "vi", "pe", "da", "ri", "zo", "fu", "ge", "ba", "ty", "che", "wa", "ne", "xi"];

    /// <summary>The vocabulary table (once), then <paramref name="chats"/> chats of 40 messages for the user.</summary>
    public static async Task AddAsync(BenchHost host, DatabaseProvider provider, string userId, int userIndex, int chats)
    {
        await using var db = await host.DbFactory.CreateDbContextAsync();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(20));
        var postgres = provider == DatabaseProvider.Postgres;
        await db.Database.ExecuteSqlRawAsync("""CREATE TABLE IF NOT EXISTS "BenchWords" ("K" INTEGER PRIMARY KEY, "W" TEXT NOT NULL)""");
        if (await db.Database.SqlQueryRaw<int>("""SELECT COUNT(*) AS "Value" FROM "BenchWords" """).SingleAsync() == 0)
        {
            var values = string.Join(",", Enumerable.Range(0, Vocabulary).Select(k => $"({k}, '{Word(k)}')"));
            await RunAsync(db, $"""INSERT INTO "BenchWords" ("K", "W") VALUES {values}""");
            if (postgres) await DropSearchIndexesAsync(db); // built once at the end
        }
        var messages = chats * 40;
        const string user = "{0}"; // the parameter's placeholder
        // Word j of message i: a hash of (i, j) squared into [0, 2000), so low k are common and high k rare.
        string Pick(int j) => postgres
            ? $"""(SELECT "W" FROM "BenchWords" WHERE "K" = (((n * {7919 + j * 104729}::bigint + {j * 15485863}) % 1000003) * ((n * {7919 + j * 104729}::bigint + {j * 15485863}) % 1000003) / 1000003 * {Vocabulary} / 1000003))"""
            : $"""(SELECT "W" FROM "BenchWords" WHERE "K" = (((n * {7919 + j * 104729} + {j * 15485863}) % 1000003) * ((n * {7919 + j * 104729} + {j * 15485863}) % 1000003) / 1000003 * {Vocabulary} / 1000003))""";
        var content = string.Join(postgres ? " || ' ' || " : " || ' ' || ", Enumerable.Range(0, 10).Select(Pick));
        if (postgres)
        {
            await RunAsync(db, $"""
                INSERT INTO "Chats" ("Id", "UserId", "Title", "CreatedAt", "LastActivityAt", "Pinned")
                SELECT ('{userIndex:x8}-0000-4000-8000-' || lpad(to_hex(n), 12, '0'))::uuid, {user}, 'Chat ' || n || ' ' || {Pick(0)},
                       now() - make_interval(mins => n), now() - make_interval(mins => n), false
                FROM generate_series(0, {chats - 1}) AS n
                """, userId);
            await RunAsync(db, $"""
                INSERT INTO "Messages" ("ChatId", "Role", "Content", "CreatedAt", "UpdatedAt", "Status", "StopRequested")
                SELECT ('{userIndex:x8}-0000-4000-8000-' || lpad(to_hex(n / 40), 12, '0'))::uuid,
                       CASE WHEN n % 2 = 0 THEN 'User' ELSE 'Assistant' END, {content},
                       now() - make_interval(secs => {messages} - n), now() - make_interval(secs => {messages} - n), 'Complete', false
                FROM generate_series(0, {messages - 1}) AS n
                """);
        }
        else
        {
            await RunAsync(db, $"""
                WITH RECURSIVE s(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM s WHERE n < {chats - 1})
                INSERT INTO "Chats" ("Id", "UserId", "Title", "CreatedAt", "LastActivityAt", "Pinned")
                SELECT printf('{userIndex:X8}-0000-4000-8000-%012X', n), {user}, 'Chat ' || n || ' ' || {Pick(0)},
                       strftime('%Y-%m-%d %H:%M:%f', 'now', '-' || n || ' minutes'), strftime('%Y-%m-%d %H:%M:%f', 'now', '-' || n || ' minutes'), 0
                FROM s
                """, userId);
            await RunAsync(db, $"""
                WITH RECURSIVE s(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM s WHERE n < {messages - 1})
                INSERT INTO "Messages" ("ChatId", "Role", "Content", "CreatedAt", "UpdatedAt", "Status", "StopRequested")
                SELECT printf('{userIndex:X8}-0000-4000-8000-%012X', n / 40), CASE WHEN n % 2 = 0 THEN 'User' ELSE 'Assistant' END, {content},
                       strftime('%Y-%m-%d %H:%M:%f', 'now', '-' || ({messages} - n) || ' seconds'), strftime('%Y-%m-%d %H:%M:%f', 'now', '-' || ({messages} - n) || ' seconds'),
                       'Complete', 0
                FROM s
                """);
        }
    }

    /// <summary>Runs SQL made here from numbers and the vocabulary only (the user id goes as a parameter).</summary>
    private static Task<int> RunAsync(DbContext db, string sql, params object[] parameters) => db.Database.ExecuteSqlRawAsync(sql, parameters);

    /// <summary>PostgreSQL: the messages' GIN indexes the migrations made, kept aside (their definitions, whatever they are) and dropped while seeding.</summary>
    private static async Task DropSearchIndexesAsync(DbContext db)
    {
        await db.Database.ExecuteSqlRawAsync("""
            CREATE TABLE "BenchGinIndexes" AS SELECT indexname AS "Name", indexdef AS "Definition" FROM pg_indexes
            WHERE schemaname = current_schema() AND tablename = 'Messages' AND indexdef LIKE '% USING gin %'
            """);
        await db.Database.ExecuteSqlRawAsync("""
            DO $$ DECLARE r record; BEGIN
                FOR r IN SELECT "Name" FROM "BenchGinIndexes" LOOP EXECUTE format('DROP INDEX %I', r."Name"); END LOOP;
            END $$
            """);
    }

    /// <summary>PostgreSQL: the GIN indexes the migrations made, built once over all rows (as a migration does over existing data); then fresh statistics.</summary>
    public static async Task FinishAsync(BenchHost host, DatabaseProvider provider)
    {
        await using var db = await host.DbFactory.CreateDbContextAsync();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(20));
        if (provider == DatabaseProvider.Postgres)
        {
            await db.Database.ExecuteSqlRawAsync("""
                DO $$ DECLARE r record; BEGIN
                    FOR r IN SELECT "Definition" FROM "BenchGinIndexes" LOOP EXECUTE r."Definition"; END LOOP;
                END $$
                """);
            await db.Database.ExecuteSqlRawAsync("""ANALYZE "Messages"; ANALYZE "Chats";""");
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA optimize; ANALYZE;");
        }
    }
}
