using System.Text;
using Bunit;
using ChatAi.Core.Chats;
using ChatAi.Core.Data;
using ChatAi.Web.Components.Chat;
using ChatAi.Web.Components.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.JSInterop;

namespace ChatAi.Tests.Web.Components;

/// <summary>
/// Compare in the page: the composer's toggle sends one message to two models; the turn shows both replies side by side,
/// labelled, each stoppable; "Continue with this" moves the chat to that reply. No provider has a key here, so a stored
/// compare's replies end at once (failed, "set …_API_KEY"): what is checked is the page, not the models.
/// </summary>
public sealed class CompareViewTests() : ComponentTestContext(new Dictionary<string, string?>
{
    ["OPENAI_API_KEY"] = "",
    ["GEMINI_API_KEY"] = "",
    ["GOOGLE_API_KEY"] = "",
})
{
    private static Message Reply(long id, int slot, string provider, string model, MessageStatus status = MessageStatus.Streaming, string content = "") =>
        new() { Id = id, ParentId = 10, Role = MessageRole.Assistant, Status = status, Content = content, Provider = provider, Model = model, CompareSlot = slot, CreatedAt = DateTime.UtcNow };

    [Fact]
    public async Task BothRepliesStreamInTwoLabelledColumnsAndEachStopStopsOnlyItsOwnReply()
    {
        var chatId = Guid.NewGuid();
        var gpt = new Generation(UserId, chatId, 11, "openai", "gpt-4o-mini");
        var gemini = new Generation(UserId, chatId, 12, "gemini", "gemini-2.5-flash");
        var view = new CompareTurnView([Reply(11, 1, "openai", "gpt-4o-mini"), Reply(12, 2, "gemini", "gemini-2.5-flash")], [gpt, gemini], LeafId: 11);
        var stopped = new List<long>();
        var cut = Render<CompareView>(p => p.Add(c => c.View, view).Add(c => c.OnStop, (long id) => stopped.Add(id)));

        var columns = cut.FindAll(".compare-column");
        Assert.Equal(2, columns.Count);
        Assert.Equal(["gpt-4o-mini", "gemini-2.5-flash"], columns.Select(c => c.QuerySelector(".compare-model")!.TextContent));
        Assert.NotNull(columns[0].QuerySelector(".compare-header .provider-icon.provider-openai"));
        Assert.NotNull(columns[1].QuerySelector(".compare-header .provider-icon.provider-gemini"));
        Assert.All(columns, c => Assert.NotNull(c.QuerySelector("article.message-assistant.streaming .typing-indicator")));

        await cut.InvokeAsync(() => gemini.Append("Gemini says hello"));
        cut.WaitForAssertion(() => Assert.Contains("Gemini says hello", cut.FindAll(".compare-column")[1].QuerySelector(".message-markdown")!.TextContent));
        Assert.Null(cut.FindAll(".compare-column")[0].QuerySelector(".message-markdown"));

        // Nothing can be picked while either streams: the chat's tree does not move then.
        Assert.All(cut.FindAll("button.compare-pick"), b => Assert.True(b.HasAttribute("disabled")));
        // The streaming reply renders from its own timer: a click may wait for that render, so wait for its effect.
        cut.Find("button[aria-label='Stop gemini-2.5-flash']").Click();
        cut.WaitForAssertion(() => Assert.Equal([12L], stopped));
        cut.Find("button[aria-label='Stop gpt-4o-mini']").Click();
        cut.WaitForAssertion(() => Assert.Equal([12L, 11L], stopped));
    }

    [Fact]
    public void AFinishedCompareMarksTheCurrentReplyAndOffersToContinueWithEither()
    {
        var view = new CompareTurnView(
            [Reply(11, 1, "openai", "gpt-4o-mini", MessageStatus.Complete, "From GPT"), Reply(12, 2, "gemini", "gemini-2.5-flash", MessageStatus.Stopped, "From Gem")],
            [null, null], LeafId: 11);
        var picked = new List<long>();
        var cut = Render<CompareView>(p => p.Add(c => c.View, view).Add(c => c.OnPick, (Message m) => picked.Add(m.Id)));

        Assert.Empty(cut.FindAll("button.compare-stop"));
        Assert.Equal("Stopped.", cut.FindAll(".compare-column")[1].QuerySelector(".message-status")!.TextContent);
        Assert.Equal(["true", "false"], cut.FindAll("button.compare-pick").Select(b => b.GetAttribute("aria-pressed")));
        Assert.Contains("selected", cut.FindAll(".compare-column")[0].ClassName);
        cut.FindAll("button.compare-pick")[1].Click();
        cut.WaitForAssertion(() => Assert.Equal([12L], picked));
    }

    [Fact]
    public async Task ContinueWithTheSecondMovesTheChatToItsReplyAndItsModelAndMarksIt()
    {
        var chatId = Guid.CreateVersion7();
        var turn = await Replies.CompareAsync(UserId, chatId, "Which is bigger?", new ModelChoice("openai", "gpt-4o-mini"),
            new ModelChoice("gemini", "gemini-2.5-flash"), createChat: true);
        await Task.WhenAll(turn.First.Completion, turn.Second.Completion);

        var cut = Render<ChatPage>(p => p.Add(c => c.ChatId, chatId));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".compare-column").Count));
        Assert.Equal(["gpt-4o-mini", "gemini-2.5-flash"], cut.FindAll(".compare-model").Select(m => m.TextContent));
        Assert.Equal("Which is bigger?", cut.Find("article.message-user .message-text").TextContent);
        Assert.NotNull(cut.Find("article.message-user").QuerySelector("button.edit-button"));
        Assert.Equal(["true", "false"], cut.FindAll("button.compare-pick").Select(b => b.GetAttribute("aria-pressed")));

        await cut.InvokeAsync(() => cut.FindAll("button.compare-pick")[1].Click());
        cut.WaitForAssertion(() => Assert.Equal(["false", "true"], cut.FindAll("button.compare-pick").Select(b => b.GetAttribute("aria-pressed"))));
        Assert.Contains("selected", cut.FindAll(".compare-column")[1].ClassName);
        var path = await Chats.GetMessagesAsync(UserId, chatId);
        Assert.Equal(turn.Second.MessageId, path![^1].Id);
        var chat = await Chats.FindChatAsync(UserId, chatId);
        Assert.Equal(("gemini", "gemini-2.5-flash"), Models.CurrentModel(chat));
    }

    [Fact]
    public async Task WhileACompareStreamsNoMessageOffersEditAndOnceItEndsTheyDo()
    {
        var chatId = Guid.CreateVersion7();
        var turn = await Replies.CompareAsync(UserId, chatId, "Which is bigger?", new ModelChoice("openai", "gpt-4o-mini"),
            new ModelChoice("gemini", "gemini-2.5-flash"), createChat: true);
        await Task.WhenAll(turn.First.Completion, turn.Second.Completion);
        // Both replies still streaming, as on another instance (no generation in this process feeds them).
        await SetRepliesAsync(chatId, MessageStatus.Streaming);

        var cut = Render<ChatPage>(p => p.Add(c => c.ChatId, chatId));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".compare-column").Count));
        Assert.Equal("Which is bigger?", cut.Find("article.message-user .message-text").TextContent);
        Assert.Empty(cut.FindAll("button.edit-button"));

        await SetRepliesAsync(chatId, MessageStatus.Complete);
        var again = Render<ChatPage>(p => p.Add(c => c.ChatId, chatId));
        again.WaitForAssertion(() => Assert.Single(again.FindAll("article.message-user button.edit-button")));
    }

    private async Task SetRepliesAsync(Guid chatId, MessageStatus status)
    {
        await using var db = App.CreateDbContext();
        await db.Messages.Where(m => m.ChatId == chatId && m.Role == MessageRole.Assistant)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, status));
    }

    [Fact]
    public async Task TheComposersCompareToggleShowsTheSecondPickerAndSendsTheMessageToBothModels()
    {
        var module = JSInterop.SetupModule("./Components/Chat/Composer.razor.js");
        module.Mode = JSRuntimeMode.Loose;
        module.Setup<IJSStreamReference>("takeText", _ => true).SetResult(new TextStream("Compare this"));
        var cut = Render<Home>();
        var (provider, model) = Models.CurrentModel(null);
        var other = Models.ListProviders().First(p => p.Id != provider);
        Assert.Empty(cut.FindAll(".compare-with"));

        var toggle = cut.Find("button.compare-toggle");
        Assert.Equal("Compare two models", toggle.GetAttribute("aria-label"));
        Assert.Equal("false", toggle.GetAttribute("aria-pressed"));
        toggle.Click();
        Assert.Equal("true", cut.Find("button.compare-toggle").GetAttribute("aria-pressed"));
        var second = cut.Find(".compare-with .model-switcher-button");
        Assert.Equal($"{other.Id}:{other.DefaultModel}", second.GetAttribute("data-value"));
        Assert.Equal($"Second model: {other.DefaultModel}. Change model", second.GetAttribute("aria-label"));
        Assert.Equal(model, cut.Find(".compare-first-name").TextContent);

        await cut.InvokeAsync(cut.FindComponent<Composer>().Instance.SubmitAsync);

        await using var db = App.CreateDbContext();
        var question = await db.Messages.SingleAsync(m => m.Chat!.UserId == UserId && m.Role == MessageRole.User);
        Assert.Equal("Compare this", question.Content);
        var replies = await db.Messages.Where(m => m.ParentId == question.Id).OrderBy(m => m.CompareSlot).ToListAsync();
        Assert.Equal([(1, provider, model), (2, other.Id, other.DefaultModel)], replies.Select(r => (r.CompareSlot ?? 0, r.Provider!, r.Model!)));
        // One message compared: the toggle is off again for the next.
        cut.WaitForAssertion(() => Assert.Equal("false", cut.Find("button.compare-toggle").GetAttribute("aria-pressed")));
        Assert.Empty(cut.FindAll(".compare-with"));
    }

    private sealed class TextStream(string text) : IJSStreamReference
    {
        public long Length => Encoding.UTF8.GetByteCount(text);
        public ValueTask<Stream> OpenReadStreamAsync(long maxAllowedSize = 512000, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<Stream>(new MemoryStream(Encoding.UTF8.GetBytes(text)));
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
