namespace ChatAi.Core.Providers;

/// <summary>A provider as the catalog lists it: its models, and whether its key is set (else which variable to set).</summary>
public sealed record ModelProvider(
    string Id, string DisplayName, string ApiKeyVariable, IReadOnlyList<string> Models, string DefaultModel, bool IsConfigured);

/// <summary>
/// Which providers and models ChatAi offers, in a fixed order (OpenAI first). The clients that talk to
/// them are keyed <see cref="Microsoft.Extensions.AI.IChatClient"/>s registered under the same ids.
/// </summary>
public sealed partial class ModelCatalog
{
    public const string OpenAI = "openai";
    public const string Gemini = "gemini";

    public ModelCatalog(ProviderOptions options)
    {
        All =
        [
            Entry(OpenAI, "OpenAI", "OPENAI_API_KEY", options.OpenAI),
            Entry(Gemini, "Gemini", "GEMINI_API_KEY", options.Gemini),
        ];
    }

    /// <summary>In catalog order, configured or not (the UI shows the unconfigured ones with a hint).</summary>
    public IReadOnlyList<ModelProvider> All { get; }

    /// <summary>The first configured provider; OpenAI when none is, so the "set OPENAI_API_KEY" hint shows.</summary>
    public ModelProvider Default => All.FirstOrDefault(p => p.IsConfigured) ?? All[0];

    /// <summary>The provider with this id (case-insensitive), or null.</summary>
    public ModelProvider? Find(string? id) =>
        id is null ? null : All.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase));

    private static ModelProvider Entry(string id, string name, string keyVariable, ProviderEndpointOptions endpoint) =>
        new(id, name, keyVariable, endpoint.Models, endpoint.DefaultModel, endpoint.ApiKey is not null);
}
