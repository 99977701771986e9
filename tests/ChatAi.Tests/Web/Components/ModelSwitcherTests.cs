using Bunit;
using ChatAi.Core.Chats;
using ChatAi.Web.Components.Chat;

namespace ChatAi.Tests.Web.Components;

/// <summary>The model switcher: models grouped by provider; a provider without a key is shown disabled with the variable to set.</summary>
public sealed class ModelSwitcherTests() : ComponentTestContext(new Dictionary<string, string?>
{
    ["OPENAI_API_KEY"] = "sk-test",
    ["GEMINI_API_KEY"] = "",
    ["GOOGLE_API_KEY"] = "",
})
{
    [Fact]
    public async Task ModelsAreGroupedByProviderAndAnUnconfiguredProviderIsDisabledWithItsVariable()
    {
        var (popovers, _) = RenderProviders();
        var cut = Render<ModelSwitcher>(p => p.Add(m => m.Value, "openai:gpt-4o-mini"));
        var button = cut.Find(".model-switcher-button");
        Assert.Equal("openai:gpt-4o-mini", button.GetAttribute("data-value"));
        Assert.Equal("Model: gpt-4o-mini. Change model", button.GetAttribute("aria-label"));

        await cut.InvokeAsync(() => button.Click());
        var providers = Models.ListProviders();
        var gemini = providers.Single(p => p.Id == "gemini");
        Assert.False(gemini.Configured);
        popovers.WaitForAssertion(() => Assert.NotEmpty(popovers.FindAll(".model-option")));

        var groups = popovers.FindAll(".model-group");
        Assert.Equal(providers.Select(p => p.DisplayName), groups.Select(g => g.TextContent.Trim().Split("set")[0].Trim()));
        Assert.Contains(gemini.ApiKeyVariable, groups.Single(g => g.TextContent.Contains(gemini.DisplayName)).TextContent);
        foreach (var model in gemini.Models)
            Assert.Contains("mud-disabled", popovers.Find($".model-option[data-value=\"gemini:{model}\"]").ClassName);
        Assert.DoesNotContain("mud-disabled", popovers.Find(".model-option[data-value=\"openai:gpt-4o\"]").ClassName);
        Assert.Contains("selected", popovers.Find(".model-option[data-value=\"openai:gpt-4o-mini\"]").ClassName);
    }

    [Fact]
    public async Task ChoosingAModelReportsItAndShowsIt()
    {
        var (popovers, _) = RenderProviders();
        ModelChoice? chosen = null;
        var cut = Render<ModelSwitcher>(p => p
            .Add(m => m.Value, "openai:gpt-4o-mini")
            .Add(m => m.ValueChanged, (ModelChoice c) => chosen = c));
        await cut.InvokeAsync(() => cut.Find(".model-switcher-button").Click());
        popovers.WaitForAssertion(() => Assert.NotEmpty(popovers.FindAll(".model-option")));
        await cut.InvokeAsync(() => popovers.Find(".model-option[data-value=\"openai:gpt-4o\"]").Click());
        Assert.Equal(new ModelChoice("openai", "gpt-4o"), chosen);
        cut.WaitForAssertion(() => Assert.Equal("openai:gpt-4o", cut.Find(".model-switcher-button").GetAttribute("data-value")));
    }
}
