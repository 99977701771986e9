using Microsoft.OpenApi;

namespace ChatAi.Web.Api;

/// <summary>The OpenAPI document of the JSON APIs (<c>/openapi/v1.json</c>) and a Swagger UI page that renders it (<c>/api/docs</c>).</summary>
internal static class ApiDocs
{
    public const string DocumentPath = "/openapi/v1.json";
    private const string BearerScheme = "bearer", CookieScheme = "cookie";

    public static IServiceCollection AddChatAiOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            // Only the APIs: not the UI's account endpoints, health checks or scripts.
            options.ShouldInclude = description => ApiPaths.IsApi("/" + description.RelativePath);
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "ChatAi API";
                document.Info.Description = "The original endpoints (seed 000/003) and the current /api. Authenticate with the site's cookie " +
                    "or Authorization: Bearer <accessToken> from POST /api/auth/login.";
                // The original paths end in "/" as in Django (routing accepts both forms).
                foreach (var path in document.Paths.Keys.Where(p => ApiPaths.IsLegacy(p) && !p.EndsWith('/')).ToList())
                {
                    var item = document.Paths[path];
                    document.Paths.Remove(path);
                    document.Paths[path + "/"] = item;
                }
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
                {
                    [BearerScheme] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.Http,
                        Scheme = "bearer",
                        Description = "The accessToken from POST /api/auth/login (refresh it with POST /api/auth/refresh).",
                    },
                    [CookieScheme] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.ApiKey,
                        In = ParameterLocation.Cookie,
                        Name = ".AspNetCore.Identity.Application",
                        Description = "The site's sign-in cookie (the Blazor UI and same-origin scripts).",
                    },
                };
                return Task.CompletedTask;
            });
            // Either scheme is enough for an endpoint behind the API's authentication (two requirements are alternatives).
            options.AddOperationTransformer((operation, context, _) =>
            {
                if (ApiAuthenticationHandler.Guards(context.Description.ActionDescriptor.EndpointMetadata))
                    operation.Security =
                    [
                        new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] },
                        new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(CookieScheme, context.Document)] = [] },
                    ];
                return Task.CompletedTask;
            });
        });

    public static WebApplication UseChatAiApiDocs(this WebApplication app)
    {
        app.UseSwaggerUI(options =>
        {
            options.RoutePrefix = "api/docs";
            options.DocumentTitle = "ChatAi API";
            options.SwaggerEndpoint(DocumentPath, "ChatAi API v1");
        });
        return app;
    }

    public static WebApplication MapChatAiOpenApi(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous(); // /openapi/{documentName}.json
        return app;
    }
}
