using AngleSharp.Html.Parser;
using ChatAi.Core.Data;
using ChatAi.Web.Components.Chat;
using ChatAi.Web.Components.Pages;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatAi.Tests.Web;

/// <summary>Components rendered to HTML with the framework's HtmlRenderer (bUnit is not served here), checked with AngleSharp.</summary>
public sealed class ComponentMarkupTests
{
    private static async Task<AngleSharp.Dom.IDocument> RenderAsync<TComponent>(Dictionary<string, object?> parameters) where TComponent : IComponent
    {
        var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters))).ToHtmlString());
        return new HtmlParser().ParseDocument(html);
    }

    private static Message Msg(MessageRole role, string content, MessageStatus status = MessageStatus.Complete, string? error = null) =>
        new() { Id = 7, Role = role, Content = content, Status = status, Error = error, CreatedAt = DateTime.UtcNow };

    [Fact]
    public async Task AUserMessageIsShownAsPlainText()
    {
        var hostile = "<script>alert('x')</script> **not bold**";
        var document = await RenderAsync<MessageItem>(new() { ["Message"] = Msg(MessageRole.User, hostile) });
        var article = document.QuerySelector("article.message-user")!;
        Assert.Empty(document.QuerySelectorAll("script, strong"));
        Assert.Equal(hostile, article.QuerySelector(".message-text")!.TextContent);
    }

    [Fact]
    public async Task AnAssistantReplyIsRenderedAsSafeMarkdown()
    {
        var document = await RenderAsync<MessageItem>(new() { ["Message"] = Msg(MessageRole.Assistant, "**Hi** <img src=x onerror=alert(1)> [x](javascript:alert(1))") });
        var body = document.QuerySelector(".message-markdown")!;
        Assert.Equal("Hi", body.QuerySelector("strong")!.TextContent);
        Assert.Empty(document.QuerySelectorAll("img"));
        Assert.Equal("#", body.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task AFailedLastReplyShowsItsReasonAndRetry()
    {
        var document = await RenderAsync<MessageItem>(new()
        {
            ["Message"] = Msg(MessageRole.Assistant, "", MessageStatus.Failed, "OpenAI is overloaded. Try again."),
            ["IsLast"] = true,
        });
        Assert.Equal("failed", document.QuerySelector("article")!.GetAttribute("data-status"));
        Assert.Equal("OpenAI is overloaded. Try again.", document.QuerySelector(".message-status")!.TextContent);
        Assert.NotNull(document.QuerySelector("button.retry-button"));
        Assert.Null(document.QuerySelector("button.copy-message"));
    }

    [Fact]
    public async Task ACompleteLastReplyOffersRegenerateAndCopy()
    {
        var document = await RenderAsync<MessageItem>(new() { ["Message"] = Msg(MessageRole.Assistant, "Done."), ["IsLast"] = true });
        Assert.NotNull(document.QuerySelector("button.regenerate-button"));
        Assert.Equal("Done.", document.QuerySelector("button.copy-message")!.GetAttribute("data-copy-text"));
        Assert.Null(document.QuerySelector(".message-status"));
    }

    [Fact]
    public async Task AnUnansweredUserMessageIsMarkedInTheList()
    {
        var document = await RenderAsync<MessageList>(new() { ["Messages"] = new List<Message> { Msg(MessageRole.User, "hello?") } });
        Assert.Contains("no reply yet", document.QuerySelector(".unanswered")!.TextContent);
        Assert.NotNull(document.QuerySelector("button.retry-button"));
    }

    [Fact]
    public async Task TheNotFoundPageSaysSoWithoutDetails()
    {
        var document = await RenderAsync<NotFound>(new());
        Assert.Equal("Not found", document.QuerySelector("h1")!.TextContent);
    }
}
