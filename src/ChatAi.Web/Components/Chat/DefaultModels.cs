using ChatAi.Core.Providers;

namespace ChatAi.Web.Components.Chat;

/// <summary>The reader's default model for new chats (kept in the browser), checked against what the server offers.</summary>
internal static class DefaultModels
{
    /// <summary>"provider:model" when that provider is configured and offers that model; else null.</summary>
    public static string? Valid(ModelCatalog models, string? value)
    {
        if (value?.Split(':', 2) is not [var provider, var model]) return null;
        return models.ListProviders().Any(p => p.Id == provider && p.Configured && p.Models.Contains(model)) ? value : null;
    }
}
