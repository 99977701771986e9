using System.Text.Json.Serialization;
using ChatAi.Core.Chats;
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

    private static Ok<ModelsResponse> ListModels(ChatService chats) =>
        TypedResults.Ok(new ModelsResponse(chats.ListProviders().Select(ProviderDto.From).ToList(), chats.CurrentModel(null).Provider));
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

/// <summary>Which provider a request means when it names only a model.</summary>
internal static class ModelLookup
{
    /// <summary>The provider offering <paramref name="model"/>, preferring <paramref name="preferred"/>; null when none does (ChatService then says which models exist).</summary>
    public static string? ProviderOf(ChatService chats, string model, string? preferred)
    {
        var offering = chats.ListProviders().Where(p => p.Models.Contains(model, StringComparer.Ordinal)).ToList();
        return (offering.FirstOrDefault(p => string.Equals(p.Id, preferred, StringComparison.OrdinalIgnoreCase)) ?? offering.FirstOrDefault())?.Id;
    }

    /// <summary>
    /// Checks a provider/model pair for a new chat (CreateChatAsync stores what it is given); returns the
    /// pair to store, or the sentence explaining what is allowed.
    /// </summary>
    public static (string? Provider, string? Model, string? Error) ForNewChat(ChatService chats, string? provider, string? model)
    {
        if (provider is null && model is null) return (null, null, null);
        var providers = chats.ListProviders();
        provider ??= ProviderOf(chats, model!, chats.CurrentModel(null).Provider) ?? chats.CurrentModel(null).Provider;
        var info = providers.FirstOrDefault(p => string.Equals(p.Id, provider, StringComparison.OrdinalIgnoreCase));
        if (info is null)
            return (null, null, $"Unknown provider '{Clip(provider)}'. Allowed providers: {string.Join(", ", providers.Select(p => p.Id))}.");
        if (model is not null && !info.Models.Contains(model, StringComparer.Ordinal))
            return (null, null, $"Unknown model '{Clip(model)}' for {info.DisplayName}. Allowed models: {string.Join(", ", info.Models)}.");
        return (info.Id, model ?? info.DefaultModel, null);
    }

    private static string Clip(string value) => value.Length > 60 ? value[..60] + "…" : value;
}
