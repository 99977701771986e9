using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using ChatAi.Web.Security;

namespace ChatAi.Web.Api;

/// <summary>
/// HTTP rate limit on the endpoints that call a model, per user. ChatService keeps its own per-user
/// quota as well (the Blazor UI never passes this middleware); both answer 429 with Retry-After.
/// The sign-in policy (Security/SignInRateLimit.cs) shares the rejection.
/// </summary>
internal static class ApiRateLimits
{
    public const string Sends = "chat-sends";

    public static void Configure(RateLimiterOptions options)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests; // the default is 503
        options.AddPolicy(Sends, context =>
        {
            var perMinute = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.SendsPerMinute;
            var key = context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "ip:" + context.Connection.RemoteIpAddress;
            return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = perMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });
        });
        SignInRateLimit.AddTo(options); // per client address, on the Identity form posts and /api/auth
        options.OnRejected = (rejected, _) =>
        {
            var http = rejected.HttpContext;
            ChatErrorStatus.SetRetryAfter(http.Response,
                rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1));
            if (SignInRateLimit.Limits(http) && !ApiPaths.IsApi(http.Request.Path))
                return new ValueTask(Results.Text(SignInRateLimit.Message, statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(http));
            return new ValueTask(ApiErrors.WriteAsync(http, StatusCodes.Status429TooManyRequests,
                SignInRateLimit.Limits(http) ? SignInRateLimit.Message : "Too many messages in a short time. Try again in a moment."));
        };
    }
}
