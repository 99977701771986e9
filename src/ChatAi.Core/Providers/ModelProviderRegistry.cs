namespace ChatAi.Core.Providers;

/// <summary>All model providers, looked up by their stable id (<c>openai</c>, <c>gemini</c>).</summary>
public sealed class ModelProviderRegistry
{
    private readonly IReadOnlyList<IModelProvider> _providers;

    public ModelProviderRegistry(IEnumerable<IModelProvider> providers)
    {
        _providers = providers.ToList();
        if (_providers.Count == 0) throw new InvalidOperationException("No model provider is registered.");
        var duplicate = _providers.GroupBy(p => p.Id, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidOperationException($"Two model providers use the id '{duplicate.Key}'.");
    }

    /// <summary>In registration order, configured or not (the UI shows the unconfigured ones with a hint).</summary>
    public IReadOnlyList<IModelProvider> All => _providers;

    public IEnumerable<IModelProvider> Configured => _providers.Where(p => p.IsConfigured);

    /// <summary>The first configured provider; OpenAI when none is, so the "set OPENAI_API_KEY" hint shows.</summary>
    public IModelProvider Default =>
        _providers.FirstOrDefault(p => p.IsConfigured)
        ?? Find("openai")
        ?? _providers[0];

    /// <summary>The provider with this id (case-insensitive), or null.</summary>
    public IModelProvider? Find(string? id) =>
        id is null ? null : _providers.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase));

    public bool TryGet(string? id, out IModelProvider provider)
    {
        provider = Find(id)!;
        return provider is not null;
    }
}
