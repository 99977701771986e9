using Bunit;
using ChatAi.Core.Data;
using ChatAi.Web.Components.Chat;

namespace ChatAi.Tests.Web.Components;

/// <summary>MessageItem's versions switcher (‹ 2 / 3 ›) and its inline Edit.</summary>
public sealed class BranchSwitcherTests : ComponentTestContext
{
    private static Message Msg(MessageRole role, string content, MessageSiblings? siblings = null) =>
        new() { Id = 20, Role = role, Content = content, CreatedAt = DateTime.UtcNow, Siblings = siblings };

    [Fact]
    public void AMessageWithSiblingsShowsItsPlaceAndSwitchesToTheNeighbourVersions()
    {
        var switched = new List<long>();
        var cut = Render<MessageItem>(p => p
            .Add(m => m.Message, Msg(MessageRole.Assistant, "Second answer", new MessageSiblings(2, [10, 20, 30])))
            .Add(m => m.OnSwitch, (long id) => switched.Add(id)));

        Assert.Equal("2 / 3", cut.Find(".branch-count").TextContent);
        var previous = cut.Find("button[aria-label='Previous version']");
        var next = cut.Find("button[aria-label='Next version']");
        Assert.False(previous.HasAttribute("disabled"));
        previous.Click();
        next.Click();
        Assert.Equal([10L, 30L], switched);
    }

    [Fact]
    public void TheFirstVersionCannotGoBackAndAMessageWithoutSiblingsShowsNoSwitcher()
    {
        var cut = Render<MessageItem>(p => p.Add(m => m.Message, Msg(MessageRole.User, "First", new MessageSiblings(1, [20, 30]))));
        Assert.True(cut.Find("button[aria-label='Previous version']").HasAttribute("disabled"));
        Assert.Equal("1 / 2", cut.Find(".branch-count").TextContent);

        var alone = Render<MessageItem>(p => p.Add(m => m.Message, Msg(MessageRole.User, "Only", new MessageSiblings(1, [20]))));
        Assert.Empty(alone.FindAll(".branch-switch"));
    }

    [Fact]
    public void EditOpensTheTextSaveSendsTheNewTextAndEscapeCancels()
    {
        var edits = new List<MessageEdit>();
        var cut = Render<MessageItem>(p => p
            .Add(m => m.Message, Msg(MessageRole.User, "the cat sat"))
            .Add(m => m.CanEdit, true)
            .Add(m => m.OnEdit, (MessageEdit e) => edits.Add(e)));

        cut.Find("button.edit-button").Click();
        var box = cut.Find("textarea.message-edit-text");
        Assert.Equal("the cat sat", box.GetAttribute("value") ?? box.TextContent);
        box.KeyDown("Escape");
        Assert.Empty(cut.FindAll("textarea"));
        Assert.Equal("the cat sat", cut.Find(".message-text").TextContent);

        cut.Find("button.edit-button").Click();
        cut.Find("textarea.message-edit-text").Input("the dog ran");
        cut.Find("button.edit-save").Click();
        Assert.Equal([new MessageEdit(20, "the dog ran")], edits);
        Assert.Empty(cut.FindAll("textarea"));
    }

    [Fact]
    public void NoEditWhileAReplyGeneratesAndNeverOnAReply()
    {
        Assert.Empty(Render<MessageItem>(p => p.Add(m => m.Message, Msg(MessageRole.User, "hi")).Add(m => m.CanEdit, false)).FindAll("button.edit-button"));
        Assert.Empty(Render<MessageItem>(p => p.Add(m => m.Message, Msg(MessageRole.Assistant, "hi")).Add(m => m.CanEdit, true)).FindAll("button.edit-button"));
    }
}
