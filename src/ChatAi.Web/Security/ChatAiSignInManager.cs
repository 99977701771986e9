using ChatAi.Core.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ChatAi.Web.Security;

/// <summary>
/// Identity's sign-in, made to cost the same whether or not the email has an account. Identity answers an
/// unknown email (and a locked-out or unconfirmed account) before hashing anything, so the answer's timing told
/// apart existing accounts (190–590 ms against 3–37 ms). Those paths now verify the password against a fixed
/// dummy hash, as a real check would, and an unknown email runs the same one-statement failure count
/// (<see cref="ChatAiUserManager.AccessFailedAsync"/>) against no row. Serves the login page and <c>/api/auth/login</c>.
/// </summary>
internal sealed class ChatAiSignInManager(
    UserManager<ApplicationUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation)
    : SignInManager<ApplicationUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is not null) return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
        // What a wrong password for a real account costs: a hash, and the statement that counts the failure.
        DummyPassword.Verify(UserManager.PasswordHasher, password);
        if (lockoutOnFailure && UserManager is ChatAiUserManager users) await users.CountFailureForNobodyAsync();
        return SignInResult.Failed;
    }

    public override async Task<SignInResult> CheckPasswordSignInAsync(ApplicationUser user, string password, bool lockoutOnFailure)
    {
        // Refused before the password is looked at (locked out, not confirmed): spend the same hashing time.
        if (await PreSignInCheck(user) is { } refusal)
        {
            DummyPassword.Verify(UserManager.PasswordHasher, password);
            return refusal;
        }
        return await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
    }
}

/// <summary>A hash of a random password, made once with the app's hasher, to verify against when there is no real one.</summary>
internal static class DummyPassword
{
    private static string? _hash;

    public static void Verify(IPasswordHasher<ApplicationUser> hasher, string? password)
    {
        var hash = _hash ??= hasher.HashPassword(new ApplicationUser(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
        hasher.VerifyHashedPassword(new ApplicationUser(), hash, password ?? "");
    }
}
