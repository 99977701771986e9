using System.Text.Json;
using ChatAi.Core.Configuration;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace ChatAi.Web.Api;

/// <summary>
/// Request bodies are typed records that minimal APIs bind. What binding cannot read gets a real status
/// and sentence here, which <see cref="ApiErrorMiddleware"/> writes in the family's shape: 415 for non-JSON
/// (which also keeps cross-site form posts from riding the cookie), 413 past the size limit, 400 for
/// malformed JSON. Not an endpoint filter: filters run after binding, so they never see its failures.
/// </summary>
internal static class JsonBodies
{
    public const string NotJson = "Send the request body as JSON with Content-Type: application/json.";
    private const string NotAnObject = "The request body must be a JSON object.";

    /// <summary>Binding failures throw (<see cref="BadHttpRequestException"/> with the cause) instead of answering an empty 400.</summary>
    public static IServiceCollection AddJsonBodies(this IServiceCollection services) =>
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

    /// <summary>The body size limit of a group's endpoints, applied by routing before anything reads the body.</summary>
    public static RouteGroupBuilder LimitJsonBodies(this RouteGroupBuilder group) =>
        group.WithMetadata(new JsonBodyLimit(((IEndpointRouteBuilder)group).ServiceProvider.GetRequiredService<IOptions<ChatAiOptions>>()));

    /// <summary>
    /// The answer for a request whose body could not be read: from binding's exception, or from a bare status (415 from
    /// routing's content-type check, 413 or 400 when reading failed). Null when the failure is not about a JSON body.
    /// </summary>
    public static (int Status, string Message)? Failure(HttpContext context, int status, BadHttpRequestException? error)
    {
        if (status == StatusCodes.Status415UnsupportedMediaType) return (status, NotJson);
        if (status == StatusCodes.Status413PayloadTooLarge) return (status, $"The request body is larger than the limit of {Limit(context)} bytes.");
        if (status != StatusCodes.Status400BadRequest || context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>() is null) return null;
        if (error?.InnerException is JsonException json)
        {
            var where = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "" : $" (at {json.Path})";
            return (status, $"The request body is not valid JSON or a field has the wrong type{where}.");
        }
        if (error is null) return (status, "The request body could not be read.");
        if (!error.Message.Contains("body", StringComparison.OrdinalIgnoreCase)) return null; // a route or query value, not the body
        // No body was bound: none sent (then, as for any body, it must be declared JSON), or JSON null.
        if (!context.Request.HasJsonContentType()) return (StatusCodes.Status415UnsupportedMediaType, NotJson);
        return context.Request.ContentLength == 0
            ? (status, "The request body is not valid JSON or a field has the wrong type.")
            : (status, NotAnObject);
    }

    private static long? Limit(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize
        ?? context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;

    /// <summary>Room for the longest allowed message even if every character arrives as a six-byte escape, plus the other fields.</summary>
    private sealed class JsonBodyLimit(IOptions<ChatAiOptions> options) : IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize => options.Value.MaxMessageChars * 6L + 16 * 1024;
    }
}
