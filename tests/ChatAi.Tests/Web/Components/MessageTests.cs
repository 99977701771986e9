using Bunit;
using ChatAi.Core.Chats;
using ChatAi.Core.Data;
using ChatAi.Web.Rendering;
using ChatAi.Web.Components.Chat;
using ChatAi.Web.Components.Pages;

namespace ChatAi.Tests.Web.Components;

/// <summary>MessageItem and MessageList: text, markdown, statuses, actions, and which model wrote a reply.</summary>
public sealed class MessageTests : ComponentTestContext
{
    private static readonly DateTime Written = new(2026, 3, 14, 13, 5, 0, DateTimeKind.Utc);

    private static Message Msg(MessageRole role, string content, MessageStatus status = MessageStatus.Complete, string? error = null,
        string? provider = null, string? model = null) =>
        new() { Id = 7, Role = role, Content = content, Status = status, Error = error, CreatedAt = Written, Provider = provider, Model = model };

    [Fact]
    public void AUserMessageIsShownAsPlainText()
    {
        var hostile = "<script>alert('x')</script> **not bold**";
        var cut = Render<MessageItem>(p => p.Add(m => m.Message, Msg(MessageRole.User, hostile)));
        Assert.Empty(cut.FindAll("script, strong"));
        Assert.Equal(hostile, cut.Find("article.message-user .message-text").TextContent);
        Assert.Empty(cut.FindAll(".message-model"));
    }

