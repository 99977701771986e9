using System.Security.Claims;
using ChatAi.Core.Data;
using Microsoft.AspNetCore.Identity;

namespace ChatAi.Web.Security;

/// <summary>
/// Whether a signed-in principal still stands for a usable account: the user exists, is not locked out by an
/// administrator, and has the security stamp the principal was issued with (a password change, "sign out
/// everywhere" or a new email renews the stamp). One rule for the cookie, bearer tokens and open circuits.
/// </summary>
internal static class AccountValidity
{
    public static async Task<bool> IsStillValidAsync(UserManager<ApplicationUser> users, ClaimsPrincipal principal)
    {
        var user = await users.GetUserAsync(principal);
        return user is not null && await IsStillValidAsync(users, user, principal);
    }

    public static async Task<bool> IsStillValidAsync(UserManager<ApplicationUser> users, ApplicationUser user, ClaimsPrincipal principal)
    {
        if (!await IsUsableAsync(users, user)) return false;
        if (!users.SupportsUserSecurityStamp) return true;
        var stamp = principal.FindFirstValue(users.Options.ClaimsIdentity.SecurityStampClaimType);
        return stamp is not null && stamp == await users.GetSecurityStampAsync(user);
    }

    /// <summary>Whether the account may be used at all (not banned); the stamp is compared by the caller.</summary>
    public static async Task<bool> IsUsableAsync(UserManager<ApplicationUser> users, ApplicationUser user) => !await IsBannedAsync(users, user);

    /// <summary>
    /// Locked out for longer than failed passwords lock an account (<c>DefaultLockoutTimeSpan</c>): set by an
    /// administrator. The automatic lockout after wrong passwords only stops new sign-ins; if it ended open
    /// sessions too, anyone who knows an email could sign its owner out at will by guessing wrong five times.
    /// </summary>
    private static async Task<bool> IsBannedAsync(UserManager<ApplicationUser> users, ApplicationUser user) =>
        users.SupportsUserLockout && await users.GetLockoutEndDateAsync(user) is { } end
        && end - DateTimeOffset.UtcNow > users.Options.Lockout.DefaultLockoutTimeSpan;
}
