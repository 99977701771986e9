using System.Text.Json;

namespace ChatAi.Core.Providers.Gemini;

/// <summary>
/// Maps Gemini's google.rpc errors (<c>{"error":{code,message,status,details}}</c>) to
/// <see cref="ProviderErrorKind"/>. A bad key is a 400 with ErrorInfo reason API_KEY_INVALID; a 429 is
/// a daily quota (do not retry) or a per-minute rate limit (retry after RetryInfo.retryDelay).
/// </summary>
internal static class GeminiErrors
{
    private const string Name = "Gemini";

    public static ModelProviderException FromStatus(int status, GeminiError? error, TimeSpan? headerRetryAfter, string? apiKey, string model)
    {
        var detail = ProviderHttp.Sanitize(error?.Message, apiKey);
        var modelName = ProviderHttp.Sanitize(model, apiKey);
        return status switch
        {
            >= 300 and < 400 => new(ProviderErrorKind.MalformedResponse,
                $"{Name} answered with a redirect (HTTP {status}), which is not followed; check GEMINI_BASE_URL."),
            400 when HasReason(error, "API_KEY_INVALID") => KeyRejected(400),
            400 => new(ProviderErrorKind.BadRequest, Join($"{Name} rejected the request (HTTP 400).", detail)),
            401 or 403 => KeyRejected(status),
            404 => new(ProviderErrorKind.UnknownModel, $"{Name} does not offer the model '{modelName}' to this API key."),
            429 when IsDailyQuota(error) => new(ProviderErrorKind.QuotaExhausted,
                $"The {Name} daily quota for this key is used up; try again tomorrow or raise the quota."),
            429 => new(ProviderErrorKind.RateLimited, $"{Name} is rate limiting requests; try again shortly.", RetryDelay(error) ?? headerRetryAfter),
            504 => new(ProviderErrorKind.Timeout, $"{Name} timed out while generating the reply (HTTP 504)."),
            503 => new(ProviderErrorKind.ServerError, $"{Name} is overloaded (HTTP 503); try again later.", headerRetryAfter),
            >= 500 => new(ProviderErrorKind.ServerError, $"{Name} had a server error (HTTP {status}).", headerRetryAfter),
            _ => new(ProviderErrorKind.BadRequest, Join($"{Name} rejected the request (HTTP {status}).", detail)),
        };
    }

    /// <summary>An error event inside a 200 stream; its own code decides, a missing one counts as a server error.</summary>
    public static ModelProviderException FromStreamedError(GeminiError error, string? apiKey, string model) =>
        error.Code is >= 400 and < 600 and var code
            ? FromStatus(code, error, null, apiKey, model)
            : new(ProviderErrorKind.ServerError, $"{Name} reported an error in the middle of the reply.");

    public static GeminiError? Parse(ReadOnlySpan<byte> body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, GeminiJsonContext.Default.GeminiErrorEnvelope)?.Error;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ModelProviderException KeyRejected(int status) =>
        new(ProviderErrorKind.Unauthorized, $"{Name} rejected the API key (HTTP {status}); check GEMINI_API_KEY.");

    private static string Join(string ours, string theirs) => theirs.Length == 0 ? ours : $"{ours} {theirs}";

    private static IEnumerable<JsonElement> Details(GeminiError? error, string typeSuffix) =>
        (error?.Details ?? []).Where(d => d.ValueKind == JsonValueKind.Object
            && d.TryGetProperty("@type", out var type) && type.ValueKind == JsonValueKind.String
            && type.GetString()!.EndsWith(typeSuffix, StringComparison.Ordinal));

    private static bool HasReason(GeminiError? error, string reason) =>
        Details(error, "google.rpc.ErrorInfo").Any(d => Text(d, "reason") == reason);

    private static bool IsDailyQuota(GeminiError? error) =>
        Details(error, "google.rpc.QuotaFailure")
            .SelectMany(d => d.TryGetProperty("violations", out var v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray() : [])
            .Any(v => Text(v, "quotaId")?.Contains("PerDay", StringComparison.Ordinal) == true);

    private static TimeSpan? RetryDelay(GeminiError? error) =>
        Details(error, "google.rpc.RetryInfo").Select(d => RetryDelays.FromDuration(Text(d, "retryDelay"))).FirstOrDefault(d => d is not null);

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
