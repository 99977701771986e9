using System.Net;
using ChatAi.Core.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ChatAi.Web.Api;

/// <summary>
/// Single-user local mode (<c>ChatAi:Api:LocalUserEmail</c>): front ends written for the original back end
/// send no credentials, so a credential-less request acts as that user, but only on local mode's own listener
/// (<c>ChatAi:Api:LocalModePort</c>, bound to loopback by <see cref="LocalModeListener"/>). The main listener never
/// acts as anyone, so it can face a network or a proxy. Detecting proxies by their headers can never be complete;
/// a listener only this machine can reach is. The listener still refuses what could have come from elsewhere
/// (<see cref="LocalListenerGuard"/>: proxy headers, a Host that is not canonical); here a foreign Origin is refused.
/// </summary>
internal sealed class LocalMode(IOptions<ApiOptions> options, IOptions<ApiCorsOptions> cors)
{
    private static readonly object RefusalKey = new();
    private readonly SemaphoreSlim _creating = new(1, 1);

    public bool On => options.Value.LocalModeOn;

    public int Port => options.Value.LocalModePort;

    /// <summary>Whether the request arrived on local mode's listener (loopback to loopback, on its port).</summary>
    public bool IsLocalListener(HttpContext context)
    {
        var connection = context.Connection;
        return On && connection.LocalPort == Port
            && connection.LocalIpAddress is { } local && IsLoopback(local)
            && connection.RemoteIpAddress is { } remote && IsLoopback(remote);
    }

    /// <summary>What a caller without credentials should do, for the 401 (names the setting, so a ported front end knows).</summary>
    public string SignInHint => On
        ? $"Sign in first: send the site's cookie or an Authorization: Bearer token from POST /api/auth/login. A front end that sends no " +
          $"credentials acts as the local user only on local mode's own address, http://localhost:{Port} (ChatAi:Api:LocalModePort)."
        : "Sign in first: send the site's cookie or an Authorization: Bearer token from POST /api/auth/login. A front end written for " +
          "the original back end, which sends no credentials, needs single-user local mode: set ChatAi:Api:LocalUserEmail to the " +
          $"email of the user it should act as and call http://localhost:{Port} (ChatAi:Api:LocalModePort).";

    public async Task<AuthenticateResult> AuthenticateAsync(HttpContext context, string scheme)
    {
        if (!IsLocalListener(context)) return AuthenticateResult.NoResult();
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length > 0 && !cors.Value.Origins.Contains(origin, StringComparer.OrdinalIgnoreCase)
            && origin != $"{context.Request.Scheme}://{context.Request.Host}")
        {
            context.Items[RefusalKey] = "Local mode does not answer requests from this origin; add it to Cors:AllowedOrigins or sign in.";
            return AuthenticateResult.NoResult();
        }
        var services = context.RequestServices;
        var user = await FindOrCreateAsync(services.GetRequiredService<UserManager<ApplicationUser>>(), options.Value.LocalUserEmail!.Trim());
        var principal = await services.GetRequiredService<IUserClaimsPrincipalFactory<ApplicationUser>>().CreateAsync(user);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, scheme));
    }

    /// <summary>Why local mode refused this request, if it did (shown in the 401 so operators see the cause).</summary>
    public static string? RefusalOf(HttpContext context) => context.Items.TryGetValue(RefusalKey, out var reason) ? reason as string : null;

    public static bool IsLoopback(IPAddress address) =>
        IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

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
