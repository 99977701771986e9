using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ChatAi.Web.Api;

/// <summary>
/// HTTP rate limit on the endpoints that call a model, per user. ChatService keeps its own per-user
/// quota as well (the Blazor UI never passes this middleware); both answer 429 with Retry-After.
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
        options.OnRejected = (rejected, _) =>
        {
            var http = rejected.HttpContext;
            ChatErrorStatus.SetRetryAfter(http.Response,
                rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1));
            return new ValueTask(ApiErrors.WriteAsync(http, StatusCodes.Status429TooManyRequests,
                "Too many messages in a short time. Try again in a moment."));
        };
    }
}
