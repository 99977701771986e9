using ChatAi.Core.Data;
using ChatAi.Core.Providers;

namespace ChatAi.Core.Chats;

/// <summary>A provider as the model switcher and <c>GET /api/models</c> show it.</summary>
public sealed record ProviderInfo(string Id, string DisplayName, bool Configured, string ApiKeyVariable, IReadOnlyList<string> Models, string DefaultModel);

public sealed partial class ChatService
{
    public IReadOnlyList<ProviderInfo> ListProviders() =>
        providers.All.Select(p => new ProviderInfo(p.Id, p.DisplayName, p.IsConfigured, p.ApiKeyVariable, p.Models, p.DefaultModel)).ToList();

    /// <summary>The provider and model a chat will use for its next reply.</summary>
    public (string Provider, string Model) CurrentModel(ChatSummary? chat)
    {
        var provider = (chat?.Provider is { } id ? providers.Find(id) : null) ?? providers.Default;
        var model = chat?.Model is { } m && provider.Models.Contains(m) ? m : provider.DefaultModel;
        return (provider.Id, model);
    }

    public Task WaitForTitleAsync(Guid chatId, TimeSpan max) => titles.WaitAsync(chatId, max);

    /// <summary>A known provider and one of its models (the chat's, else the provider's default).</summary>
    private (ModelProvider Provider, string Model) KnownModel(string? providerId, string? model, Chat? chat)
    {
        // A model without a provider belongs to the provider that lists it (the chat's first).
        providerId ??= model is null ? null
            : new[] { chat?.Provider, providers.Default.Id }.Concat(providers.All.Select(p => p.Id))
                .FirstOrDefault(id => id is not null && providers.Find(id)?.Models.Contains(model, StringComparer.Ordinal) == true);
        providerId ??= chat?.Provider;
        var provider = providerId is null ? providers.Default : providers.Find(providerId)
            ?? throw new ChatException(ChatErrorKind.Validation,
                $"Unknown provider '{Clip(providerId)}'. Allowed providers: {string.Join(", ", providers.All.Select(p => p.Id))}.");
        model ??= (string.Equals(chat?.Provider, provider.Id, StringComparison.OrdinalIgnoreCase) ? chat?.Model : null) ?? provider.DefaultModel;
        if (!provider.Models.Contains(model, StringComparer.Ordinal))
            throw new ChatException(ChatErrorKind.Validation,
                $"Unknown model '{Clip(model)}' for {provider.DisplayName}. Allowed models: {string.Join(", ", provider.Models)}.");
        return (provider, model);
    }

    private static string NotConfiguredHint(ModelProvider provider) =>
        $"{provider.DisplayName} is not configured. Set the {provider.ApiKeyVariable} environment variable (or put it in .env) and restart ChatAi.";

    private static string Clip(string value) => value.Length > 60 ? value[..60] + "…" : value;

}
