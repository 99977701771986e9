using ChatAi.Core.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using ChatAi.Web.Security;

namespace ChatAi.Web.Api;

/// <summary>The JSON APIs (original and current): registration, middleware and routes.</summary>
internal static class ApiServiceExtensions
{
    public const string CorsPolicy = "ChatAi.Api";

    public static IHostApplicationBuilder AddChatAiApi(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ApiOptions>()
            .BindConfiguration(ApiOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => !o.LocalModeOn || o.LocalUserEmail!.Contains('@'),
                "ChatAi:Api:LocalUserEmail must be an email address, or empty to turn single-user local mode off.")
            .ValidateOnStart();

        // Read now, because the CORS policy is built from it; a bad value stops the start with the key to fix.
        var cors = builder.Configuration.GetSection(ApiCorsOptions.SectionName).Get<ApiCorsOptions>() ?? new ApiCorsOptions();
        if (cors.Problem() is { } problem) throw new InvalidOperationException(problem);
        services.AddOptions<ApiCorsOptions>().BindConfiguration(ApiCorsOptions.SectionName);
        services.AddCors(options => options.AddPolicy(CorsPolicy, policy => policy
            .WithOrigins([.. cors.Origins])
            // What front ends written for the original send: django-cors-headers' default list, plus our X-Timezone.
            .WithHeaders("Accept", "Authorization", "Content-Type", "User-Agent", "X-CSRFToken", "X-Requested-With", "X-Timezone")
            .WithMethods("GET", "POST", "PATCH", "DELETE")
            .WithExposedHeaders("Location", "Retry-After")
            .AllowCredentials()
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));

        services.AddAuthentication()
            .AddBearerToken(IdentityConstants.BearerScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiAuthenticationHandler>(ApiAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(ApiAuthenticationHandler.PolicyName, policy => policy
            .AddAuthenticationSchemes(ApiAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser());
        services.AddSingleton<LocalMode>();
        services.AddHostedService<LocalModeListener>();
        services.AddRateLimiter(ApiRateLimits.Configure);
        services.AddJsonBodies();
        services.AddChatAiOpenApi();
        return builder;
    }

    /// <summary>API-only middleware; goes before authentication (CORS must answer preflights before any auth).</summary>
    public static WebApplication UseChatAiApi(this WebApplication app)
    {
        app.UseChatAiTrustedProxies(); // forwarded headers, from configured proxies only
        app.UseMiddleware<LocalListenerGuard>();
        app.UseMiddleware<ApiErrorMiddleware>();
        app.UseCors();
        app.UseChatAiApiDocs();
        return app;
    }

    public static WebApplication MapChatAiApi(this WebApplication app)
    {
        var auth = app.MapGroup("/api/auth").RequireCors(CorsPolicy).WithTags("Auth");
        auth.AddEndpointFilter(UniformAuthAnswers.InvokeAsync); // same answer for known and unknown emails
        auth.AddEndpointFilter(RefreshTokenRotation.FilterAsync); // refresh tokens are single-use
        auth.MapIdentityApi<ApplicationUser>();
        // Identity's /manage endpoints use the default (cookie) policy; let them accept bearer tokens and answer 401, too.
        ((IEndpointConventionBuilder)auth).Finally(endpoint =>
        {
            if (endpoint.Metadata.OfType<IAuthorizeData>().Any() && !endpoint.Metadata.OfType<IAllowAnonymous>().Any())
                endpoint.Metadata.Add(new AuthorizeAttribute { AuthenticationSchemes = ApiAuthenticationHandler.SchemeName });
            if (SignInRateLimit.IsApiRoute((endpoint as RouteEndpointBuilder)?.RoutePattern.RawText))
                endpoint.Metadata.Add(new EnableRateLimitingAttribute(SignInRateLimit.Policy));
        });

        app.MapLegacyApi();
        app.MapChatHistoryApi();
        app.MapModelsApi();
        app.MapChatsApi();
        app.MapPresetsApi();
        app.MapMessagesApi();
        app.MapSearchApi();
        app.MapChatAiOpenApi();
        return app;
    }

    /// <summary>What every API group needs: the API's authentication (401, never a redirect), its CORS policy and body size limit.</summary>
    public static RouteGroupBuilder ForApi(this RouteGroupBuilder group, bool legacy = false)
    {
        group.RequireAuthorization(ApiAuthenticationHandler.PolicyName).RequireCors(CorsPolicy).LimitJsonBodies();
        if (legacy) group.WithMetadata(LegacyErrorFormat.Instance);
        ((IEndpointConventionBuilder)group).Finally(ApiErrorDocs.Describe);
        return group;
    }
}
