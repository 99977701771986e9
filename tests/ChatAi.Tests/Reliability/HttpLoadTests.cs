using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ChatAi.Core.Configuration;
using ChatAi.Core.Data;
using ChatAi.Tests.Api;
using ChatAi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace ChatAi.Tests.Reliability;

/// <summary>50 users streaming replies over SSE at once while others read their chat lists, over real HTTP.</summary>
[Trait("Category", "Reliability")]
public sealed class HttpLoadTests(ITestOutputHelper output)
{
    private const int Users = 50;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task FiftyStreamsOverSseWithReadersLoseNothing(DatabaseProvider database)
    {
        await using var fakes = await FakeProviders.StartAsync();
        using var app = fakes.CreateApp(kestrel: true, database: TestDatabase.Create(database), extra: new Dictionary<string, string?>
        {
            ["ChatAi:Security:SignInsPerMinute"] = "1000",
            // Under test is that nothing is lost or locked, not the provider timeouts: on a machine whose cores are
            // both busy a healthy stream can pause for seconds, so the fixture's 2 s idle limit would cut it.
            ["ChatAi:Providers:Timeouts:FirstTokenSeconds"] = "60",
            ["ChatAi:Providers:Timeouts:IdleSeconds"] = "60",
        });
        var callers = new List<HttpClient>();
        foreach (var i in Enumerable.Range(0, Users))
        {
            var email = TestUsers.NewEmail($"sse{i}");
            await app.CreateUserAsync(email);
            var client = ApiClients.Create(app.RootUrl);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await ApiClients.LoginAsync(client, email, TestUsers.Password));
            callers.Add(client);
        }

        var errors = new ConcurrentQueue<string>();
        var readLatencies = new ConcurrentBag<double>();
        using var stopReaders = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 10).Select(r => Task.Run(async () =>
        {
            var client = callers[r];
            while (!stopReaders.IsCancellationRequested)
            {
                var watch = Stopwatch.StartNew();
                using var response = await client.GetAsync(r % 2 == 0 ? "/todays_chat/" : "/api/chats?limit=30");
                readLatencies.Add(watch.Elapsed.TotalMilliseconds);
                if (response.StatusCode != HttpStatusCode.OK) errors.Enqueue($"reader got {(int)response.StatusCode}");
            }
        })).ToList();

        var started = Stopwatch.StartNew();
        var deltas = 0;
        await Task.WhenAll(callers.Select(async (client, i) =>
        {
            var chatId = Guid.NewGuid();
            using (var created = await client.PostAsJsonAsync("/api/chats", new { id = chatId }))
                if (created.StatusCode != HttpStatusCode.Created) { errors.Enqueue($"create {(int)created.StatusCode}"); return; }
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/chats/{chatId}/messages")
            {
                Content = JsonContent.Create(new { content = $"user {i} streams a reply of several words", model = "fault-trickle-40" }),
            };
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            if (response.StatusCode != HttpStatusCode.OK) { errors.Enqueue($"send {(int)response.StatusCode}"); return; }
            var events = await new SseEvents(await response.Content.ReadAsStreamAsync()).ReadAllAsync();
            Interlocked.Add(ref deltas, events.Count(e => e.Name == "delta"));
            if (events.LastOrDefault()?.Name != "done") errors.Enqueue($"stream {i} ended with {events.LastOrDefault()?.Name ?? "nothing"}");
        }));
        var elapsed = started.Elapsed;
        await stopReaders.CancelAsync();
        await Task.WhenAll(readers);

        Assert.Empty(errors);
        await using var db = app.CreateDbContext();
        Assert.Equal(Users, await db.Messages.CountAsync(m => m.Role == MessageRole.User));
        Assert.Equal(Users, await db.Messages.CountAsync(m => m.Role == MessageRole.Assistant && m.Status == MessageStatus.Complete));
        var sorted = readLatencies.OrderBy(x => x).ToList();
        output.WriteLine($"figure: load over HTTP ({database}) | {Users} users streaming over SSE at once + 10 readers of /todays_chat/ and /api/chats | " +
            $"{elapsed.TotalSeconds:F1} s, {deltas} deltas delivered, {sorted.Count} reads (p50 {sorted[sorted.Count / 2]:F0} ms, p99 {sorted[(int)(sorted.Count * 0.99)]:F0} ms), 0 errors | " +
            $"user messages lost: 0 of {Users}, replies complete: {Users} of {Users}");
        foreach (var client in callers) client.Dispose();
    }
}
