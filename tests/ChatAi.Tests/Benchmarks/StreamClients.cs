using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ChatAi.Tests.Infrastructure;

namespace ChatAi.Tests.Benchmarks;

/// <summary>When each piece of text of one streamed reply arrived, counted from sending the request.</summary>
public sealed record StreamTiming(double FirstTokenMs, IReadOnlyList<(double AtMs, int Tokens)> Chunks)
{
    public int Tokens => Chunks.Sum(c => c.Tokens);
    public double LastMs => Chunks.Count == 0 ? double.NaN : Chunks[^1].AtMs;

    /// <summary>Tokens per second after the first chunk (the upstream's pacing, as this client saw it).</summary>
    public double TokensPerSecond => Chunks.Count < 2 ? double.NaN : (Tokens - Chunks[0].Tokens) / ((LastMs - FirstTokenMs) / 1000);

    public IEnumerable<double> Gaps => Chunks.Zip(Chunks.Skip(1), (a, b) => b.AtMs - a.AtMs);
}

/// <summary>
/// The two ways a benchmark client gets a reply: straight from a fake provider (the baseline: no app in
/// between) and through the app's SSE endpoint. Both parse every event as JSON, so the client costs match.
/// </summary>
public static class StreamClients
{
    /// <summary>Straight to the fake OpenAI server, as the app's OpenAI client calls it.</summary>
    public static Task<StreamTiming> DirectOpenAiAsync(HttpClient http, FakeProviders fakes, string model, CancellationToken ct = default, Action<int>? onTokens = null)
    {
        return ReadAsync(http, OpenAiRequest(fakes, model), (_, data) =>
        {
            if (data == "[DONE]") return null;
            using var json = JsonDocument.Parse(data);
            var choices = json.RootElement.GetProperty("choices");
            return choices.GetArrayLength() > 0 && choices[0].GetProperty("delta").TryGetProperty("content", out var c) ? c.GetString() : null;
        }, ct, onTokens);
    }

    /// <summary>Straight to the fake OpenAI server, reading the body into one 16 KB buffer and discarding it (the least a client can hold).</summary>
    public static async Task DrainOpenAiAsync(HttpClient http, FakeProviders fakes, string model, CancellationToken ct = default)
    {
        using var request = OpenAiRequest(fakes, model);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[16 * 1024];
        while (await body.ReadAsync(buffer, ct) > 0) { }
    }

    private static HttpRequestMessage OpenAiRequest(FakeProviders fakes, string model)
    {
        var body = JsonSerializer.Serialize(new { model, stream = true, stream_options = new { include_usage = true }, messages = new[] { new { role = "user", content = "Hello" } } });
        var request = new HttpRequestMessage(HttpMethod.Post, fakes.OpenAi.BaseUrl + "/chat/completions") { Content = Json(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", FakeProviders.OpenAiKey);
        return request;
    }

    /// <summary>Straight to the fake Gemini server, as the app's Gemini client calls it.</summary>
    public static Task<StreamTiming> DirectGeminiAsync(HttpClient http, FakeProviders fakes, string model, CancellationToken ct = default)
    {
        var body = """{"contents":[{"role":"user","parts":[{"text":"Hello"}]}]}""";
        var request = new HttpRequestMessage(HttpMethod.Post, $"{fakes.Gemini.BaseUrl}/v1beta/models/{model}:streamGenerateContent?alt=sse") { Content = Json(body) };
        request.Headers.TryAddWithoutValidation("x-goog-api-key", FakeProviders.GeminiKey);
        return ReadAsync(http, request, (_, data) =>
        {
            using var json = JsonDocument.Parse(data);
            return json.RootElement.GetProperty("candidates")[0].GetProperty("content").GetProperty("parts")[0].GetProperty("text").GetString();
        }, ct);
    }

    public static Task<StreamTiming> DirectAsync(HttpClient http, FakeProviders fakes, string provider, string model, CancellationToken ct = default) =>
        provider == "gemini" ? DirectGeminiAsync(http, fakes, model, ct) : DirectOpenAiAsync(http, fakes, model, ct);

    /// <summary>Through the app: <c>POST /api/chats/{id}/messages</c> with <c>Accept: text/event-stream</c>.</summary>
    public static async Task<StreamTiming> ThroughAppAsync(HttpClient http, Guid chatId, CancellationToken ct = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/chats/{chatId}/messages") { Content = Json("""{"content":"Hello"}""") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        string? outcome = null;
        var timing = await ReadAsync(http, request, (name, data) =>
        {
            using var json = JsonDocument.Parse(data);
            if (name == "delta") return json.RootElement.GetProperty("text").GetString();
            outcome = name == "done" ? json.RootElement.GetProperty("status").GetString() : $"{name}: {data}";
            return null;
        }, ct);
        if (outcome != "complete") throw new InvalidOperationException($"The reply in chat {chatId} did not complete: {outcome ?? "no done event"}");
        return timing;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>Sends, then reads the SSE body line by line; <paramref name="textOf"/> gives an event's text (or null), <paramref name="onTokens"/> hears the running token count.</summary>
    private static async Task<StreamTiming> ReadAsync(HttpClient http, HttpRequestMessage request, Func<string, string, string?> textOf, CancellationToken ct, Action<int>? onTokens = null)
    {
        using var _ = request;
        var start = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{request.Method} {request.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct), Encoding.UTF8);
        var chunks = new List<(double, int)>();
        var first = double.NaN;
        var total = 0;
        var name = "message";
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.StartsWith("event:", StringComparison.Ordinal)) { name = line[6..].Trim(); continue; }
            if (!line.StartsWith("data:", StringComparison.Ordinal)) { if (line.Length == 0) name = "message"; continue; }
            var text = textOf(name, line[5..].TrimStart());
            if (string.IsNullOrEmpty(text)) continue;
            var at = Stats.MsSince(start);
            if (chunks.Count == 0) first = at;
            var tokens = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            chunks.Add((at, tokens));
            total += tokens;
            onTokens?.Invoke(total);
        }
        return new StreamTiming(first, chunks);
    }
}
