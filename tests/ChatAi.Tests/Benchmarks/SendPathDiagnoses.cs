using System.Diagnostics;
using ChatAi.Core.Configuration;
using ChatAi.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ChatAi.Tests.Benchmarks;

/// <summary>
/// Not a figure: figure 1's zero-profile measurement on each database (the figure itself runs on SQLite), with the
/// part spent in <c>ReplyService.SendAsync</c> alone and the database commands one send runs. Skipped unless
/// <c>CHATAI_BENCH_DIAGNOSE=1</c>; rows go to the results file as figure "1 (diagnosis)".
/// </summary>
[Collection(BenchCollection.Name)]
[Trait("Category", BenchCollection.Category)]
public sealed class SendPathDiagnoses(ITestOutputHelper output)
{
    private const string Model = "bench-zero-5";
    private const int Wide = 50;

    [DiagnosisFact]
    public async Task SendOverheadOnEachDatabase()
    {
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            await using var host = await BenchHost.StartAsync(TestDatabase.Create(provider));
            var (userId, api) = await host.SignInApiAsync("sendpath");
            using var _ = api;
            using var direct = host.NewClient();
            var chats = new List<Guid>();
            for (var i = 0; i < Wide; i++) chats.Add(await host.NewChatAsync(userId, "openai", Model));
            Task<StreamTiming> App(Guid chat) => StreamClients.ThroughAppAsync(api, chat);
            Task<StreamTiming> Direct() => StreamClients.DirectAsync(direct, host.Fakes, "openai", Model);
            for (var i = 0; i < 3; i++) { await App(chats[0]); await Direct(); }
            await Task.WhenAll(chats.Select(App));

            // The commands of one send, after EF Core has noticed the listener (see DbCommandLog).
            using (var log = new DbCommandLog(chats[1]))
            {
                await App(chats[1]);
                await Task.Delay(1100);
                await App(chats[1]);
                log.Clear();
                var generation = await host.Replies.SendAsync(userId, chats[1], "Hello");
                var beforeReturn = log.Commands.Count;
                await generation.Completion;
                output.WriteLine($"{provider}: {beforeReturn} commands before SendAsync returned, {log.Commands.Count} in all:");
                foreach (var command in log.Commands) output.WriteLine("  " + command.ReplaceLineEndings(" "));
            }

            List<double> app1 = [], direct1 = [], appWide = [], directWide = [], send1 = [], sendWide = [];
            TimeSpan cpu1 = TimeSpan.Zero, cpuWide = TimeSpan.Zero;
            for (var i = 0; i < 100; i++)
            {
                app1.Add((await App(chats[0])).FirstTokenMs);
                direct1.Add((await Direct()).FirstTokenMs);
                var cpu = Stats.ProcessCpu;
                var start = Stopwatch.GetTimestamp();
                var generation = await host.Replies.SendAsync(userId, chats[0], "Hello");
                send1.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                await generation.Completion;
                cpu1 += Stats.ProcessCpu - cpu;
            }
            for (var round = 0; round < 4; round++)
            {
                appWide.AddRange((await Task.WhenAll(chats.Select(App))).Select(t => t.FirstTokenMs));
                directWide.AddRange((await Task.WhenAll(chats.Select(_ => Direct()))).Select(t => t.FirstTokenMs));
                var cpu = Stats.ProcessCpu;
                var timed = await Task.WhenAll(chats.Select(async chat =>
                {
                    var start = Stopwatch.GetTimestamp();
                    var generation = await host.Replies.SendAsync(userId, chat, "Hello");
                    var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    await generation.Completion;
                    return ms;
                }));
                cpuWide += Stats.ProcessCpu - cpu;
                sendWide.AddRange(timed);
            }
            Report(provider, 1, app1, direct1, send1, cpu1 / send1.Count);
            Report(provider, Wide, appWide, directWide, sendWide, cpuWide / sendWide.Count);
        }
    }

    private void Report(DatabaseProvider provider, int streams, List<double> app, List<double> direct, List<double> send, TimeSpan cpuPerSend) =>
        BenchResults.Write(output, new BenchRow("1 (diagnosis)", $"TTFT added by the SSE endpoint on {provider}, zero upstream, {streams} at once (n={app.Count})",
            $"p50 {Fmt.DeltaMs(Stats.Median(app) - Stats.Median(direct))}, p99 {Fmt.DeltaMs(Stats.Percentile(app, 99) - Stats.Percentile(direct, 99))}",
            $"direct p50 {Fmt.Ms(Stats.Median(direct))}", "—", "—", null,
            $"ReplyService.SendAsync alone (in process, {streams} at once): p50 {Fmt.Ms(Stats.Median(send))}, p99 {Fmt.Ms(Stats.Percentile(send, 99))}; process CPU per in-process send and its reply {Fmt.N(cpuPerSend.TotalMilliseconds, "0.00")} ms"));
}
