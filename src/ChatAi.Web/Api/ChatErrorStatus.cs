using System.Globalization;
using ChatAi.Core.Chats;

namespace ChatAi.Web.Api;

/// <summary>The one mapping from chat errors to HTTP statuses (the table in API.md), for every endpoint.</summary>
internal static class ChatErrorStatus
{
    public static int Of(ChatErrorKind kind) => kind switch
    {
        ChatErrorKind.Validation => StatusCodes.Status400BadRequest,
        ChatErrorKind.NotFound => StatusCodes.Status404NotFound,
        ChatErrorKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        ChatErrorKind.Conflict => StatusCodes.Status409Conflict,
        ChatErrorKind.RateLimited => StatusCodes.Status429TooManyRequests,
        ChatErrorKind.QuotaExceeded => StatusCodes.Status403Forbidden,
        ChatErrorKind.ProviderNotConfigured => StatusCodes.Status503ServiceUnavailable,
        ChatErrorKind.ProviderRejectedKey => StatusCodes.Status502BadGateway,
        ChatErrorKind.ProviderRateLimited => StatusCodes.Status429TooManyRequests,
        ChatErrorKind.ProviderFailed => StatusCodes.Status502BadGateway,
        ChatErrorKind.ProviderTimeout => StatusCodes.Status504GatewayTimeout,
        ChatErrorKind.ContentBlocked => StatusCodes.Status422UnprocessableEntity,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>A stable machine-readable name for the kind (<c>provider_rejected_key</c>), for problem details.</summary>
    public static string Code(ChatErrorKind kind) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString());

    /// <summary>Sets <c>Retry-After</c> (whole seconds, at least 1) when the error says how long to wait.</summary>
    public static void SetRetryAfter(HttpResponse response, TimeSpan? retryAfter)
    {
        if (retryAfter is not { } wait || response.HasStarted) return;
        var seconds = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds));
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
    }
}
