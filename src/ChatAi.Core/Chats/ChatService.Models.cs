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
}
