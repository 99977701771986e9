using System.Collections.Concurrent;
using System.Diagnostics;
using ChatAi.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace ChatAi.Tests.Benchmarks;

/// <summary>
/// Figure 1: where the time between a send leaving the client and its upstream request reaching the fake goes, event by
/// event (the app's request in, EF Core's connection opens and commands, the outgoing HTTP request and its connection
/// setup, the fake's stamp), for single sends as figure 1 drives them (each profile, with a direct read between sends)
/// and the zero profile with an idle pause instead. Skipped unless <c>CHATAI_BENCH_DIAGNOSE=1</c>.
/// </summary>
[Collection(BenchCollection.Name)]
[Trait("Category", BenchCollection.Category)]
public sealed class DiagnosesSendTimeline(ITestOutputHelper output)
{
    private sealed record Condition(string Name, string Provider, string Model, Func<BenchHost, HttpClient, Task> Between);

    [DiagnosisFact]
    public async Task WhereASingleSendSpendsTheTimeBeforeItsUpstreamRequest()
    {
        using var timeline = new Timeline();
        await using var host = await BenchHost.StartAsync(services: s => s.AddSingleton<IStartupFilter>(new StampRequests(timeline)));
        var (userId, api) = await host.SignInApiAsync("timeline");
        using var _ = api;
        using var direct = host.NewClient();
        Condition[] conditions =
        [
            new("zero, direct read between", "openai", "bench-zero-5", (h, d) => StreamClients.DirectAsync(d, h.Fakes, "openai", "bench-zero-5")),
            new("realistic, direct read between", "openai", "bench-realistic-5", (h, d) => StreamClients.DirectAsync(d, h.Fakes, "openai", "bench-realistic-5")),
            new("zero, 400 ms pause between", "openai", "bench-zero-5", (_, _) => Task.Delay(400)),
            new("realistic, nothing between", "openai", "bench-realistic-5", (_, _) => Task.CompletedTask),
            new("bursty, direct read between", "gemini", "bench-bursty-5", (h, d) => StreamClients.DirectAsync(d, h.Fakes, "gemini", "bench-bursty-5")),
        ];
        var chats = new Dictionary<string, Guid>();
        foreach (var c in conditions)
        {
            chats[c.Name] = await host.NewChatAsync(userId, c.Provider, c.Model);
            for (var i = 0; i < 3; i++) { await StreamClients.ThroughAppAsync(api, chats[c.Name]); await c.Between(host, direct); }
        }

        var samples = conditions.ToDictionary(c => c.Name, _ => new List<IReadOnlyList<(double Ms, string What)>>());
        for (var round = 0; round < 12; round++)
            foreach (var c in conditions)
            {
                var fake = c.Provider == "gemini" ? (Fakes.FakeHttpServer)host.Fakes.Gemini : host.Fakes.OpenAi;
                var seen = fake.RequestCount;
                timeline.Clear();
                var sent = DateTimeOffset.UtcNow;
                timeline.Add("client: send");
                var timing = await StreamClients.ThroughAppAsync(api, chats[c.Name]);
                var received = fake.Requests[seen].ReceivedAt;
                var events = timeline.Events.Where(e => e.At <= sent.AddMilliseconds(timing.FirstTokenMs + 0.5))
                    .Select(e => ((e.At - sent).TotalMilliseconds, e.What))
                    .Append(((received - sent).TotalMilliseconds, "fake: request received"))
                    .Append((timing.FirstTokenMs, "client: first token"))
                    .OrderBy(e => e.Item1).ToList();
                samples[c.Name].Add(events);
                await c.Between(host, direct);
            }

        foreach (var c in conditions)
        {
            var runs = samples[c.Name];
            output.WriteLine($"== {c.Name}: before the upstream request p50 {Stats.Median(runs.Select(r => r.Last(e => e.What == "fake: request received").Ms)):0.0} ms; " +
                             $"first token p50 {Stats.Median(runs.Select(r => r.Last(e => e.What == "client: first token").Ms)):0.0} ms; each: {string.Join(" ", runs.Select(r => r.Last(e => e.What == "fake: request received").Ms.ToString("0.0")))}");
            // The median run in full.
            var median = runs.OrderBy(r => r.Last(e => e.What == "fake: request received").Ms).ElementAt(runs.Count / 2);
            foreach (var (ms, what) in median) output.WriteLine($"  {ms,8:0.00} ms  {what}");
        }
    }

