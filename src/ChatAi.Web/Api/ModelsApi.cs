using System.Text.Json.Serialization;
using ChatAi.Core.Chats;
using ChatAi.Core.Providers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatAi.Web.Api;

/// <summary><c>GET /api/models</c>: the providers, their models, and whether each is configured.</summary>
internal static class ModelsApi
{
    public static IEndpointRouteBuilder MapModelsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/models").ForApi().WithTags("Models");
        api.MapGet("/", ListModels);
        return app;
    }

    private static Ok<ModelsResponse> ListModels(ModelCatalog models) =>
        TypedResults.Ok(new ModelsResponse(models.ListProviders().Select(ProviderDto.From).ToList(), models.CurrentModel(null).Provider));
}

public sealed record ModelsResponse(
    IReadOnlyList<ProviderDto> Providers,
    [property: JsonPropertyName("default_provider")] string DefaultProvider);

public sealed record ProviderDto(
    string Id,
    string Name,
    bool Configured,
    [property: JsonPropertyName("api_key_variable")] string ApiKeyVariable,
    [property: JsonPropertyName("default_model")] string DefaultModel,
    IReadOnlyList<string> Models)
{
    public static ProviderDto From(ProviderInfo p) => new(p.Id, p.DisplayName, p.Configured, p.ApiKeyVariable, p.DefaultModel, p.Models);
}
