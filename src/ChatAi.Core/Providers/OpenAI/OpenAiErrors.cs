using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using OpenAI.Chat;

namespace ChatAi.Core.Providers.OpenAI;

/// <summary>
/// Maps OpenAI's HTTP errors and in-stream error events to <see cref="ProviderErrorKind"/>. Messages are
/// ours; the provider's text is only passed on where it helps (400, 403) and never for key errors,
/// because OpenAI's 401 echoes part of the key.
/// </summary>
internal static class OpenAiErrors
{
    private const string Name = "OpenAI";

    public static ModelProviderException? Map(Exception exception, string? apiKey, string model)
    {
        if (exception is not ClientResultException result) return null;

        // No response at all: the transport failed before HTTP (DNS, refused, reset, connect timeout).
        if (result.GetRawResponse() is not { } response || result.Status == 0)
        {
            return result.InnerException is OperationCanceledException or TimeoutException
                ? new(ProviderErrorKind.Timeout, $"{Name} did not answer in time.", inner: result.InnerException)
                : new(ProviderErrorKind.Network, $"Could not reach {Name}, or the connection dropped.", inner: result.InnerException);
        }

        var error = ReadError(response);
        var retryAfter = RetryDelays.FromHeaders(Header(response, "retry-after-ms"), Header(response, "retry-after"), DateTimeOffset.UtcNow);
        return FromStatus(result.Status, error, retryAfter, apiKey, model);
    }

    /// <summary>Recognises the empty update the SDK makes of <c>data: {"error":…}</c>; real chunks always carry an id.</summary>
    public static ModelProviderException? FromStreamedUpdate(StreamingChatCompletionUpdate update, string provider)
    {
        if (!string.IsNullOrEmpty(update.CompletionId)) return null;

        ErrorBody? error;
        try
        {
            // Unknown properties survive the SDK's model round trip, so the error object can be read back.
            var json = ModelReaderWriter.Write(update, ModelReaderWriterOptions.Json);
            using var document = JsonDocument.Parse(json);
            error = document.RootElement.TryGetProperty("error", out var element) ? Parse(element) : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            error = null;
        }
        if (error is null) return null;

        return (error.Code ?? error.Type) switch
        {
            "rate_limit_exceeded" => new(ProviderErrorKind.RateLimited, $"{provider} is rate limiting requests; try again shortly."),
            "insufficient_quota" => new(ProviderErrorKind.QuotaExhausted, QuotaMessage),
            _ => new(ProviderErrorKind.ServerError, $"{provider} reported an error in the middle of the reply."),
        };
    }

    private const string QuotaMessage = "The OpenAI account has no quota left; check its plan and billing.";

    private static ModelProviderException FromStatus(int status, ErrorBody? error, TimeSpan? retryAfter, string? apiKey, string model)
    {
        var detail = ProviderHttp.Sanitize(error?.Message, apiKey);
        var modelName = ProviderHttp.Sanitize(model, apiKey);
        return status switch
        {
            >= 300 and < 400 => new(ProviderErrorKind.MalformedResponse,
                $"{Name} answered with a redirect (HTTP {status}), which is not followed; check OPENAI_BASE_URL."),
            400 when error?.Code == "context_length_exceeded" => new(ProviderErrorKind.BadRequest,
                "The conversation is too long for this model; start a new chat or shorten the message."),
            400 => new(ProviderErrorKind.BadRequest, Join($"{Name} rejected the request (HTTP 400).", detail)),
            401 => new(ProviderErrorKind.Unauthorized, $"{Name} rejected the API key (HTTP 401); check OPENAI_API_KEY."),
            403 => new(ProviderErrorKind.Unauthorized, Join($"{Name} refused access with this API key (HTTP 403).", detail)),
            404 => new(ProviderErrorKind.UnknownModel, $"{Name} does not offer the model '{modelName}' to this API key."),
            408 => new(ProviderErrorKind.Timeout, $"{Name} timed out while handling the request."),
            429 when error?.Code == "insufficient_quota" || error?.Type == "insufficient_quota" => new(ProviderErrorKind.QuotaExhausted, QuotaMessage),
            429 => new(ProviderErrorKind.RateLimited, $"{Name} is rate limiting requests; try again shortly.", retryAfter),
            503 => new(ProviderErrorKind.ServerError, $"{Name} is overloaded (HTTP 503); try again later.", retryAfter),
            >= 500 => new(ProviderErrorKind.ServerError, $"{Name} had a server error (HTTP {status}).", retryAfter),
            _ => new(ProviderErrorKind.BadRequest, Join($"{Name} rejected the request (HTTP {status}).", detail)),
        };
    }

    private static string Join(string ours, string theirs) => theirs.Length == 0 ? ours : $"{ours} {theirs}";

    private static string? Header(PipelineResponse response, string name) =>
        response.Headers.TryGetValue(name, out var value) ? value : null;

    private static ErrorBody? ReadError(PipelineResponse response)
    {
        try
        {
            // ClientResultException has already buffered the (small) error body.
            var content = response.Content;
            if (content.ToMemory().Length is 0 or > ProviderHttp.MaxErrorBodyBytes) return null;
            using var document = JsonDocument.Parse(content.ToMemory());
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error)
                ? Parse(error)
                : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static ErrorBody? Parse(JsonElement error) => error.ValueKind != JsonValueKind.Object ? null : new(
        String(error, "message"), String(error, "type"), String(error, "code"));

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private sealed record ErrorBody(string? Message, string? Type, string? Code);
}
