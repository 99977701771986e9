using System.Runtime.InteropServices;
using ChatAi.Core.Configuration;
using ChatAi.Core.Data;
using ChatAi.Core.Data.Migrations;
using ChatAi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace ChatAi.Tests.Benchmarks;

/// <summary>
/// Not a figure: figure 3's app CPU per realistic stream (SQLite) split by what a streaming reply's periodic saves cost.
/// In one app, rounds of 100 streams alternate between: the search triggers the migrations installed; the message
/// update trigger of ScopeSearchToOwner (it re-indexed a reply at every save); no message update trigger at all; and no
/// progress saves (only the final one). Each round also reads the fake directly (the baseline subtracted, as in
/// figure 3). Skipped unless <c>CHATAI_BENCH_DIAGNOSE=1</c>; rows go to the results file as figure "3 (diagnosis)".
/// </summary>
[Collection(BenchCollection.Name)]
[Trait("Category", BenchCollection.Category)]
public sealed class StreamSaveDiagnoses(ITestOutputHelper output)
{
    private const int Streams = 100;
    private static readonly int Rounds = int.TryParse(Environment.GetEnvironmentVariable("CHATAI_BENCH_ROUNDS"), out var n) ? n : 3;
    private const string Model = "bench-realistic-300";
    private const string UpdateTrigger = "Messages_Search_Update";

    [DiagnosisFact]
    public async Task AppCpuPerStreamBySaveAndSearchTrigger()
    {
        await using var host = await BenchHost.StartAsync();
        var (userId, api) = await host.SignInApiAsync("streamsave");
        using var _ = api;
        using var direct = host.NewClient();
        var options = host.Services.GetRequiredService<IOptions<ChatAiOptions>>().Value;
        var saveInterval = options.StreamSaveIntervalMs;
        var installed = await TriggerSqlAsync(host);
        var original = ScopeSearchToOwner.Statements.Single(s => s.Contains($"CREATE TRIGGER \"{UpdateTrigger}\"", StringComparison.Ordinal));

        var conditions = new (string Name, Func<Task> Set)[]
        {
            ("triggers as migrated", () => SetTriggerAsync(host, installed)),
            ("ScopeSearchToOwner's update trigger", () => SetTriggerAsync(host, original)),
            ("no message update trigger", () => SetTriggerAsync(host, null)),
            ("no progress saves (final save only)", async () => { await SetTriggerAsync(host, installed); options.StreamSaveIntervalMs = int.MaxValue; }),
        };
        var chats = new List<Guid>();
        for (var i = 0; i < Streams; i++) chats.Add(await host.NewChatAsync(userId, "openai", Model));
        await Task.WhenAll(chats.Take(10).Select(c => StreamClients.ThroughAppAsync(api, c))); // warm-up

        var perStream = conditions.ToDictionary(c => c.Name, _ => new List<double>());
        var directPerStream = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            var directCpu = await CpuAsync(() => Task.WhenAll(chats.Select(_ => StreamClients.DirectAsync(direct, host.Fakes, "openai", Model))));
            directPerStream.Add(directCpu.TotalMilliseconds / Streams);
            // A different order each round, so no condition always runs right after the baseline.
            foreach (var (name, set) in conditions.Skip(round).Concat(conditions.Take(round)))
            {
                await set();
                var cpu = await CpuAsync(async () =>
                {
                    var runs = await Task.WhenAll(chats.Select(c => StreamClients.ThroughAppAsync(api, c)));
                    Assert.All(runs, r => Assert.Equal(300, r.Tokens));
                });
                options.StreamSaveIntervalMs = saveInterval;
                perStream[name].Add((cpu - directCpu).TotalMilliseconds / Streams);
            }
        }
        await SetTriggerAsync(host, installed);

