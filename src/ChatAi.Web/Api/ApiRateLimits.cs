using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using ChatAi.Web.Security;

namespace ChatAi.Web.Api;

/// <summary>
/// The HTTP rate limiter's answers: 429 with Retry-After. Its one policy is the sign-in limit per client address
/// (Security/SignInRateLimit.cs). Writes (messages, chats) are limited per user in ChatAi.Core (UserQuota), where
/// the UI and both APIs share one budget, so there is no second, HTTP-only send limit here.
/// </summary>
internal static class ApiRateLimits
{
    public static void Configure(RateLimiterOptions options)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests; // the default is 503
        SignInRateLimit.AddTo(options); // per client address, on the Identity form posts and /api/auth
        options.OnRejected = (rejected, _) =>
        {
            var http = rejected.HttpContext;
            ChatErrorStatus.SetRetryAfter(http.Response,
                rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1));
            if (!ApiPaths.IsApi(http.Request.Path))
                return new ValueTask(Results.Text(SignInRateLimit.Message, statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(http));
            return new ValueTask(ApiErrors.WriteAsync(http, StatusCodes.Status429TooManyRequests, SignInRateLimit.Message));
        };
    }
}