    /// <summary>
    /// Process CPU per in-process send (<c>ReplyService.SendAsync</c>, zero profile) and its 5-token reply, one at a time and
    /// 50 at once, on SQLite: for comparing two builds run back to back (bench/README.md, figure 1, session 7).
    /// </summary>
    [DiagnosisFact]
    public async Task CpuPerInProcessSendAndItsReply()
    {
        await using var host = await BenchHost.StartAsync();
        var userId = await host.CreateUserAsync(TestUsers.NewEmail("cpu"));
        var chats = new List<Guid>();
        for (var i = 0; i < 50; i++) chats.Add(await host.NewChatAsync(userId, "openai", "bench-zero-5"));
        async Task SendAsync(Guid chat) => await (await host.Replies.SendAsync(userId, chat, "Hello")).Completion;
        for (var i = 0; i < 100; i++) await SendAsync(chats[i % 50]);
        for (var round = 0; round < 4; round++)
        {
            var cpu = Stats.ProcessCpu;
            for (var i = 0; i < 200; i++) await SendAsync(chats[i % 50]);
            var one = (Stats.ProcessCpu - cpu).TotalMilliseconds / 200;
            cpu = Stats.ProcessCpu;
            for (var i = 0; i < 4; i++) await Task.WhenAll(chats.Select(SendAsync));
            var wide = (Stats.ProcessCpu - cpu).TotalMilliseconds / 200;
            output.WriteLine($"round {round}: CPU per send and its reply, one at a time {one:0.00} ms, 50 at once {wide:0.00} ms");
        }
    }

    /// <summary>Events of the whole process with the time they happened: EF Core's diagnostics and every Activity.</summary>
    internal sealed class Timeline : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly ConcurrentQueue<(DateTimeOffset At, string What)> _events = new();
        private readonly List<IDisposable> _subscriptions = [];
        private readonly IDisposable _all;
        private readonly ActivityListener _activities;

        public Timeline()
        {
            _all = DiagnosticListener.AllListeners.Subscribe(this);
            _activities = new ActivityListener
            {
                ShouldListenTo = source => source.Name is "System.Net.Http" or "ChatAi.Models" || source.Name.StartsWith("Experimental.System.Net", StringComparison.Ordinal),
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
                ActivityStarted = a => Add($"start {a.Source.Name}: {a.DisplayName}"),
                ActivityStopped = a => Add($"stop  {a.Source.Name}: {a.DisplayName} ({a.Duration.TotalMilliseconds:0.00} ms)"),
            };
            ActivitySource.AddActivityListener(_activities);
        }

        public IReadOnlyList<(DateTimeOffset At, string What)> Events => [.. _events];

        public void Clear() => _events.Clear();

        public void Add(string what) => _events.Enqueue((DateTimeOffset.UtcNow, $"[t{Environment.CurrentManagedThreadId}] {what}"));

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name != DbLoggerCategory.Name) return;
            lock (_subscriptions) _subscriptions.Add(listener.Subscribe(this));
        }

        public void OnNext(KeyValuePair<string, object?> e)
        {
            switch (e.Value)
            {
                case CommandExecutedEventData d:
                    Add($"ef: executed ({d.Duration.TotalMilliseconds:0.00} ms) {Short(d.Command.CommandText)}");
                    break;
                case CommandEventData d when e.Key == RelationalEventId.CommandExecuting.Name:
                    Add($"ef: executing {Short(d.Command.CommandText)}");
                    break;
                case ConnectionEndEventData d when e.Key == RelationalEventId.ConnectionOpened.Name:
                    Add($"ef: connection opened ({d.Duration.TotalMilliseconds:0.00} ms)");
                    break;
                case ConnectionEventData when e.Key == RelationalEventId.ConnectionOpening.Name:
                    Add("ef: connection opening");
                    break;
                case TransactionEndEventData when e.Key == RelationalEventId.TransactionCommitted.Name:
                    Add("ef: committed");
                    break;
                case TransactionEventData when e.Key == RelationalEventId.TransactionStarted.Name:
                    Add("ef: transaction started");
                    break;
                case ContextInitializedEventData:
                    Add("ef: context initialized");
                    break;
            }
        }

        private static string Short(string sql) => sql.ReplaceLineEndings(" ") is var s && s.Length > 70 ? s[..70] : s;

        public void OnCompleted() { }

        public void OnError(Exception error) { }

        public void Dispose()
        {
            _activities.Dispose();
            _all.Dispose();
            lock (_subscriptions) foreach (var subscription in _subscriptions) subscription.Dispose();
        }
    }

    /// <summary>Stamps each request as the app's pipeline starts it and as its handler has returned.</summary>
    internal sealed class StampRequests(Timeline timeline) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                timeline.Add($"app: request in {context.Request.Method} {context.Request.Path}");
                await nextMiddleware(context);
            });
            next(app);
        };
    }
}
