using ChatAi.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatAi.Web.Security;

/// <summary>
/// Identity's user manager with two rules added. A wrong current password when changing the password (the
/// Change password page and <c>POST /api/auth/manage/info</c>) counts toward lockout like a wrong sign-in, and a
/// locked-out account cannot change it, so those forms are no side door for guessing. And every change to an
/// account (new stamp, lockout, deletion) makes bearer tokens be checked again at once on this instance.
/// </summary>
internal sealed class ChatAiUserManager(
    IUserStore<ApplicationUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<ApplicationUser> passwordHasher,
    IEnumerable<IUserValidator<ApplicationUser>> userValidators,
    IEnumerable<IPasswordValidator<ApplicationUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<ApplicationUser>> logger,
    AccountValidityCache validity,
    IDbContextFactory<ChatAiDbContext> dbFactory)
    : UserManager<ApplicationUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public static readonly IdentityError LockedOut = new()
    {
        Code = "LockedOut",
        Description = "Too many wrong passwords: this account is locked for a few minutes. Try again later.",
    };

    public override async Task<IdentityResult> ChangePasswordAsync(ApplicationUser user, string currentPassword, string newPassword)
    {
        if (SupportsUserLockout && await IsLockedOutAsync(user))
        {
            DummyPassword.Verify(PasswordHasher, currentPassword);
            return IdentityResult.Failed(LockedOut);
        }
        var result = await base.ChangePasswordAsync(user, currentPassword, newPassword);
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch))) await CountFailureAsync(user);
        else if (result.Succeeded && SupportsUserLockout) await ResetAccessFailedCountAsync(user);
        return result;
    }

    /// <summary>Checks the password for a sensitive action (deleting the account), counting a wrong one toward lockout.</summary>
    public async Task<bool> CheckPasswordCountingFailuresAsync(ApplicationUser user, string password)
    {
        if (SupportsUserLockout && await IsLockedOutAsync(user))
        {
            DummyPassword.Verify(PasswordHasher, password);
            return false;
        }
        if (await CheckPasswordAsync(user, password))
        {
            if (SupportsUserLockout) await ResetAccessFailedCountAsync(user);
            return true;
        }
        await CountFailureAsync(user);
        return false;
    }

    /// <summary>
    /// Identity's count of a wrong password, as one atomic UPDATE instead of read, validate (two more queries),
    /// write: parallel guesses can no longer lose counts to the concurrency check, and the cost is one statement,
    /// which <see cref="CountFailureForNobodyAsync"/> can match for unknown emails (the timing must not tell).
    /// </summary>
    public override async Task<IdentityResult> AccessFailedAsync(ApplicationUser user)
    {
        var locks = await CountFailureAsync(user.Id);
        // This request decides "locked out" from the user it holds: mirror what the statement did.
        if (user.AccessFailedCount + 1 >= Options.Lockout.MaxFailedAccessAttempts)
        {
            user.LockoutEnd = locks;
            user.AccessFailedCount = 0;
        }
        else user.AccessFailedCount++;
        validity.Forget(user.Id);
        return IdentityResult.Success;
    }

    /// <summary>The same statement for no account at all, so a wrong sign-in costs the same whether the email exists or not.</summary>
    public Task CountFailureForNobodyAsync() => CountFailureAsync(NoUser);

    private const string NoUser = "(no such user)"; // user ids are GUIDs: never this

    private async Task<DateTimeOffset> CountFailureAsync(string userId)
    {
        var max = Options.Lockout.MaxFailedAccessAttempts;
        var end = DateTimeOffset.UtcNow.Add(Options.Lockout.DefaultLockoutTimeSpan);
        var stamp = Guid.NewGuid().ToString();
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s
            .SetProperty(u => u.LockoutEnd, u => u.AccessFailedCount + 1 >= max ? end : u.LockoutEnd)
            .SetProperty(u => u.AccessFailedCount, u => u.AccessFailedCount + 1 >= max ? 0 : u.AccessFailedCount + 1)
            .SetProperty(u => u.ConcurrencyStamp, stamp));
        return end;
    }

    private async Task CountFailureAsync(ApplicationUser user)
    {
        if (SupportsUserLockout && await GetLockoutEnabledAsync(user)) await AccessFailedAsync(user);
    }

    protected override async Task<IdentityResult> UpdateUserAsync(ApplicationUser user)
    {
        var result = await base.UpdateUserAsync(user);
        validity.Forget(user.Id);
        return result;
    }

    public override async Task<IdentityResult> DeleteAsync(ApplicationUser user)
    {
        var result = await base.DeleteAsync(user);
        validity.Forget(user.Id);
        return result;
    }
}

internal static class PasswordChecks
{
    /// <summary><see cref="ChatAiUserManager.CheckPasswordCountingFailuresAsync"/> through the injected base type.</summary>
    public static Task<bool> CheckPasswordCountingFailuresAsync(this UserManager<ApplicationUser> users, ApplicationUser user, string password) =>
        users is ChatAiUserManager ours ? ours.CheckPasswordCountingFailuresAsync(user, password) : users.CheckPasswordAsync(user, password);
}
