using ChatAi.Core.Configuration;
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
        services.AddSingleton<IConfigureOptions<BearerTokenOptions>, BearerTokenRevalidation>();
        return builder;
    }
}
