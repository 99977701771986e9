using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ChatAi.Web.Security;

/// <summary>
/// One fixed-window budget per client address for everything that checks a password or creates an account:
/// the Identity form posts (<c>/Account/Login</c>, <c>/Account/Register</c>, …) and <c>/api/auth/login</c>,
/// <c>/register</c>, …. All of them share the budget, so trying both doubles nothing. GETs (showing the form)
/// are free. Lockout after 5 wrong passwords protects one account; this slows guessing across many.
/// </summary>
internal static class SignInRateLimit
{
    public const string Policy = "auth";
    public const string Message = "Too many sign-in or sign-up attempts from your network. Wait a minute and try again.";

    /// <summary>The Identity API routes (under <c>/api/auth</c>) that take a password or send mail (<c>/manage/info</c> takes the old password).</summary>
    private static readonly string[] ApiRoutes = ["/login", "/register", "/forgotPassword", "/resetPassword", "/resendConfirmationEmail", "/manage/info"];

    public static void AddTo(RateLimiterOptions options) => options.AddPolicy(Policy, context =>
    {
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
            return RateLimitPartition.GetNoLimiter("reads");
        var perMinute = context.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value.SignInsPerMinute;
        return RateLimitPartition.GetFixedWindowLimiter(ClientKey(ClientAddress(context)), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    });

    public static bool IsApiRoute(string? routePattern) =>
        routePattern is not null && ApiRoutes.Any(route => routePattern.EndsWith(route, StringComparison.Ordinal));

    /// <summary>
    /// The client's address: the connection's peer. Behind a reverse proxy, the forwarded-headers middleware has
    /// already put the client's address there, but only for proxies listed in <c>ChatAi:ForwardedHeaders</c>
    /// (Security/TrustedProxies.cs); a header from anyone else is ignored, so rotating it buys no new budget.
    /// </summary>
    public static IPAddress? ClientAddress(HttpContext context)
    {
        var peer = context.Connection.RemoteIpAddress;
        return peer is { IsIPv4MappedToIPv6: true } ? peer.MapToIPv4() : peer;
    }

    /// <summary>
    /// The partition: the IPv4 address, or the /64 network of an IPv6 address (one subscriber usually gets a
    /// whole /64, so single addresses would be free to rotate through).
    /// </summary>
    public static string ClientKey(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
