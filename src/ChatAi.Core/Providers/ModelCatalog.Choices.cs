using ChatAi.Core.Chats;
using ChatAi.Core.Data;
using static ChatAi.Core.Chats.ChatRules;

namespace ChatAi.Core.Providers;

/// <summary>A provider as the model switcher and <c>GET /api/models</c> show it.</summary>
public sealed record ProviderInfo(string Id, string DisplayName, bool Configured, string ApiKeyVariable, IReadOnlyList<string> Models, string DefaultModel);

/// <summary>Which model a chat, a send or a preset gets: the choice made, checked against the catalog.</summary>
public sealed partial class ModelCatalog
{
    public IReadOnlyList<ProviderInfo> ListProviders() =>
        All.Select(p => new ProviderInfo(p.Id, p.DisplayName, p.IsConfigured, p.ApiKeyVariable, p.Models, p.DefaultModel)).ToList();

    /// <summary>The provider and model a chat will use for its next reply.</summary>
    public (string Provider, string Model) CurrentModel(ChatSummary? chat)
    {
        var provider = (chat?.Provider is { } id ? Find(id) : null) ?? Default;
        var model = chat?.Model is { } m && provider.Models.Contains(m) ? m : provider.DefaultModel;
        return (provider.Id, model);
    }

    /// <summary>A known provider and one of its models (the chat's, else the provider's default).</summary>
    internal (ModelProvider Provider, string Model) KnownModel(string? providerId, string? model, Chat? chat)
    {
        // A model without a provider belongs to the provider that lists it (the chat's first).
        providerId ??= model is null ? null
            : new[] { chat?.Provider, Default.Id }.Concat(All.Select(p => p.Id))
                .FirstOrDefault(id => id is not null && Find(id)?.Models.Contains(model, StringComparer.Ordinal) == true);
        providerId ??= chat?.Provider;
        var provider = providerId is null ? Default : Find(providerId)
            ?? throw new ChatException(ChatErrorKind.Validation,
                $"Unknown provider '{Clip(providerId)}'. Allowed providers: {string.Join(", ", All.Select(p => p.Id))}.");
        model ??= (string.Equals(chat?.Provider, provider.Id, StringComparison.OrdinalIgnoreCase) ? chat?.Model : null) ?? provider.DefaultModel;
        if (!provider.Models.Contains(model, StringComparer.Ordinal))
            throw new ChatException(ChatErrorKind.Validation,
                $"Unknown model '{Clip(model)}' for {provider.DisplayName}. Allowed models: {string.Join(", ", provider.Models)}.");
        return (provider, model);
    }

    internal static string NotConfiguredHint(ModelProvider provider) =>
        $"{provider.DisplayName} is not configured. Set the {provider.ApiKeyVariable} environment variable (or put it in .env) and restart ChatAi.";

    internal static (string, string) Known((ModelProvider Provider, string Model) choice) => (choice.Provider.Id, choice.Model);
}
