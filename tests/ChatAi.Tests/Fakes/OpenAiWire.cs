using System.Text.Encodings.Web;
using System.Text.Json;

namespace ChatAi.Tests.Fakes;

/// <summary>OpenAI Chat Completions bytes as in /work/shared/WIRE.md §1 (LF framing, obfuscation padding, usage chunk, [DONE]).</summary>
public static class OpenAiWire
{
    public const string ContentType = "text/event-stream; charset=utf-8";
    private const string Head = """{"id":"chatcmpl-FAKE1","object":"chat.completion.chunk","created":1741570283,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_06737a9306","choices":""";

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Json(string text) => JsonSerializer.Serialize(text, Relaxed);

    public static string RoleChunk() =>
        $$"""data: {{Head}}[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"q8L2"}""" + "\n\n";

    public static string ContentChunk(string text) =>
        $$"""data: {{Head}}[{"index":0,"delta":{"content":{{Json(text)}}},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"x1"}""" + "\n\n";

    public static string FinishChunk(string reason = "stop") =>
        $$"""data: {{Head}}[{"index":0,"delta":{},"logprobs":null,"finish_reason":"{{reason}}"}],"usage":null}""" + "\n\n";

    public static string UsageChunk(int promptTokens, int completionTokens) =>
        $$$"""data: {{{Head}}}[],"usage":{"prompt_tokens":{{{promptTokens}}},"completion_tokens":{{{completionTokens}}},"total_tokens":{{{promptTokens + completionTokens}}},"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}""" + "}\n\n";

    public const string Done = "data: [DONE]\n\n";

    public const string MidStreamError = """{"error":{"message":"The server had an error while processing your request. Sorry about that!","type":"server_error","param":null,"code":null}}""";

    public const string InvalidApiKey = """{"error":{"message":"Incorrect API key provided: sk-test***********************CANY. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}""";
    public const string UnsupportedRegion = """{"error":{"code":"unsupported_country_region_territory","message":"Country, region, or territory not supported","param":null,"type":"request_forbidden"}}""";
    public const string ContextLengthExceeded = """{"error":{"message":"This model's maximum context length is 128000 tokens. However, your messages resulted in 131072 tokens. Please reduce the length of the messages.","type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}}""";
    public const string RateLimitExceeded = """{"error":{"message":"Rate limit reached for gpt-4o-mini in organization org-FAKE on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s. Visit https://platform.openai.com/account/rate-limits to learn more.","type":"requests","param":null,"code":"rate_limit_exceeded"}}""";
    public const string InsufficientQuota = """{"error":{"message":"You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}""";
    public const string ServerError = """{"error":{"message":"The server had an error while processing your request. Sorry about that!","type":"server_error","param":null,"code":null}}""";
    public const string Overloaded = """{"error":{"message":"The engine is currently overloaded, please try again later.","type":"server_error","param":null,"code":null}}""";

    public static string ModelNotFound(string model) =>
        $$$"""{"error":{"message":"The model `{{{model}}}` does not exist or you do not have access to it.","type":"invalid_request_error","param":null,"code":"model_not_found"}}""";

    /// <summary>The rate-limit headers OpenAI sends with a 429; <paramref name="retryAfter"/> null leaves retry-after out.</summary>
    public static (string, string)[] RateLimitHeaders(string? retryAfter)
    {
        var headers = new List<(string, string)>
        {
            ("x-ratelimit-limit-requests", "3"), ("x-ratelimit-remaining-requests", "0"), ("x-ratelimit-reset-requests", "20s"),
            ("x-ratelimit-limit-tokens", "40000"), ("x-ratelimit-remaining-tokens", "39950"), ("x-ratelimit-reset-tokens", "6m0s"),
        };
        if (retryAfter is not null) headers.Insert(0, ("retry-after", retryAfter));
        return [.. headers];
    }
}
