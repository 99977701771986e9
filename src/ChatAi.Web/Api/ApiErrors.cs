using ChatAi.Core.Chats;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;

namespace ChatAi.Web.Api;

/// <summary>The original endpoints' error body: <c>{"error": "&lt;sentence&gt;"}</c>.</summary>
public sealed record LegacyError(string Error);

/// <summary>Marks endpoints that answer errors in the original <c>{"error": …}</c> shape instead of problem details.</summary>
internal sealed class LegacyErrorFormat
{
    public static readonly LegacyErrorFormat Instance = new();
}

/// <summary>Error responses in the two shapes the API speaks: the original one and RFC 7807 problem details.</summary>
internal static class ApiErrors
{
    public static JsonHttpResult<LegacyError> Legacy(int status, string message) =>
        TypedResults.Json(new LegacyError(message), statusCode: status);

    public static JsonHttpResult<LegacyError> Legacy(HttpContext http, ChatException error)
    {
        ChatErrorStatus.SetRetryAfter(http.Response, error.RetryAfter);
        return Legacy(ChatErrorStatus.Of(error.Kind), error.Message);
    }

    public static ProblemHttpResult Problem(int status, string detail, string? code = null) =>
        TypedResults.Problem(detail: detail, statusCode: status,
            extensions: code is null ? null : new Dictionary<string, object?> { ["code"] = code });

    public static ProblemHttpResult Problem(HttpContext http, ChatException error)
    {
        ChatErrorStatus.SetRetryAfter(http.Response, error.RetryAfter);
        return Problem(ChatErrorStatus.Of(error.Kind), error.Message, ChatErrorStatus.Code(error.Kind));
    }

    /// <summary>Whether this request's errors use the original shape (its endpoint says so, or its path is an original one).</summary>
    public static bool UsesLegacyFormat(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<LegacyErrorFormat>() is not null || ApiPaths.IsLegacy(context.Request.Path);

    /// <summary>Writes an error in the shape the request's endpoint speaks (for middleware: auth, rate limits, fallbacks).</summary>
    public static Task WriteAsync(HttpContext context, int status, string message) => UsesLegacyFormat(context)
        ? Legacy(status, message).ExecuteAsync(context)
        : Problem(status, message).ExecuteAsync(context);

    public static string Reason(int status) => ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } reason ? reason + "." : "Error.";
}

/// <summary>Which request paths belong to the JSON APIs (both families) rather than the Blazor UI.</summary>
internal static class ApiPaths
{
    private static readonly string[] LegacyRoots =
        ["/prompt_gpt", "/prompt_gemini", "/get_chat_messages", "/todays_chat", "/yesterdays_chat", "/seven_days_chat", "/api/chat"];

    public static bool IsApi(PathString path) => path.StartsWithSegments("/api") || IsLegacy(path);

    public static bool IsLegacy(PathString path) => LegacyRoots.Any(root => path.StartsWithSegments(root));
}
