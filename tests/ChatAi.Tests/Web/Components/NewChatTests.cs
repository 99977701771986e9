using Bunit;
using ChatAi.Web.Components.Chat;
using ChatAi.Web.Components.Pages;
using Microsoft.AspNetCore.Components.Sections;

namespace ChatAi.Tests.Web.Components;

/// <summary>The new-chat page's default model, and the "load earlier messages" control of long chats.</summary>
public sealed class NewChatTests() : ComponentTestContext(new Dictionary<string, string?> { ["OPENAI_API_KEY"] = "sk-test", ["GEMINI_API_KEY"] = "" })
{
    [Fact]
    public void ANewChatStartsWithTheDefaultModelChosenInSettings()
    {
        JSInterop.Setup<string?>("chatAiTheme.defaultModel").SetResult("openai:gpt-4o");
        var header = HeaderTools();
        var cut = Render<Home>();
        header.WaitForAssertion(() => Assert.Equal("openai:gpt-4o", header.Find(".model-switcher-button").GetAttribute("data-value")));
        Assert.Equal("What can I help with?", cut.Find("h1").TextContent);
    }

    [Theory]
    [InlineData("gemini:gemini-2.5-pro")] // not configured here
    [InlineData("openai:gpt-9")]          // not offered
    [InlineData("nonsense")]
    public void AStaleOrUnusableDefaultModelIsIgnored(string saved)
    {
        JSInterop.Setup<string?>("chatAiTheme.defaultModel").SetResult(saved);
        Assert.Null(DefaultModels.Valid(Models, saved));
        var header = HeaderTools();
        var cut = Render<Home>();
        var (provider, model) = Models.CurrentModel(null);
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("textarea.composer-input")));
        header.WaitForAssertion(() => Assert.Equal($"{provider}:{model}", header.Find(".model-switcher-button").GetAttribute("data-value")));
    }

    // The page puts its model switcher into the layout's header: render that outlet as the layout would.
    private IRenderedComponent<SectionOutlet> HeaderTools() => Render<SectionOutlet>(p => p.Add(o => o.SectionName, "header-tools"));

    [Fact]
    public async Task LoadEarlierCallsBackOnceAtATime()
    {
        var release = new TaskCompletionSource<bool>();
        var calls = 0;
        var cut = Render<EarlierMessages>(p => p.Add(e => e.OnLoad, () => { calls++; return release.Task; }));
        Assert.Equal("Load earlier messages", cut.Find("button").TextContent.Trim());
        var first = cut.InvokeAsync(cut.Instance.LoadAsync);
        Assert.True(await cut.InvokeAsync(cut.Instance.LoadAsync)); // ignored while the first runs
        cut.WaitForAssertion(() => Assert.Equal("Loading earlier messages…", cut.Find("button").TextContent.Trim()));
        release.SetResult(false);
        Assert.False(await first);
        Assert.Equal(1, calls);
    }
}