        foreach (var (name, _) in conditions)
        {
            var values = perStream[name];
            BenchResults.Write(output, new BenchRow("3 (diagnosis)", $"App CPU per realistic stream, {name} ({Rounds} rounds of {Streams} streams)",
                $"{Fmt.N(Stats.Median(values), "0.0")} ms per stream (median)", $"direct read of the fake, same round (subtracted): {string.Join(", ", directPerStream.Select(v => Fmt.N(v, "0.0") + " ms"))}", "—", "—", null,
                "rounds: " + string.Join(", ", values.Select(v => Fmt.N(v, "0.0") + " ms"))));
        }
    }

    private const int SavesPerReply = 10;
    private const int WordsPerSave = 30;

    /// <summary>
    /// The database's share alone, without the app around it: 100 replies saved as 100 streams of figure 3's realistic
    /// profile save them (every 500 ms, 30 more words of the fake's "wN " text each time, the replies' saves interleaved),
    /// then each reply's final save, every statement its own transaction as in the app. CPU per reply: this thread's
    /// (SQLite runs in it) plus, on PostgreSQL, the server backend's (read from /proc). Rounds alternate between the
    /// search triggers as migrated and ScopeSearchToOwner's (on PostgreSQL its generated tsvector column).
    /// </summary>
    [DiagnosisFact]
    public async Task DatabaseCpuPerReplyOfItsSavesWhileStreaming()
    {
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            await using var host = await BenchHost.StartAsync(TestDatabase.Create(provider));
            var userId = await host.CreateUserAsync(TestUsers.NewEmail("savecost"));
            var chats = new List<Guid>();
            for (var i = 0; i < Streams; i++) chats.Add((await host.Chats.CreateChatAsync(userId, provider: "openai", model: Model, title: "Bench")).Id);
            var postgres = provider == DatabaseProvider.Postgres;
            var migrated = postgres ? [.. PostgresGeneratedColumnDropped, .. Core.Data.Migrations.Postgres.IndexRepliesWhenFinished.Statements] : SqliteTriggers(IndexRepliesWhenFinished.Statements);
            var original = postgres ? PostgresGeneratedColumn : SqliteTriggers(ScopeSearchToOwner.Statements);
            var conditions = new (string Name, string[] Sql)[] { ("search indexing as migrated", migrated), (postgres ? "ScopeSearchToOwner's generated tsvector column" : "ScopeSearchToOwner's triggers", original) };
            var perReply = conditions.ToDictionary(c => c.Name, _ => new List<double>());
            await SaveRoundAsync(host, chats, postgres); // warm-up
            for (var round = 0; round < Rounds * 2; round++)
            {
                var (name, sql) = conditions[round % 2];
                await using (var db = await host.DbFactory.CreateDbContextAsync())
                    foreach (var statement in sql) await db.Database.ExecuteSqlRawAsync(statement);
                perReply[name].Add(await SaveRoundAsync(host, chats, postgres));
            }
            foreach (var (name, _) in conditions)
            {
                var values = perReply[name];
                BenchResults.Write(output, new BenchRow("3 (diagnosis)", $"Database CPU per reply for its saves on {provider}, {name} ({Rounds} rounds of {Streams} replies, {SavesPerReply} saves of {WordsPerSave} words and the final one)",
                    $"{Fmt.N(Stats.Median(values), "0.00")} ms per reply (median)", "—", "—", "—", null,
                    "rounds: " + string.Join(", ", values.Select(v => Fmt.N(v, "0.00") + " ms"))));
            }
        }
    }

    /// <summary>The insert and update triggers of a migration's statements, each dropped first.</summary>
    private static string[] SqliteTriggers(string[] statements) =>
    [
        """DROP TRIGGER IF EXISTS "Messages_Search_Insert";""",
        """DROP TRIGGER IF EXISTS "Messages_Search_Update";""",
        .. statements.Where(s => s.Contains("CREATE TRIGGER \"Messages_Search_Insert\"", StringComparison.Ordinal)
            || s.Contains("CREATE TRIGGER \"Messages_Search_Update\"", StringComparison.Ordinal)),
    ];

    private static readonly string[] PostgresGeneratedColumnDropped =
    [
        """DROP TRIGGER IF EXISTS "Messages_SearchVector" ON "Messages";""",
        """ALTER TABLE "Messages" DROP COLUMN IF EXISTS "SearchVector";""",
        """ALTER TABLE "Messages" ADD COLUMN "SearchVector" tsvector;""",
        """CREATE INDEX "IX_Messages_SearchUserId_SearchVector" ON "Messages" USING GIN ("SearchUserId", "SearchVector");""",
    ];

    private static readonly string[] PostgresGeneratedColumn =
    [
        """DROP TRIGGER IF EXISTS "Messages_SearchVector" ON "Messages";""",
        """ALTER TABLE "Messages" DROP COLUMN IF EXISTS "SearchVector";""",
        """ALTER TABLE "Messages" ADD COLUMN "SearchVector" tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, "Content")) STORED;""",
        """CREATE INDEX "IX_Messages_SearchUserId_SearchVector" ON "Messages" USING GIN ("SearchUserId", "SearchVector");""",
    ];

    /// <summary>One reply per chat, saved as streams save them; the CPU per reply in milliseconds.</summary>
    private static async Task<double> SaveRoundAsync(BenchHost host, List<Guid> chats, bool postgres)
    {
        List<long> replies;
        await using (var db = await host.DbFactory.CreateDbContextAsync())
        {
            var rows = chats.Select(c => new Message { ChatId = c, Role = MessageRole.Assistant, Content = "", Status = MessageStatus.Streaming, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow }).ToList();
            db.Messages.AddRange(rows);
            await db.SaveChangesAsync();
            replies = [.. rows.Select(r => r.Id)];
        }
        var text = string.Concat(Enumerable.Range(0, SavesPerReply * WordsPerSave + WordsPerSave / 2).Select(i => $"w{i % 1000} "));
        await using var context = await host.DbFactory.CreateDbContextAsync();
        return await Task.Factory.StartNew(() =>
        {
            context.Database.OpenConnection();
            var connection = context.Database.GetDbConnection();
            using var save = connection.CreateCommand();
            save.CommandText = """UPDATE "Messages" SET "Content" = @content, "UpdatedAt" = @now WHERE "Id" = @id AND NOT "StopRequested" """;
            using var final = connection.CreateCommand();
            final.CommandText = """UPDATE "Messages" SET "Content" = @content, "UpdatedAt" = @now, "CreatedAt" = @now, "Status" = 'Complete' WHERE "Id" = @id""";
            var backend = postgres ? Convert.ToInt32(Scalar(connection, "SELECT pg_backend_pid()")) : 0;
            var cpu = ThreadCpu() + BackendCpu(backend);
            for (var saveNumber = 1; saveNumber <= SavesPerReply + 1; saveNumber++)
            {
                var command = saveNumber <= SavesPerReply ? save : final;
                var content = saveNumber <= SavesPerReply ? Words(text, saveNumber * WordsPerSave) : text;
                foreach (var id in replies) Run(command, content, id);
            }
            return (ThreadCpu() + BackendCpu(backend) - cpu).TotalMilliseconds / replies.Count;
        }, TaskCreationOptions.LongRunning);
    }

    private static string Words(string text, int count)
    {
        var end = 0;
        for (var i = 0; i < count; i++) end = text.IndexOf(' ', end) + 1;
        return text[..end];
    }

    private static void Run(System.Data.Common.DbCommand command, string content, long id)
    {
        command.Parameters.Clear();
        Add(command, "content", content);
        Add(command, "now", DateTime.UtcNow);
        Add(command, "id", id);
        command.ExecuteNonQuery();
    }

    private static void Add(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static object? Scalar(System.Data.Common.DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>CPU time of the calling thread (CLOCK_THREAD_CPUTIME_ID).</summary>
    private static TimeSpan ThreadCpu()
    {
        if (clock_gettime(3, out var time) != 0) throw new InvalidOperationException("clock_gettime failed");
        return TimeSpan.FromTicks(time.Seconds * TimeSpan.TicksPerSecond + time.Nanoseconds / 100);
    }

    /// <summary>CPU time (user + system) of a local process, such as a PostgreSQL backend, from /proc; zero for none.</summary>
    private static TimeSpan BackendCpu(int pid)
    {
        if (pid == 0) return TimeSpan.Zero;
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11]) + long.Parse(fields[12]); // utime, stime (fields 14 and 15 of the line)
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int clock_gettime(int clock, out TimeSpec time);

    private static async Task<TimeSpan> CpuAsync(Func<Task> run)
    {
        var cpu = Stats.ProcessCpu;
        await run();
        return Stats.ProcessCpu - cpu;
    }

    private static async Task<string> TriggerSqlAsync(BenchHost host)
    {
        await using var db = await host.DbFactory.CreateDbContextAsync();
        return await db.Database.SqlQuery<string>($"SELECT sql AS \"Value\" FROM sqlite_master WHERE type = 'trigger' AND name = {UpdateTrigger}").SingleAsync();
    }

    private static async Task SetTriggerAsync(BenchHost host, string? createSql)
    {
        await using var db = await host.DbFactory.CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync($"DROP TRIGGER IF EXISTS \"{UpdateTrigger}\";");
        if (createSql is not null) await db.Database.ExecuteSqlRawAsync(createSql);
    }
}
