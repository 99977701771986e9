using System.Text.Json;

namespace ChatAi.Tests.Fakes;

/// <summary>
/// A fake OpenAI Chat Completions endpoint (<c>POST /v1/chat/completions</c>). By default it streams
/// "Echo: &lt;last user message&gt;"; a model named <c>fault-…</c> or an <c>X-Fault</c> header picks a failure:
/// 401, 403, 404, 400-context, 429-rate, 429-retry-after-N, 429-no-retry-after, 429-quota, 500, 503,
/// slow-headers-MS, trickle-MS, split-N, keepalive, stall-after-N, truncate-after-N, abort-after-N,
/// error-after-N, event-error-after-N, content-filter, length, redirect.
/// </summary>
public sealed class FakeOpenAiServer : FakeHttpServer
{
    public override string BaseUrl => Origin + "/v1";

    public static async Task<FakeOpenAiServer> StartNewAsync()
    {
        var server = new FakeOpenAiServer();
        await server.StartAsync();
        return server;
    }

    protected override FakeScenario SelectScenario(RecordedRequest request)
    {
        if (request.Method != "POST" || request.Path != "/v1/chat/completions")
            return x => x.RespondAsync(404, """{"error":{"message":"Unknown path","type":"invalid_request_error","param":null,"code":null}}""");

        if (WireChecks.OpenAi(request.Body) is { } problem) return Error(400, WireChecks.OpenAiError(problem));
        var model = ReadModel(request.Body);
        if (BenchProfile.TryParse(model, out var profile, out var tokens)) return Bench(profile, tokens);
        var fault = FaultName.From(request.Header("X-Fault"), model);
        var n = fault?.Argument;
        return fault?.Name switch
        {
            null => Stream(),
            "401" => Error(401, OpenAiWire.InvalidApiKey),
            "403" => Error(403, OpenAiWire.UnsupportedRegion),
            "404" => Error(404, OpenAiWire.ModelNotFound(model ?? "")),
            "400-context" => Error(400, OpenAiWire.ContextLengthExceeded),
            "429-rate" => RateLimited("1"),
            "429-retry-after" => RateLimited(n?.ToString() ?? "1"),
            "429-no-retry-after" => RateLimited(null),
            "429-quota" => Error(429, OpenAiWire.InsufficientQuota),
            "500" => Error(500, OpenAiWire.ServerError),
            "503" => Error(503, OpenAiWire.Overloaded),
            "slow-headers" => async x => { await x.DelayAsync(TimeSpan.FromMilliseconds(n ?? 1000)); await Stream()(x); },
            "trickle" => Stream(new StreamPlan { Gap = TimeSpan.FromMilliseconds(n ?? 50) }),
            "split" => Stream(new StreamPlan { SplitAt = n ?? 7 }),
            "keepalive" => Stream(new StreamPlan { KeepAlives = true }),
            "stall-after" => Stream(new StreamPlan { FaultAfter = n ?? 1, End = StreamEnd.Stall }),
            "truncate-after" => Stream(new StreamPlan { FaultAfter = n ?? 2, End = StreamEnd.CleanClose }),
            "abort-after" => Stream(new StreamPlan { FaultAfter = n ?? 2, End = StreamEnd.Abort }),
            "error-after" => Stream(new StreamPlan { FaultAfter = n ?? 1, End = StreamEnd.ErrorEvent }),
            "event-error-after" => Stream(new StreamPlan { FaultAfter = n ?? 1, End = StreamEnd.NamedErrorEvent }),
            "content-filter" => Stream(finishReason: "content_filter"),
            "length" => Stream(finishReason: "length"),
            "redirect" => x => x.RedirectAsync(),
            var unknown => Error(400, $$$"""{"error":{"message":"Fake server: unknown fault '{{{unknown}}}'","type":"invalid_request_error","param":null,"code":null}}"""),
        };
    }

    /// <summary>A streamed echo of the last user message, shaped by <paramref name="plan"/>.</summary>
    public static FakeScenario Stream(StreamPlan? plan = null, string finishReason = "stop") => async x =>
    {
        var (lastUser, promptTokens) = ReadConversation(x.Request.Body);
        var chunks = FakeEcho.Chunks(lastUser);
        await x.StartStreamAsync(OpenAiWire.ContentType, ("Cache-Control", "no-cache"));
        await (plan ?? StreamPlan.Default).RunAsync(
            x,
            [OpenAiWire.RoleChunk()],
            chunks.Select(OpenAiWire.ContentChunk).ToList(),
            [OpenAiWire.FinishChunk(finishReason), OpenAiWire.UsageChunk(promptTokens, chunks.Count), OpenAiWire.Done],
            OpenAiWire.MidStreamError,
            "\n");
    };

    /// <summary>A benchmark reply of <paramref name="tokens"/> words paced by <paramref name="profile"/>.</summary>
    public static FakeScenario Bench(BenchProfile profile, int tokens) => async x =>
    {
        await x.StartStreamAsync(OpenAiWire.ContentType, ("Cache-Control", "no-cache"));
        await x.WriteAsync(OpenAiWire.RoleChunk());
        var chunks = profile.Chunks(tokens);
        await profile.WriteAsync(x, chunks.Select(OpenAiWire.ContentChunk).ToList(),
            [OpenAiWire.FinishChunk(), OpenAiWire.UsageChunk(10, tokens), OpenAiWire.Done], "\n");
    };

    public static FakeScenario Error(int status, string body, params (string, string)[] headers) =>
        x => x.RespondAsync(status, body, headers: headers);

    /// <summary>A rate-limit 429; <paramref name="retryAfter"/> is sent verbatim, hostile values included.</summary>
    public static FakeScenario RateLimited(string? retryAfter) =>
        Error(429, OpenAiWire.RateLimitExceeded, OpenAiWire.RateLimitHeaders(retryAfter));

    private static string? ReadModel(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("model", out var model) ? model.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The last user message's text and a deterministic prompt token count (words in all messages).</summary>
    internal static (string LastUser, int PromptTokens) ReadConversation(string body)
    {
        using var document = JsonDocument.Parse(body);
        var lastUser = "";
        var words = 0;
        foreach (var message in document.RootElement.GetProperty("messages").EnumerateArray())
        {
            var content = message.GetProperty("content");
            var text = content.ValueKind == JsonValueKind.String
                ? content.GetString() ?? ""
                : string.Concat(content.EnumerateArray().Select(p => p.TryGetProperty("text", out var t) ? t.GetString() : ""));
            words += text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            if (message.GetProperty("role").GetString() == "user") lastUser = text;
        }
        return (lastUser, words);
    }
}
