using System.Text.Json;
using System.Text.RegularExpressions;

namespace ChatAi.Tests.Fakes;

/// <summary>
/// A fake Gemini endpoint (<c>POST /v1beta/models/{model}:streamGenerateContent?alt=sse</c>, CRLF framing).
/// By default it streams "Echo: &lt;last user message&gt;"; a model named <c>fault-…</c> or an <c>X-Fault</c>
/// header picks a failure: 400-key, 400, 403, 404, 429-minute(-N), 429-day, 500, 503, 504, block-prompt,
/// block-midstream, max-tokens, slow-headers-MS, trickle-MS, split-N, keepalive, lf, cr, stall-after-N,
/// truncate-after-N, abort-after-N, error-after-N, redirect.
/// </summary>
public sealed partial class FakeGeminiServer : FakeHttpServer
{
    public override string BaseUrl => Origin;

    public static async Task<FakeGeminiServer> StartNewAsync()
    {
        var server = new FakeGeminiServer();
        await server.StartAsync();
        return server;
    }

    protected override FakeScenario SelectScenario(RecordedRequest request)
    {
        var path = StreamPath().Match(request.Path);
        if (request.Method != "POST" || !path.Success || request.Query != "?alt=sse")
            return Error(404, GeminiWire.NotFound(request.Path));

        if (WireChecks.Gemini(request.Body) is { } problem) return Error(400, WireChecks.GeminiError(problem));
        var model = Uri.UnescapeDataString(path.Groups["model"].Value);
        if (BenchProfile.TryParse(model, out var profile, out var tokens)) return Bench(profile, tokens);
        var fault = FaultName.From(request.Header("X-Fault"), model);
        var n = fault?.Argument;
        return fault?.Name switch
        {
            null => Stream(),
            "400-key" => Error(400, GeminiWire.ApiKeyInvalid),
            "400" => Error(400, GeminiWire.ContentsMissing),
            "403" => Error(403, GeminiWire.PermissionDenied),
            "404" => Error(404, GeminiWire.NotFound(model)),
            "429-minute" => Error(429, GeminiWire.ResourceExhausted(perDay: false, $"{n ?? 34}s")),
            "429-day" => Error(429, GeminiWire.ResourceExhausted(perDay: true, null)),
            "500" => Error(500, GeminiWire.Internal),
            "503" => Error(503, GeminiWire.Unavailable),
            "504" => Error(504, GeminiWire.DeadlineExceeded),
            "block-prompt" => Events(GeminiWire.PromptBlocked()),
            "block-midstream" => Events(GeminiWire.ResponseBlockedFirst(), GeminiWire.ResponseBlockedSafety()),
            "max-tokens" => Stream(finishReason: "MAX_TOKENS"),
            "slow-headers" => async x => { await x.DelayAsync(TimeSpan.FromMilliseconds(n ?? 1000)); await Stream()(x); },
            "trickle" => Stream(new StreamPlan { Gap = TimeSpan.FromMilliseconds(n ?? 50) }),
            "split" => Stream(new StreamPlan { SplitAt = n ?? 7 }),
            "keepalive" => Stream(new StreamPlan { KeepAlives = true }),
            "lf" => Stream(new StreamPlan { LineEnding = "\n" }),
            "cr" => Stream(new StreamPlan { LineEnding = "\r" }),
            "stall-after" => Stream(new StreamPlan { FaultAfter = n ?? 1, End = StreamEnd.Stall }),
            "truncate-after" => Stream(new StreamPlan { FaultAfter = n ?? 2, End = StreamEnd.CleanClose }),
            "abort-after" => Stream(new StreamPlan { FaultAfter = n ?? 2, End = StreamEnd.Abort }),
            "error-after" => Stream(new StreamPlan { FaultAfter = n ?? 1, End = StreamEnd.ErrorEvent }),
            "redirect" => x => x.RedirectAsync(),
            var unknown => Error(400, $$$"""{"error": {"code": 400, "message": "Fake server: unknown fault '{{{unknown}}}'", "status": "INVALID_ARGUMENT"}}"""),
        };
    }

    /// <summary>A streamed echo of the last user message; the last chunk carries the finish reason and full usage.</summary>
    public static FakeScenario Stream(StreamPlan? plan = null, string finishReason = "STOP") => async x =>
    {
        var (lastUser, promptTokens) = ReadConversation(x.Request.Body);
        var chunks = FakeEcho.Chunks(lastUser);
        await x.StartStreamAsync(GeminiWire.ContentType);
        await (plan ?? StreamPlan.Default).RunAsync(
            x,
            [],
            chunks.Take(chunks.Count - 1).Select(c => GeminiWire.ContentChunk(c, promptTokens)).ToList(),
            [GeminiWire.FinalChunk(chunks[^1], finishReason, promptTokens, chunks.Count)],
            GeminiWire.MidStreamError,
            "\r\n");
    };

    /// <summary>Exactly these events (written with LF, sent with CRLF), then EOF.</summary>
    public static FakeScenario Events(params string[] events) => async x =>
    {
        await x.StartStreamAsync(GeminiWire.ContentType);
        await StreamPlan.Default.RunAsync(x, events, [], [], GeminiWire.MidStreamError, "\r\n");
    };

    /// <summary>A benchmark reply of <paramref name="tokens"/> words paced by <paramref name="profile"/>.</summary>
    public static FakeScenario Bench(BenchProfile profile, int tokens) => async x =>
    {
        await x.StartStreamAsync(GeminiWire.ContentType);
        var chunks = profile.Chunks(Math.Max(tokens, 1));
        await profile.WriteAsync(x, chunks.Take(chunks.Count - 1).Select(c => GeminiWire.ContentChunk(c, 10)).ToList(),
            [GeminiWire.FinalChunk(chunks[^1], "STOP", 10, tokens)], "\r\n");
    };

    public static FakeScenario Error(int status, string body, params (string, string)[] headers) =>
        x => x.RespondAsync(status, body, GeminiWire.ErrorContentType, headers);

    /// <summary>The last user message's text and a deterministic prompt token count (words in all texts).</summary>
    internal static (string LastUser, int PromptTokens) ReadConversation(string body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var lastUser = "";
        var words = root.TryGetProperty("systemInstruction", out var system) ? Words(Text(system)) : 0;
        foreach (var content in root.GetProperty("contents").EnumerateArray())
        {
            var text = Text(content);
            words += Words(text);
            if (content.TryGetProperty("role", out var role) && role.GetString() == "user") lastUser = text;
        }
        return (lastUser, words);
    }

    private static string Text(JsonElement content) =>
        string.Concat(content.GetProperty("parts").EnumerateArray().Select(p => p.TryGetProperty("text", out var t) ? t.GetString() : ""));

    private static int Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    [GeneratedRegex("^/v1beta/models/(?<model>[^/:]+):streamGenerateContent$")]
    private static partial Regex StreamPath();
}
