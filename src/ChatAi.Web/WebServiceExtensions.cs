using ChatAi.Core.Data;
using ChatAi.Web.Components.Account;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using ChatAi.Web.Components;
using ChatAi.Web.Security;
using MudBlazor.Services;

namespace ChatAi.Web;

internal static class WebServiceExtensions
{
    /// <summary>ChatAi.Web's services: Blazor (and its limits), Identity, cookies, data protection, UI helpers.</summary>
    public static IHostApplicationBuilder AddChatAiWeb(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents().AddChatAiLimits(builder.Environment.IsDevelopment());
        services.AddMudServices();
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.AddAuthorization();

        var requireConfirmed = builder.Configuration.GetValue("ChatAi:RequireConfirmedEmail", false);
        services.AddIdentityCore<ApplicationUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = requireConfirmed;
                options.User.RequireUniqueEmail = true;
                options.Stores.SchemaVersion = ChatAiDbContext.IdentitySchemaVersion;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddEntityFrameworkStores<ChatAiDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddApiEndpoints(); // /api/auth (Api/ApiServiceExtensions.cs adds the bearer scheme)
        services.AddSingleton<IEmailSender<ApplicationUser>, IdentityNoOpEmailSender>();
        builder.AddChatAiSecurity(); // revalidation of cookies and bearer tokens, sign-in rate limit settings

        builder.AddChatAiDataProtection(); // key ring in the database, encrypted when a certificate is configured
        services.AddScoped<CurrentUser>();
        services.AddScoped<ChatAi.Web.Components.Chat.ChatListLoader>(); // the sidebar's list reads (a seam for its reload test)
        services.AddHealthChecks();
        return builder;
    }
}
