using System.Net;
using ChatAi.Core.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ChatAi.Web.Api;

/// <summary>
/// Single-user local mode (<c>ChatAi:Api:LocalUserEmail</c>): front ends written for the original back
/// end send no credentials, so a request straight from this machine acts as that user. Anything that
/// could be another machine is refused: a non-loopback peer, any proxy header (behind a proxy every
/// request looks local), a Host that is not a loopback name (DNS rebinding) or a foreign Origin.
/// </summary>
internal sealed class LocalMode(IOptions<ApiOptions> options, IOptions<ApiCorsOptions> cors)
{
    private static readonly object RefusalKey = new();
    private static readonly string[] ProxyHeaders = ["Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Real-IP"];
    private readonly SemaphoreSlim _creating = new(1, 1);

    public async Task<AuthenticateResult> AuthenticateAsync(HttpContext context, string scheme)
    {
        if (!options.Value.LocalModeOn) return AuthenticateResult.NoResult();
        if (context.Connection.RemoteIpAddress is not { } remote || !IsLoopback(remote))
            return AuthenticateResult.NoResult(); // a plain 401: no hint to strangers
        if (Refusal(context) is { } reason)
        {
            context.Items[RefusalKey] = reason;
            return AuthenticateResult.NoResult();
        }
        var services = context.RequestServices;
        var user = await FindOrCreateAsync(services.GetRequiredService<UserManager<ApplicationUser>>(), options.Value.LocalUserEmail!.Trim());
        var principal = await services.GetRequiredService<IUserClaimsPrincipalFactory<ApplicationUser>>().CreateAsync(user);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, scheme));
    }

    /// <summary>Why local mode refused this request, if it did (shown in the 401 so operators see the cause).</summary>
    public static string? RefusalOf(HttpContext context) => context.Items.TryGetValue(RefusalKey, out var reason) ? reason as string : null;

    private string? Refusal(HttpContext context)
    {
        var request = context.Request;
        if (ProxyHeaders.Any(request.Headers.ContainsKey))
            return "Local mode does not answer requests that came through a proxy (Forwarded or X-Forwarded-For header); sign in instead.";
        if (!IsLoopbackHost(request.Host.Host))
            return "Local mode only answers requests addressed to localhost or a loopback address; sign in instead.";
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && !cors.Value.Origins.Contains(origin, StringComparer.OrdinalIgnoreCase) && origin != $"{request.Scheme}://{request.Host}")
            return "Local mode does not answer requests from this origin; add it to Cors:AllowedOrigins or sign in.";
        return null;
    }

    private static bool IsLoopback(IPAddress address) =>
        IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    private static bool IsLoopbackHost(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IsLoopback(address));

    private async Task<ApplicationUser> FindOrCreateAsync(UserManager<ApplicationUser> users, string email)
    {
        if (await users.FindByEmailAsync(email) is { } existing) return existing;
        await _creating.WaitAsync();
        try
        {
            if (await users.FindByEmailAsync(email) is { } created) return created;
            var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true };
            var result = await users.CreateAsync(user);
            if (!result.Succeeded)
                throw new InvalidOperationException(
                    $"ChatAi:Api:LocalUserEmail: could not create the local user ({string.Join(" ", result.Errors.Select(e => e.Description))})");
            return user;
        }
        finally
        {
            _creating.Release();
        }
    }
}
