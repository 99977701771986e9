using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using ChatAi.Core.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatAi.Web.Security;

/// <summary>
/// Refresh tokens from <c>/api/auth/login</c> are single-use. Identity's own are data-protected tickets that
/// <c>/api/auth/refresh</c> accepts again and again until they expire, so a stolen one would work for two weeks
/// beside its owner. Here each refresh token carries a token id and a family id (one family per sign-in, kept
/// through every rotation). <c>/refresh</c> records the token id as used before Identity issues the next pair; a
/// token presented a second time means two parties hold the family, so the whole family is revoked and every
/// token of it, the newest included, is refused from then on (its owner signs in again).
/// <para>
/// No new table: the marks live in Identity's <c>AspNetUserTokens</c> (login provider <see cref="LoginProvider"/>):
/// <c>used:&lt;token id&gt;</c> and <c>revoked:&lt;family id&gt;</c>, each valued with the Unix time it can be
/// dropped (when no token it concerns can still be valid), and cleaned up at the user's next refresh.
/// </para>
/// </summary>
internal sealed class RefreshTokenRotation(IHttpContextAccessor http) : IPostConfigureOptions<BearerTokenOptions>
{
    public const string LoginProvider = "ChatAi.RefreshTokens";
    public const string FamilyClaim = "chatai:refresh_family";
    public const string TokenClaim = "chatai:refresh_id";
    private static readonly object FamilyKey = new();

    public void PostConfigure(string? name, BearerTokenOptions options)
    {
        if (name == IdentityConstants.BearerScheme) options.RefreshTokenProtector = new Protector(options.RefreshTokenProtector, http);
    }

    /// <summary>The endpoint filter on <c>/api/auth/refresh</c>: spends the presented token, or refuses it as reused.</summary>
    public static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (context.Arguments.OfType<RefreshRequest>().FirstOrDefault() is not { RefreshToken: { } token }) return await next(context);
        var httpContext = context.HttpContext;
        var services = httpContext.RequestServices;
        var options = services.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(IdentityConstants.BearerScheme);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var ticket = options.RefreshTokenProtector.Unprotect(token);
        // A forged or expired token: Identity answers 401 itself.
        if (ticket?.Properties.ExpiresUtc is not { } expires || expires <= now
            || ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId) return await next(context);

        // Tokens issued before rotation existed have no ids: each is its own family, identified by its hash.
        var family = ticket.Principal.FindFirstValue(FamilyClaim) ?? Hash(token);
        var tokenId = ticket.Principal.FindFirstValue(TokenClaim) ?? Hash(token);
        var store = new Store(services.GetRequiredService<IDbContextFactory<ChatAiDbContext>>());
        if (!await store.TrySpendAsync(userId, family, tokenId, expires, now, now + options.RefreshTokenExpiration, httpContext.RequestAborted))
        {
            services.GetRequiredService<ILoggerFactory>().CreateLogger<RefreshTokenRotation>()
                .LogWarning("A refresh token of user {UserId} was presented again; its whole family is revoked.", userId);
            return TypedResults.Problem("This refresh token was already used, or its sign-in was revoked; sign in again.",
                statusCode: StatusCodes.Status401Unauthorized);
        }
        httpContext.Items[FamilyKey] = family; // the next refresh token stays in the family
        return await next(context);
    }

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)))[..32];

    /// <summary>Adds a fresh token id, and the family id (new at sign-in, carried over on refresh), to each refresh token it protects.</summary>
    private sealed class Protector(ISecureDataFormat<AuthenticationTicket> inner, IHttpContextAccessor http) : ISecureDataFormat<AuthenticationTicket>
    {
        public string Protect(AuthenticationTicket data) => Protect(data, null);

        public string Protect(AuthenticationTicket data, string? purpose)
        {
            var family = http.HttpContext?.Items[FamilyKey] as string ?? Guid.NewGuid().ToString("N");
            var identity = new ClaimsIdentity(data.Principal.Claims.Where(c => c.Type is not (FamilyClaim or TokenClaim)),
                data.Principal.Identity?.AuthenticationType, data.Principal.Identities.First().NameClaimType, data.Principal.Identities.First().RoleClaimType);
            identity.AddClaim(new Claim(FamilyClaim, family));
            identity.AddClaim(new Claim(TokenClaim, Guid.NewGuid().ToString("N")));
            return inner.Protect(new AuthenticationTicket(new ClaimsPrincipal(identity), data.Properties, data.AuthenticationScheme), purpose);
        }

        public AuthenticationTicket? Unprotect(string? protectedText) => inner.Unprotect(protectedText);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose) => inner.Unprotect(protectedText, purpose);
    }

    private sealed class Store(IDbContextFactory<ChatAiDbContext> dbFactory)
    {
        /// <summary>Marks the token used; false (and the family revoked) when it was used before or the family is revoked.</summary>
        public async Task<bool> TrySpendAsync(string userId, string family, string tokenId, DateTimeOffset tokenExpires,
            DateTimeOffset now, DateTimeOffset familyExpires, CancellationToken ct)
        {
            var used = "used:" + tokenId;
            var revoked = "revoked:" + family;
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var marks = db.Set<IdentityUserToken<string>>();
            var expired = Stamp(now);
            await marks.Where(t => t.UserId == userId && t.LoginProvider == LoginProvider && string.Compare(t.Value, expired) < 0).ExecuteDeleteAsync(ct);
            if (await marks.AnyAsync(t => t.UserId == userId && t.LoginProvider == LoginProvider && (t.Name == used || t.Name == revoked), ct))
            {
                await RevokeAsync(userId, revoked, familyExpires, ct);
                return false;
            }
            marks.Add(new IdentityUserToken<string> { UserId = userId, LoginProvider = LoginProvider, Name = used, Value = Stamp(tokenExpires) });
            try
            {
                await db.SaveChangesAsync(ct);
                return true;
            }
            catch (DbUpdateException)
            {
                // The same token spent by a concurrent request a moment ago (or the user is gone).
                await RevokeAsync(userId, revoked, familyExpires, ct);
                return false;
            }
        }

        private async Task RevokeAsync(string userId, string revoked, DateTimeOffset until, CancellationToken ct)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var marks = db.Set<IdentityUserToken<string>>();
            if (await marks.AnyAsync(t => t.UserId == userId && t.LoginProvider == LoginProvider && t.Name == revoked, ct)) return;
            marks.Add(new IdentityUserToken<string> { UserId = userId, LoginProvider = LoginProvider, Name = revoked, Value = Stamp(until) });
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException) { } // revoked concurrently, or the user is gone: either way nothing is left to refuse
        }

        /// <summary>Fixed-width Unix seconds, so that comparing the text compares the times.</summary>
        private static string Stamp(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString("D12", System.Globalization.CultureInfo.InvariantCulture);
    }
}
