using Bunit;
using ChatAi.Core.Chats.Search;
using ChatAi.Web.Components.Chat;

namespace ChatAi.Tests.Web.Components;

/// <summary>Search results and the search dialog: highlighted words in &lt;mark&gt;, a message's text always encoded.</summary>
public sealed class SearchResultsTests : ComponentTestContext
{
    [Fact]
    public void MatchingWordsAreMarkedAndTheSnippetsOwnMarkupIsShownAsText()
    {
        var text = "say <script>alert('x')</script> <b>hello</b> twice: hello";
        var hit = new SearchHit(Guid.NewGuid(), "<img src=x onerror=alert(1)>", 7,
            new SearchSnippet(text, [new SearchHighlight(text.IndexOf("hello"), 5), new SearchHighlight(text.LastIndexOf("hello"), 5)]), true, DateTime.UtcNow);

        var cut = Render<SearchResults>(p => p.Add(c => c.Hits, [hit]));

        Assert.Equal(["hello", "hello"], cut.FindAll("mark").Select(m => m.TextContent));
        Assert.Empty(cut.FindAll("script"));
        Assert.Empty(cut.FindAll("b"));
        Assert.Empty(cut.FindAll("img"));
        Assert.Contains("&lt;script&gt;", cut.Find(".search-result-snippet").InnerHtml);
        Assert.Equal(text, cut.Find(".search-result-snippet").TextContent.Trim());
        Assert.Contains("Archived", cut.Find(".search-result-title").TextContent);
        Assert.StartsWith("<img src=x", cut.Find(".search-result-title").TextContent.Trim());
    }

    [Fact]
    public void HighlightsOutsideTheTextOrOverlappingAreIgnored()
    {
        var snippet = new SearchSnippet("abc def", [new SearchHighlight(0, 3), new SearchHighlight(1, 2), new SearchHighlight(5, 9)]);
        Assert.Equal([("abc", true), (" def", false)], SearchResults.Pieces(snippet));
    }

    [Fact]
    public async Task TheDialogSearchesAsYouTypeAndOpensTheMessage()
    {
        var (_, dialogs) = RenderProviders();
        var chat = await Chats.CreateChatAsync(UserId, title: "Birds");
        var message = await Chats.AddUserMessageAsync(UserId, chat.Id, "The <em>albatross</em> glides for hours");
        var service = Services.GetService(typeof(MudBlazor.IDialogService)) as MudBlazor.IDialogService;
        await dialogs.InvokeAsync(() => service!.ShowAsync<SearchDialog>("Search"));

        await dialogs.InvokeAsync(() => dialogs.Find(".search-input input").Input("albat"));

        dialogs.WaitForAssertion(() => Assert.Equal("albatross", dialogs.Find(".search-result mark").TextContent), TimeSpan.FromSeconds(10));
        Assert.Empty(dialogs.FindAll(".search-result em"));
        await dialogs.InvokeAsync(() => dialogs.Find(".search-result").Click());
        var navigation = Services.GetService(typeof(Microsoft.AspNetCore.Components.NavigationManager)) as Microsoft.AspNetCore.Components.NavigationManager;
        Assert.EndsWith($"/chat/{chat.Id}?message={message.Id}", navigation!.Uri);
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
    }
}
