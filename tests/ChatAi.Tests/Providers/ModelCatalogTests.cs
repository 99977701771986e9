using ChatAi.Core.Providers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace ChatAi.Tests.Providers;

public sealed class ModelCatalogTests
{
    [Fact]
    public void ListsOpenAiThenGeminiEachWithAKeyedChatClient()
    {
        using var services = Services();

        var catalog = services.GetRequiredService<ModelCatalog>();

        Assert.Equal(["openai", "gemini"], catalog.All.Select(p => p.Id));
        Assert.Same(catalog, services.GetRequiredService<ModelCatalog>());
        foreach (var provider in catalog.All)
        {
            var client = services.GetRequiredKeyedService<IChatClient>(provider.Id);
            Assert.Same(client, services.GetRequiredService<ModelClients>().For(provider.Id));
            // The shared middleware and telemetry wrap every provider's client.
            Assert.NotNull(client.GetService<ResilientChatClient>());
            Assert.NotNull(client.GetService<OpenTelemetryChatClient>());
        }
    }

    [Fact]
    public void DefaultIsTheFirstConfiguredProvider()
    {
        using var services = Services(("GEMINI_API_KEY", "AIza-test"));

        var catalog = services.GetRequiredService<ModelCatalog>();

        Assert.Equal("gemini", catalog.Default.Id);
        Assert.False(catalog.Find("openai")!.IsConfigured);
        Assert.True(catalog.Find("gemini")!.IsConfigured);
    }

    [Fact]
    public void DefaultIsOpenAiWhenNothingIsConfigured()
    {
        using var services = Services();

        var catalog = services.GetRequiredService<ModelCatalog>();

        Assert.Equal("openai", catalog.Default.Id);
        Assert.Equal("OPENAI_API_KEY", catalog.Default.ApiKeyVariable);
        Assert.All(catalog.All, p => Assert.False(p.IsConfigured));
    }

    [Fact]
    public async Task AProviderWithoutAKeyFailsAsNotConfiguredNamingTheVariable()
    {
        using var services = Services();

        var client = services.GetRequiredKeyedService<IChatClient>("gemini");

        var error = await Assert.ThrowsAsync<ModelProviderException>(() => client.GetResponseAsync("Hi"));
        Assert.Equal(ProviderErrorKind.NotConfigured, error.Kind);
        Assert.Contains("GEMINI_API_KEY", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FindsProvidersByIdIgnoringCase()
    {
        using var services = Services(("OPENAI_API_KEY", "sk-test"), ("GEMINI_API_KEY", "AIza-test"));

        var catalog = services.GetRequiredService<ModelCatalog>();

        Assert.Equal("openai", catalog.Default.Id);
        Assert.Equal("gemini", catalog.Find("Gemini")?.Id);
        Assert.Equal("OpenAI", catalog.Find("OPENAI")?.DisplayName);
        Assert.Null(catalog.Find("mistral"));
        Assert.Null(catalog.Find(null));
    }

    [Fact]
    public void ExposesModelListsFromConfiguration()
    {
        using var services = Services(("ChatAi:Providers:OpenAI:Models", "gpt-x,gpt-y"));

        var openAi = services.GetRequiredService<ModelCatalog>().Find("openai")!;

        Assert.Equal(["gpt-x", "gpt-y"], openAi.Models);
        Assert.Equal("gpt-x", openAi.DefaultModel);
    }

    private static ServiceProvider Services(params (string Key, string Value)[] values) =>
        new ServiceCollection()
            .AddModelProviders(ProviderOptionsTests.Configuration(values))
            .BuildServiceProvider();
}
