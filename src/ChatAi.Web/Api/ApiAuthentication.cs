using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ChatAi.Web.Security;

namespace ChatAi.Web.Api;

/// <summary>
/// The API's one authentication scheme: a bearer token from <c>/api/auth/login</c> if the request
/// carries one, else the site's cookie, else (when enabled) single-user local mode. Its challenge is a
/// 401 JSON body — never the UI's redirect to the login page.
/// </summary>
internal sealed class ApiAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, LocalMode localMode)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ChatAi.Api";
    public const string PolicyName = "ChatAi.Api";

    /// <summary>Whether an endpoint with this metadata sits behind the API's authentication (its policy, or this scheme by name).</summary>
    public static bool Guards(IEnumerable<object> endpointMetadata) =>
        endpointMetadata.OfType<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Any(a => a.Policy == PolicyName || a.AuthenticationSchemes == SchemeName);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerTokens.HasToken(Request)) return await Context.AuthenticateAsync(IdentityConstants.BearerScheme);
        // Any other Authorization header is someone's credential we do not understand: never fall back to the cookie or local mode.
        if (Request.Headers.Authorization.Count > 0)
        {
            Context.Items[UnknownSchemeKey] = true;
            return AuthenticateResult.Fail("Unknown Authorization scheme.");
        }
        var cookie = await Context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (cookie.Succeeded) return cookie;
        return await localMode.AuthenticateAsync(Context, Scheme.Name);
    }

    private static readonly object UnknownSchemeKey = new();

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        var message = LocalMode.RefusalOf(Context)
            ?? (Context.Items.ContainsKey(UnknownSchemeKey)
                ? "The Authorization header's scheme is not accepted: send Authorization: Bearer <token> (or Token <token>) from POST /api/auth/login."
                : localMode.SignInHint);
        return ApiErrors.WriteAsync(Context, StatusCodes.Status401Unauthorized, message);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiErrors.WriteAsync(Context, StatusCodes.Status403Forbidden, "You are not allowed to do this.");
}

internal static class ApiUser
{
    /// <summary>The acting user's id; endpoints behind the API policy always have one.</summary>
    public static string Id(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("The API policy let through a user without an id.");
}
