using System.Security.Claims;
using ChatAi.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ChatAi.Web.Security;

/// <summary>
/// The cookie's periodic check (every <c>ChatAi:RevalidationSeconds</c>). Identity's own validator only
/// compares the security stamp, and locking a user out does not change it, so a locked-out user would
/// keep their cookie; this one refuses them too.
/// </summary>
internal sealed class LockoutAwareSecurityStampValidator(
    IOptions<SecurityStampValidatorOptions> options, SignInManager<ApplicationUser> signInManager, ILoggerFactory logger)
    : SecurityStampValidator<ApplicationUser>(options, signInManager, logger)
{
    protected override async Task<ApplicationUser?> VerifySecurityStamp(ClaimsPrincipal? principal)
    {
        var user = await base.VerifySecurityStamp(principal);
        if (user is null || principal is null) return null;
        return await AccountValidity.IsStillValidAsync(SignInManager.UserManager, user, principal) ? user : null;
    }
}
