using ChatAi.Core.Configuration;
using ChatAi.Core.Data;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ChatAi.Web.Security;

internal static class SecurityServiceExtensions
{
    /// <summary>
    /// Sessions that end when the account changes, and the sign-in limits.
    /// Call after Identity is registered (the validator below replaces Identity's).
    /// </summary>
    public static IHostApplicationBuilder AddChatAiSecurity(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SecurityOptions>()
            .BindConfiguration(SecurityOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Cookies: re-checked against the user store every ChatAi:RevalidationSeconds (Identity's default is 30 minutes).
        services.AddOptions<SecurityStampValidatorOptions>()
            .Configure<IOptions<ChatAiOptions>>((options, chatAi) => options.ValidationInterval = TimeSpan.FromSeconds(chatAi.Value.RevalidationSeconds));
        services.AddScoped<ISecurityStampValidator, LockoutAwareSecurityStampValidator>();
        // Bearer tokens: the same check, cached per user for the same interval.
        services.AddMemoryCache();
        services.AddSingleton<AccountValidityCache>();
        services.AddSingleton<IConfigureOptions<BearerTokenOptions>, BearerTokenRevalidation>();
        // Refresh tokens: single use, rotated, a reused one revokes its family.
        services.AddHttpContextAccessor();
        services.AddSingleton<IPostConfigureOptions<BearerTokenOptions>, RefreshTokenRotation>();
        // Sign-in costs the same for unknown emails; wrong old passwords count toward lockout; account changes drop cached verdicts.
        services.AddScoped<UserManager<ApplicationUser>, ChatAiUserManager>();
        services.AddScoped<SignInManager<ApplicationUser>, ChatAiSignInManager>();
        services.AddExceptionHandler<BadRequestAnswers>();
        builder.AddChatAiTrustedProxies();
        return builder;
    }
}
