using System.Security.Claims;
using ChatAi.Core.Configuration;
using ChatAi.Core.Data;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace ChatAi.Web.Security;

/// <summary>
/// Bearer tokens from <c>/api/auth/login</c> are self-contained: the framework's handler only checks their
/// signature and expiry (an hour), never the user. So a token would outlive a password change, a deleted
/// account or a lockout. This hooks the handler's one event and refuses such tokens; the verdict per user
/// and security stamp is cached for <c>ChatAi:RevalidationSeconds</c>, so there is at most one lookup per
/// user and interval rather than one per request.
/// </summary>
internal sealed class BearerTokenRevalidation(
    IMemoryCache cache, IServiceScopeFactory scopes, IOptions<ChatAiOptions> chatAi, IOptions<IdentityOptions> identity)
    : IConfigureNamedOptions<BearerTokenOptions>
{
    public void Configure(string? name, BearerTokenOptions options)
    {
        if (name != IdentityConstants.BearerScheme) return;
        var previous = options.Events.OnMessageReceived;
        options.Events.OnMessageReceived = async context =>
        {
            await previous(context);
            if (context.Result is not null) return;
            var token = context.Token ?? TokenOf(context.Request);
            // The handler itself rejects a missing, forged or expired token; only real tickets are checked here.
            if (token is null || context.Options.BearerTokenProtector.Unprotect(token)?.Principal is not { } principal) return;
            if (!await IsStillValidAsync(principal))
                context.Fail("The account was deleted, locked out or changed its password since this token was issued; sign in again.");
        };
    }

    public void Configure(BearerTokenOptions options) => Configure(Options.DefaultName, options);

    private async Task<bool> IsStillValidAsync(ClaimsPrincipal principal)
    {
        var key = (nameof(BearerTokenRevalidation),
            principal.FindFirstValue(ClaimTypes.NameIdentifier), principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType));
        if (cache.TryGetValue(key, out bool valid)) return valid;
        await using var scope = scopes.CreateAsyncScope();
        valid = await AccountValidity.IsStillValidAsync(scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>(), principal);
        cache.Set(key, valid, TimeSpan.FromSeconds(chatAi.Value.RevalidationSeconds));
        return valid;
    }

    private static string? TokenOf(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }
}
