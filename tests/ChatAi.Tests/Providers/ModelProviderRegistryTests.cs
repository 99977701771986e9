using ChatAi.Core.Providers;
using Microsoft.Extensions.DependencyInjection;

namespace ChatAi.Tests.Providers;

public sealed class ModelProviderRegistryTests
{
    [Fact]
    public void RegistersOpenAiThenGeminiAsSingletons()
    {
        using var services = Services();

        var registry = services.GetRequiredService<ModelProviderRegistry>();

        Assert.Equal(["openai", "gemini"], registry.All.Select(p => p.Id));
        Assert.Same(registry.All[0], services.GetServices<IModelProvider>().First());
        Assert.Same(registry, services.GetRequiredService<ModelProviderRegistry>());
    }

    [Fact]
    public void DefaultIsTheFirstConfiguredProvider()
    {
        using var services = Services(("GEMINI_API_KEY", "AIza-test"));

        var registry = services.GetRequiredService<ModelProviderRegistry>();

        Assert.Equal("gemini", registry.Default.Id);
        Assert.Equal(["gemini"], registry.Configured.Select(p => p.Id));
        Assert.False(registry.Find("openai")!.IsConfigured);
    }

    [Fact]
    public void DefaultIsOpenAiWhenNothingIsConfigured()
    {
        using var services = Services();

        var registry = services.GetRequiredService<ModelProviderRegistry>();

        Assert.Equal("openai", registry.Default.Id);
        Assert.Equal("OPENAI_API_KEY", registry.Default.ApiKeyVariable);
        Assert.Empty(registry.Configured);
    }

    [Fact]
    public void FindsProvidersByIdIgnoringCase()
    {
        using var services = Services(("OPENAI_API_KEY", "sk-test"), ("GEMINI_API_KEY", "AIza-test"));

        var registry = services.GetRequiredService<ModelProviderRegistry>();

        Assert.Equal("openai", registry.Default.Id);
        Assert.Equal("gemini", registry.Find("Gemini")?.Id);
        Assert.True(registry.TryGet("OPENAI", out var openAi));
        Assert.Equal("OpenAI", openAi.DisplayName);
        Assert.Null(registry.Find("mistral"));
        Assert.False(registry.TryGet(null, out _));
    }

    [Fact]
    public void ExposesModelListsFromConfiguration()
    {
        using var services = Services(("ChatAi:Providers:OpenAI:Models", "gpt-x,gpt-y"));

        var openAi = services.GetRequiredService<ModelProviderRegistry>().Find("openai")!;

        Assert.Equal(["gpt-x", "gpt-y"], openAi.Models);
        Assert.Equal("gpt-x", openAi.DefaultModel);
    }

    private static ServiceProvider Services(params (string Key, string Value)[] values) =>
        new ServiceCollection()
            .AddModelProviders(ProviderOptionsTests.Configuration(values))
            .BuildServiceProvider();
}
