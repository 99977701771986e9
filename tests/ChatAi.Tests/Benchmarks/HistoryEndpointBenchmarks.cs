using System.Diagnostics;
using System.Text.Json;
using ChatAi.Core.Configuration;
using ChatAi.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ChatAi.Tests.Benchmarks;

/// <summary>
/// Figure 4: the history endpoints' throughput and tail latency against the same answers computed with
/// raw SQL behind the same HTTP stack (<see cref="RawSqlEndpoints"/>), on SQLite and on PostgreSQL.
/// </summary>
[Collection(BenchCollection.Name)]
[Trait("Category", BenchCollection.Category)]
public sealed class HistoryEndpointBenchmarks(ITestOutputHelper output)
{
    private const int Workers = 8;
    private static readonly TimeSpan Round = TimeSpan.FromSeconds(2.5);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Figure4_HistoryEndpointsAgainstRawSql(DatabaseProvider provider)
    {
        await using var host = await BenchHost.StartAsync(TestDatabase.Create(provider));
        var (userId, api) = await host.SignInApiAsync("history");
        using var _ = api;
        await SeedData.AddChatsAsync(host, userId, 1000, today: 20, pinned: 3);
        for (var i = 0; i < 10; i++) await SeedData.AddChatsAsync(host, await host.CreateUserAsync(TestUsers.NewEmail("other")), 1000, today: 5, seed: i + 2);

        foreach (var path in new[] { "/todays_chat/", "/api/chats" })
        {
            // Same answer both ways, or the comparison means nothing.
            var ours = await GetAsync(api, path);
            var raw = await GetAsync(api, RawSqlEndpoints.Prefix + path);
            Assert.Equal(ours, raw);
            Assert.NotEqual("[]", ours);

            await LoadAsync(api, path, TimeSpan.FromSeconds(1));
            await LoadAsync(api, RawSqlEndpoints.Prefix + path, TimeSpan.FromSeconds(1));
            List<double> ourLatencies = [], rawLatencies = [];
            double ourSeconds = 0, rawSeconds = 0;
            for (var round = 0; round < 2; round++)
            {
                var r = await LoadAsync(api, RawSqlEndpoints.Prefix + path, Round);
                rawLatencies.AddRange(r.Latencies);
                rawSeconds += r.Seconds;
                var o = await LoadAsync(api, path, Round);
                ourLatencies.AddRange(o.Latencies);
                ourSeconds += o.Seconds;
            }
            double ourRps = ourLatencies.Count / ourSeconds, rawRps = rawLatencies.Count / rawSeconds;
            BenchResults.Write(output, new BenchRow("4", $"GET {path} on {provider}: requests/s ÷ raw SQL ({Workers} clients)",
                $"{Fmt.N(ourRps)} req/s, p99 {Fmt.Ms(Stats.Percentile(ourLatencies, 99))}",
                $"raw SQL {Fmt.N(rawRps)} req/s, p99 {Fmt.Ms(Stats.Percentile(rawLatencies, 99))}",
                Fmt.Ratio(ourRps / rawRps), "≥ 0.75", ourRps / rawRps >= 0.75,
                $"p50 {Fmt.Ms(Stats.Median(ourLatencies))} vs {Fmt.Ms(Stats.Median(rawLatencies))}"));
        }
    }

    private static async Task<string> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonSerializer.Serialize(JsonDocument.Parse(body).RootElement); // normalized
    }

    internal static async Task<(List<double> Latencies, double Seconds)> LoadAsync(HttpClient http, string path, TimeSpan duration)
    {
        var latencies = new List<double>();
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(async _ =>
        {
            var mine = new List<double>();
            while (Stopwatch.GetElapsedTime(start) < duration)
            {
                var sent = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(path);
                await response.Content.ReadAsByteArrayAsync();
                if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode}");
                mine.Add(Stats.MsSince(sent));
            }
            lock (latencies) latencies.AddRange(mine);
        }));
        return (latencies, Stopwatch.GetElapsedTime(start).TotalSeconds);
    }
}
