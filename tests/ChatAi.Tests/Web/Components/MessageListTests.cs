using Bunit;
using ChatAi.Core.Data;
using ChatAi.Web.Components.Chat;

namespace ChatAi.Tests.Web.Components;

/// <summary>
/// MessageList writes a finished message straight into its own render tree (no MessageItem per message, bench figure 6):
/// the same markup, actions and behaviour as MessageItem's, and a MessageItem only while a message is edited.
/// </summary>
public sealed class MessageListTests : ComponentTestContext
{
    private static readonly DateTime Written = new(2026, 3, 14, 13, 5, 0, DateTimeKind.Utc);

    private static Message Msg(long id, MessageRole role, string content, MessageStatus status = MessageStatus.Complete,
        string? model = null, MessageSiblings? siblings = null, string? error = null) => new()
    {
        Id = id, Role = role, Content = content, Status = status, CreatedAt = Written, Siblings = siblings, Error = error,
        Provider = model is null ? null : "gemini", Model = model,
    };

    [Fact]
    public void AFinishedMessageShowsItsMarkdownModelLabelTimeAndActionsWithoutAComponentOfItsOwn()
    {
        var hostile = "<script>alert('x')</script> **not bold**";
        var messages = new List<Message> { Msg(1, MessageRole.User, hostile), Msg(2, MessageRole.Assistant, "**Hi** <img src=x onerror=alert(1)>", model: "gemini-2.5-pro") };
        var cut = Render<MessageList>(p => p.Add(l => l.Messages, messages).Add(l => l.Zone, TimeZoneInfo.FindSystemTimeZoneById("Europe/Lisbon")));

        Assert.Empty(cut.FindComponents<MessageItem>());
        var user = cut.Find("article.message-user[data-message-id='1'][data-status=complete]");
        Assert.Equal(hostile, user.QuerySelector(".message-text")!.TextContent);
        Assert.Empty(cut.FindAll("script, img"));
        Assert.NotNull(user.QuerySelector("button.edit-button"));
        Assert.NotNull(user.QuerySelector("button.copy-message"));

        var reply = cut.Find("article.message-assistant[data-message-id='2']");
        Assert.Equal("Hi", reply.QuerySelector(".message-markdown strong")!.TextContent);
        Assert.Equal("gemini-2.5-pro", reply.QuerySelector(".message-model-name")!.TextContent);
        Assert.NotNull(reply.QuerySelector(".provider-icon.provider-gemini"));
        Assert.Equal("Sat 14 Mar 2026, 13:05", reply.QuerySelector(".message-model")!.GetAttribute("title"));
        Assert.Equal(Written.ToString("O"), reply.QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Null(reply.QuerySelector("button.copy-message")!.GetAttribute("data-copy-text"));
        Assert.NotNull(reply.QuerySelector("button.regenerate-button"));
        Assert.Null(user.QuerySelector("button.regenerate-button, button.retry-button"));
    }

    [Fact]
    public void AFailedLastReplyShowsItsReasonAndRetryCallsBack()
    {
        var retried = 0;
        var messages = new List<Message> { Msg(1, MessageRole.User, "hi"), Msg(2, MessageRole.Assistant, "", MessageStatus.Failed, "gpt", error: "Overloaded. Try again.") };
        var cut = Render<MessageList>(p => p.Add(l => l.Messages, messages).Add(l => l.OnRetry, () => retried++));
        Assert.Equal("failed", cut.Find("article.message-assistant").GetAttribute("data-status"));
        Assert.Equal("Overloaded. Try again.", cut.Find(".message-status").TextContent);
        Assert.Empty(cut.FindAll("article.message-assistant button.copy-message"));
        cut.Find("button.retry-button").Click();
        Assert.Equal(1, retried);
    }

    [Fact]
    public void EditOpensAMessageItemForTheBoxAndCancelOrSaveReturnsToPlainMarkup()
    {
        var edits = new List<MessageEdit>();
        var messages = new List<Message> { Msg(1, MessageRole.User, "the cat sat"), Msg(2, MessageRole.Assistant, "ok", model: "gpt") };
        var cut = Render<MessageList>(p => p.Add(l => l.Messages, messages).Add(l => l.OnEdit, (MessageEdit e) => edits.Add(e)));

        cut.Find("button.edit-button").Click();
        Assert.Single(cut.FindComponents<MessageItem>());
        cut.Find("textarea.message-edit-text").KeyDown("Escape");
        Assert.Empty(cut.FindAll("textarea"));
        Assert.Empty(cut.FindComponents<MessageItem>());
        Assert.Equal("the cat sat", cut.Find(".message-text").TextContent);

        cut.Find("button.edit-button").Click();
        cut.Find("textarea.message-edit-text").Input("the dog ran");
        cut.Find("button.edit-save").Click();
        Assert.Equal([new MessageEdit(1, "the dog ran")], edits);
        Assert.Empty(cut.FindComponents<MessageItem>());
    }

    [Fact]
    public void SwitchingVersionsCallsBackAndTheListShowsTheNewVersionsText()
    {
        var switched = new List<long>();
        var first = Msg(20, MessageRole.Assistant, "First answer", model: "gpt", siblings: new MessageSiblings(1, [20, 30]));
        var cut = Render<MessageList>(p => p.Add(l => l.Messages, new List<Message> { Msg(1, MessageRole.User, "q"), first })
            .Add(l => l.OnSwitch, (long id) => switched.Add(id)));
        Assert.Equal("1 / 2", cut.Find(".branch-count").TextContent);
        Assert.True(cut.Find("button.branch-prev").HasAttribute("disabled"));
        cut.Find("button.branch-next").Click();
        Assert.Equal([30L], switched);

        var second = Msg(30, MessageRole.Assistant, "Second answer", model: "gpt", siblings: new MessageSiblings(2, [20, 30]));
        cut.Render(p => p.Add(l => l.Messages, new List<Message> { Msg(1, MessageRole.User, "q"), second }));
        Assert.Equal("Second answer", cut.Find("article[data-message-id='30'] .message-markdown").TextContent.Trim());
        Assert.Equal("2 / 2", cut.Find(".branch-count").TextContent);

        // The same message loaded again with other text (a reload): its markup is not the kept one.
        var edited = Msg(30, MessageRole.Assistant, "Second answer, stopped", MessageStatus.Stopped, "gpt");
        cut.Render(p => p.Add(l => l.Messages, new List<Message> { Msg(1, MessageRole.User, "q"), edited }));
        Assert.Equal("Second answer, stopped", cut.Find("article[data-message-id='30'] .message-markdown").TextContent.Trim());
        Assert.Equal("Stopped.", cut.Find(".message-status").TextContent);
        Assert.Empty(cut.FindAll(".branch-switch"));
    }
}
