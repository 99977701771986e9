using System.Security.Claims;
using ChatAi.Core.Configuration;
using ChatAi.Core.Data;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ChatAi.Web.Security;

/// <summary>
/// Bearer tokens from <c>/api/auth/login</c> are self-contained: the framework's handler only checks their
/// signature and expiry (an hour), never the user. So a token would outlive a password change, a deleted
/// account or a lockout. This hooks the handler's one event and refuses such tokens. The user's current stamp is
/// cached for <c>ChatAi:RevalidationSeconds</c> (at most one lookup per user and interval) and dropped the moment
/// the account changes on this instance (<see cref="ChatAiUserManager"/>), so every token issued before the
/// change, used before or not, is refused at once here. It also reads the token from <c>Authorization: Token …</c>,
/// the scheme Django REST Framework clients send (<see cref="BearerTokens"/>).
/// </summary>
internal sealed class BearerTokenRevalidation(
    AccountValidityCache cache, IServiceScopeFactory scopes, IOptions<ChatAiOptions> chatAi, IOptions<IdentityOptions> identity)
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
            context.Token ??= BearerTokens.Of(context.Request);
            // The handler itself rejects a missing, forged or expired token; only real tickets are checked here.
            if (context.Token is not { } token || context.Options.BearerTokenProtector.Unprotect(token)?.Principal is not { } principal) return;
            if (!await IsStillValidAsync(principal))
                context.Fail("The account was deleted, locked out or changed its password since this token was issued; sign in again.");
        };
    }

    public void Configure(BearerTokenOptions options) => Configure(Options.DefaultName, options);

    private async Task<bool> IsStillValidAsync(ClaimsPrincipal principal)
    {
        if (principal.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId) return false;
        if (!cache.TryGet(userId, out var stamp))
        {
            await using var scope = scopes.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = await users.FindByIdAsync(userId);
            stamp = user is not null && await AccountValidity.IsUsableAsync(users, user) ? await users.GetSecurityStampAsync(user) ?? "" : null;
            cache.Set(userId, stamp, TimeSpan.FromSeconds(chatAi.Value.RevalidationSeconds));
        }
        return stamp is not null && stamp == (principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType) ?? "");
    }
}

/// <summary>Where an access token travels: <c>Authorization: Bearer …</c>, or <c>Authorization: Token …</c> (Django REST Framework's word).</summary>
internal static class BearerTokens
{
    private static readonly string[] Schemes = ["Bearer ", "Token "];

    public static bool HasToken(HttpRequest request) => Of(request) is not null;

    public static string? Of(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        foreach (var scheme in Schemes)
            if (header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return header[scheme.Length..].Trim();
        return null;
    }
}