    [Fact]
    public void AnAssistantReplyIsRenderedAsSafeMarkdown()
    {
        var cut = Render<MessageItem>(p => p.Add(m => m.Message, Msg(MessageRole.Assistant, "**Hi** <img src=x onerror=alert(1)> [x](javascript:alert(1))")));
        var body = cut.Find(".message-markdown");
        Assert.Equal("Hi", body.QuerySelector("strong")!.TextContent);
        Assert.Empty(cut.FindAll("img"));
        Assert.Equal("#", body.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public void AReplySaysWhichModelWroteItWithTheTimeInTheReadersZoneOnHover()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Lisbon");
        var gpt = Render<MessageItem>(p => p
            .Add(m => m.Message, Msg(MessageRole.Assistant, "Hi", provider: "openai", model: "gpt-4o-mini"))
            .Add(m => m.Zone, zone));
        var label = gpt.Find(".message-model");
        Assert.Equal("gpt-4o-mini", label.QuerySelector(".message-model-name")!.TextContent);
        Assert.NotNull(label.QuerySelector(".provider-icon.provider-openai"));
        Assert.Empty(gpt.FindComponents<MudBlazor.MudIcon>()); // inline SVG: no component per message for its icon
        Assert.Equal("Sat 14 Mar 2026, 13:05", label.GetAttribute("title"));
        Assert.Equal(Written.ToString("O"), label.QuerySelector("time")!.GetAttribute("datetime"));

        var gemini = Render<MessageItem>(p => p.Add(m => m.Message, Msg(MessageRole.Assistant, "Hi", provider: "gemini", model: "gemini-2.5-pro")));
        Assert.Equal("gemini-2.5-pro", gemini.Find(".message-model-name").TextContent);
        Assert.NotNull(gemini.Find(".provider-icon.provider-gemini"));
    }

    [Theory]
    [InlineData(MessageStatus.Failed, "OpenAI is overloaded. Try again.", "OpenAI is overloaded. Try again.")]
    [InlineData(MessageStatus.Interrupted, null, "The reply was interrupted.")]
    [InlineData(MessageStatus.Blocked, null, "The provider refused to answer.")]
    public void AnUnsuccessfulLastReplyShowsItsReasonAndRetry(MessageStatus status, string? error, string shown)
    {
        var cut = Render<MessageItem>(p => p
            .Add(m => m.Message, Msg(MessageRole.Assistant, "", status, error))
            .Add(m => m.IsLast, true));
        Assert.Equal(status.ToString().ToLowerInvariant(), cut.Find("article").GetAttribute("data-status"));
        Assert.Equal(shown, cut.Find(".message-status").TextContent);
        Assert.NotNull(cut.Find("button.retry-button"));
        Assert.Empty(cut.FindAll("button.copy-message"));
    }

    [Fact]
    public void AStoppedReplyKeepsItsTextAndSaysItWasStopped()
    {
        var cut = Render<MessageItem>(p => p.Add(m => m.Message, Msg(MessageRole.Assistant, "Half an ans", MessageStatus.Stopped)));
        Assert.Equal("Stopped.", cut.Find(".message-status").TextContent);
        Assert.Contains("Half an ans", cut.Find(".message-markdown").TextContent);
    }

    [Fact]
    public void ACompleteLastReplyOffersRegenerateAndCopyAndRetryCallsBack()
    {
        var retried = 0;
        var cut = Render<MessageItem>(p => p
            .Add(m => m.Message, Msg(MessageRole.Assistant, "Done."))
            .Add(m => m.IsLast, true)
            .Add(m => m.OnRetry, () => retried++));
        // The text is not sent twice (as markup and in an attribute): chat.js asks the page for it on a click.
        Assert.Null(cut.Find("button.copy-message").GetAttribute("data-copy-text"));
        Assert.Equal("Copy message", cut.Find("button.copy-message").GetAttribute("aria-label"));
        Assert.Empty(cut.FindAll(".message-status"));
        cut.Find("button.regenerate-button").Click();
        Assert.Equal(1, retried);
    }

    [Fact]
    public void OnlyTheLastMessageOffersRegenerate()
    {
        var cut = Render<MessageItem>(p => p.Add(m => m.Message, Msg(MessageRole.Assistant, "Old.")).Add(m => m.IsLast, false));
        Assert.Empty(cut.FindAll("button.regenerate-button, button.retry-button"));
    }

    [Fact]
    public void AnUnansweredUserMessageIsMarkedInTheList()
    {
        var cut = Render<MessageList>(p => p.Add(l => l.Messages, new List<Message> { Msg(MessageRole.User, "hello?") }));
        Assert.Contains("no reply yet", cut.Find(".unanswered").TextContent);
        Assert.NotNull(cut.Find("button.retry-button"));
        Assert.Equal("log", cut.Find(".message-list").GetAttribute("role"));
    }

    [Fact]
    public void TheListShowsEveryMessageInOrder()
    {
        var messages = new List<Message>
        {
            Msg(MessageRole.User, "one") , Msg(MessageRole.Assistant, "two", provider: "openai", model: "gpt-4o"),
        };
        messages[1].Id = 8;
        var cut = Render<MessageList>(p => p.Add(l => l.Messages, messages));
        Assert.Equal(["message message-user", "message message-assistant"], cut.FindAll("article").Select(a => a.ClassName!.Trim()));
        Assert.Empty(cut.FindAll(".unanswered"));
        Assert.Equal("gpt-4o", cut.Find(".message-model-name").TextContent);
    }

    [Fact]
    public void TheNotFoundPageSaysSoWithoutDetailsAndLeadsBack()
    {
        var cut = Render<NotFound>();
        Assert.Equal("Not found", cut.Find("h1").TextContent);
        Assert.Equal("Back to your chats", cut.Find("a").TextContent.Trim());
    }

    [Fact]
    public async Task AStreamedReplyKeepsItsComponentAndItsMarkupWhenItFinishes()
    {
        var generation = new Generation(UserId, Guid.NewGuid(), 7, "openai", "gpt-4o-mini");
        var streaming = Msg(MessageRole.Assistant, "", MessageStatus.Streaming, provider: "openai", model: "gpt-4o-mini");
        var user = Msg(MessageRole.User, "hi");
        user.Id = 6;
        var cut = Render<MessageList>(p => p.Add(l => l.Messages, new List<Message> { user, streaming }).Add(l => l.Streaming, generation));
        Assert.NotNull(cut.Find("article.message-assistant.streaming .typing-indicator"));
        var reply = "# Plan\n\nFirst **step** done.\n\n" + string.Join(' ', Enumerable.Range(0, 200).Select(i => $"w{i}"));
        await cut.InvokeAsync(() => generation.Append(reply));
        cut.WaitForAssertion(() => Assert.Contains("w199", cut.Find("article.streaming .message-markdown").TextContent));
        var item = cut.FindComponents<MessageItem>().Single(c => c.Instance.Message.Id == 7);
        var body = cut.FindComponent<StreamingReply>();

        var finished = Msg(MessageRole.Assistant, reply, provider: "openai", model: "gpt-4o-mini");
        cut.Render(p => p.Add(l => l.Messages, new List<Message> { user, finished }).Add(l => l.Streaming, null));

        var article = cut.Find("article.message-assistant[data-status=complete]");
        Assert.DoesNotContain("streaming", article.ClassName);
        Assert.Same(item.Instance, cut.FindComponents<MessageItem>().Single(c => c.Instance.Message.Id == 7).Instance);
        Assert.Same(body.Instance, cut.FindComponent<StreamingReply>().Instance);
        Assert.Equal(MarkdownRenderer.ToHtml(reply).Replace("\n", ""), article.QuerySelector(".message-markdown")!.InnerHtml.Replace("\n", ""));
        Assert.NotNull(cut.Find("button.copy-message"));
    }
}
