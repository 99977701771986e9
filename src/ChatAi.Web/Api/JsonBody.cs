using System.Text.Json;
using ChatAi.Core.Configuration;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace ChatAi.Web.Api;

/// <summary>A JSON request body, or why there is none (the status and a sentence for the caller).</summary>
internal readonly record struct JsonBody<T>(T? Value, int Status, string? Error) where T : class
{
    public bool Failed => Value is null;
}

/// <summary>
/// Reads JSON request bodies ourselves rather than through parameter binding, so every failure gets
/// a real status and sentence: 415 for non-JSON (which also keeps cross-site form posts from riding the
/// cookie), 413 past the size limit, 400 for malformed JSON — never a 500 or an empty 400.
/// </summary>
internal static class JsonBodies
{
    public static async Task<JsonBody<T>> ReadAsync<T>(HttpRequest request, CancellationToken ct) where T : class
    {
        if (!request.HasJsonContentType())
            return new(null, StatusCodes.Status415UnsupportedMediaType, "Send the request body as JSON with Content-Type: application/json.");
        var limit = MaxBytes(request.HttpContext);
        if (request.ContentLength > limit) return TooLarge<T>(limit);
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit;
        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, options, ct);
            return value is null ? new(null, StatusCodes.Status400BadRequest, "The request body must be a JSON object.") : new(value, 200, null);
        }
        catch (JsonException e)
        {
            var where = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : $" (at {e.Path})";
            return new(null, StatusCodes.Status400BadRequest, $"The request body is not valid JSON or a field has the wrong type{where}.");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge<T>(limit);
        }
        catch (BadHttpRequestException)
        {
            return new(null, StatusCodes.Status400BadRequest, "The request body could not be read.");
        }
    }

    /// <summary>Room for the longest allowed message even if every character arrives as a six-byte escape, plus the other fields.</summary>
    public static long MaxBytes(HttpContext context)
    {
        var chars = context.RequestServices.GetRequiredService<IOptions<ChatAiOptions>>().Value.MaxMessageChars;
        return chars * 6L + 16 * 1024;
    }

    private static JsonBody<T> TooLarge<T>(long limit) where T : class =>
        new(null, StatusCodes.Status413PayloadTooLarge, $"The request body is larger than the limit of {limit} bytes.");
}
