using System.Text.Json;
using ChatAi.Core.Chats;
using ChatAi.Core.Data;
using ChatAi.Tests.Api;
using ChatAi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChatAi.Tests.Chats;

/// <summary>Compare on SQLite; Postgres/PostgresCompareTests runs the same scenarios on PostgreSQL.</summary>
public sealed class CompareTests() : CompareScenarios(TestDatabase.Sqlite);

/// <summary>One message answered by two models at once (ReplyService.Compare.cs), once per database.</summary>
public abstract class CompareScenarios(Func<TestDatabase> database) : IAsyncLifetime
{
    private static readonly ModelChoice Gpt = new("openai", "gpt-4o-mini");
    private static readonly ModelChoice Gemini = new("gemini", "gemini-2.5-flash");
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private FakeProviders _fakes = null!;
    private ChatAiApplication _app = null!;
    private string _user = "";
    private ChatService Chats => _app.Chats;
    private ReplyService Replies => _app.Replies;

    public async Task InitializeAsync()
    {
        _fakes = await FakeProviders.StartAsync();
        _app = _fakes.CreateApp(extra: new Dictionary<string, string?> { ["ChatAi:MaxSendsPerMinute"] = "1000" }, database: database());
        _ = _app.Server;
        _user = await _app.CreateUserAsync(TestUsers.NewEmail());
    }

    public async Task DisposeAsync()
    {
        _app.Dispose();
        await _fakes.DisposeAsync();
    }

    private static async Task<Message> DoneAsync(Generation generation) => (await generation.Completion.WaitAsync(Wait)).Message;

    private async Task<Guid> ChatWithAsync(string first)
    {
        var chatId = Guid.NewGuid();
        await DoneAsync(await Replies.SendAsync(_user, chatId, first, createChat: true));
        return chatId;
    }

    /// <summary>The conversation (texts, oldest first) the fake OpenAI server last received that holds <paramref name="text"/>.</summary>
    private List<string?> OpenAiReceived(string text) =>
        JsonDocument.Parse(_fakes.OpenAi.Requests.Last(r => r.Body.Contains(text) && !r.Body.Contains("title of at most")).Body)
            .RootElement.GetProperty("messages").EnumerateArray().Where(m => m.GetProperty("role").GetString() != "system")
            .Select(m => m.GetProperty("content").GetString()).ToList();

    private List<string?> GeminiReceived(string text) =>
        JsonDocument.Parse(_fakes.Gemini.Requests.Last(r => r.Body.Contains(text)).Body)
            .RootElement.GetProperty("contents").EnumerateArray().Select(c => c.GetProperty("parts")[0].GetProperty("text").GetString()).ToList();

    [Fact]
    public async Task BothRepliesAreStoredAsSiblingsWithTheirOwnModelsAndBothModelsGetTheSameContext()
    {
        var chatId = await ChatWithAsync("hello");
        var turn = await Replies.CompareAsync(_user, chatId, "which river is longest", Gpt, Gemini);
        var (first, second) = (await DoneAsync(turn.First), await DoneAsync(turn.Second));

        await using var db = _app.CreateDbContext();
        var replies = await db.Messages.Where(m => m.ParentId == turn.UserMessage.Id).OrderBy(m => m.Id).ToListAsync();
        Assert.Equal([(first.Id, "openai", "gpt-4o-mini", MessageStatus.Complete), (second.Id, "gemini", "gemini-2.5-flash", MessageStatus.Complete)],
            replies.Select(m => (m.Id, m.Provider!, m.Model!, m.Status)));
        Assert.All(replies, m => Assert.Equal("Echo: which river is longest", m.Content));
        var question = await db.Messages.SingleAsync(m => m.Id == turn.UserMessage.Id);
        Assert.Equal((MessageRole.User, "which river is longest"), (question.Role, question.Content));
        // Until the user picks, the chat shows the first reply.
        Assert.Equal(first.Id, (await db.Chats.SingleAsync(c => c.Id == chatId)).CurrentLeafId);
        var path = (await Chats.GetMessagesAsync(_user, chatId))!;
        Assert.Equal((first.Id, 1, 2), (path[^1].Id, path[^1].Siblings!.Index, path[^1].Siblings!.Count));

        List<string?> context = ["hello", "Echo: hello", "which river is longest"];
        Assert.Equal(context, OpenAiReceived("which river is longest"));
        Assert.Equal(context, GeminiReceived("which river is longest"));
    }

    [Fact]
    public async Task StoppingOneReplyLeavesTheOtherGeneratingToTheEnd()
    {
        var chatId = await ChatWithAsync("start");
        var words = string.Join(' ', Enumerable.Range(1, 30).Select(i => $"w{i}"));
        var turn = await Replies.CompareAsync(_user, chatId, words, new ModelChoice("openai", "fault-trickle-150"), new ModelChoice("gemini", "fault-trickle-40"));
        await Waits.UntilAsync(() => turn.First.Length > 0 && turn.Second.Length > 0, 15_000);

        Assert.True(await Replies.StopReplyAsync(_user, chatId, turn.First.MessageId));
        var stopped = await DoneAsync(turn.First);
        Assert.Equal(MessageStatus.Stopped, stopped.Status);
        Assert.False(turn.Second.IsFinished);
        var other = await DoneAsync(turn.Second);
        Assert.Equal((MessageStatus.Complete, $"Echo: {words}"), (other.Status, other.Content));
        // Stopping a reply that ended, or one of another chat, stops nothing.
        Assert.False(await Replies.StopReplyAsync(_user, chatId, turn.Second.MessageId));
    }

    [Fact]
    public async Task TheChatIsOneTurnWhileEitherReplyGeneratesAndStopStopsBoth()
    {
        var chatId = await ChatWithAsync("start");
        var question = (await Chats.GetMessagesAsync(_user, chatId))![0];
        // Long enough that both replies are still generating while the refusals below are checked.
        var words = string.Join(' ', Enumerable.Range(1, 200).Select(i => $"w{i}"));
        var turn = await Replies.CompareAsync(_user, chatId, words, new ModelChoice("openai", "fault-trickle-150"), new ModelChoice("gemini", "fault-trickle-40"));
        await Waits.UntilAsync(() => turn.First.Length > 0 && turn.Second.Length > 0, 15_000);

        Assert.Equal(ChatErrorKind.Conflict, (await Assert.ThrowsAsync<ChatException>(() => Replies.SendAsync(_user, chatId, "too soon"))).Kind);
        Assert.Equal(ChatErrorKind.Conflict, (await Assert.ThrowsAsync<ChatException>(() => Replies.RegenerateAsync(_user, chatId))).Kind);
        Assert.Equal(ChatErrorKind.Conflict, (await Assert.ThrowsAsync<ChatException>(() => Replies.EditAsync(_user, chatId, question.Id, "x"))).Kind);
        Assert.Equal(ChatErrorKind.Conflict, (await Assert.ThrowsAsync<ChatException>(() => Chats.SwitchBranchAsync(_user, chatId, question.Id))).Kind);
        Assert.Equal(ChatErrorKind.Conflict, (await Assert.ThrowsAsync<ChatException>(() =>
            Replies.CompareAsync(_user, chatId, "again", Gpt, Gemini))).Kind);

        // The chat's Stop stops both; then the chat is free again.
        Assert.True(Replies.Stop(_user, chatId));
        Assert.NotEqual(MessageStatus.Streaming, (await DoneAsync(turn.First)).Status);
        Assert.NotEqual(MessageStatus.Streaming, (await DoneAsync(turn.Second)).Status);
        await Waits.UntilAsync(() => Replies.FindGeneration(_user, chatId) is null);
        await DoneAsync(await Replies.SendAsync(_user, chatId, "now"));
        await using var db = _app.CreateDbContext();
        Assert.Equal(2, await db.Messages.CountAsync(m => m.ParentId == turn.UserMessage.Id));
    }

    [Fact]
    public async Task TheDatabaseHoldsOneTurnStreamingPerChatAcrossInstances()
    {
        var chatId = await ChatWithAsync("start");
        var question = (await Chats.GetMessagesAsync(_user, chatId))![0].Id;
        Message Streaming(int? slot) => new()
        {
            ChatId = chatId, ParentId = question, Role = MessageRole.Assistant, Status = MessageStatus.Streaming, CompareSlot = slot,
            CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
        };
        await using (var db = _app.CreateDbContext())
        {
            db.Messages.AddRange(Streaming(1), Streaming(2)); // a compare's pair
            await db.SaveChangesAsync();
        }
        // What another instance's send would write meanwhile: refused by the unique index.
        foreach (var slot in new int?[] { null, 1 })
        {
            await using var db = _app.CreateDbContext();
            db.Messages.Add(Streaming(slot));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
    }

    [Fact]
    public async Task PickingTheSecondReplyContinuesTheConversationFromIt()
    {
        var chatId = await ChatWithAsync("start");
        var turn = await Replies.CompareAsync(_user, chatId, "say something", new ModelChoice("openai", "gpt-4o"), Gemini);
        var (first, second) = (await DoneAsync(turn.First), await DoneAsync(turn.Second));
        await using (var db = _app.CreateDbContext())
        {
            // Tell the two replies apart in the next context: the echo servers answer the same text.
            await db.Messages.Where(m => m.Id == first.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Content, "GPT said so"));
            await db.Messages.Where(m => m.Id == second.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Content, "Gemini said so"));
        }

        var page = await Chats.SwitchBranchAsync(_user, chatId, second.Id);
        Assert.Equal((second.Id, 2, 2), (page!.Messages[^1].Id, page.Messages[^1].Siblings!.Index, page.Messages[^1].Siblings!.Count));
        await DoneAsync(await Replies.SendAsync(_user, chatId, "and then", Gpt));

        var context = OpenAiReceived("and then");
        Assert.Equal(["start", "Echo: start", "say something", "Gemini said so", "and then"], context);
        Assert.DoesNotContain("GPT said so", context);
    }

    [Fact]
    public async Task TheTwoSidesMustBeTwoDifferentKnownModels()
    {
        var chatId = await ChatWithAsync("start");
        foreach (var (a, b) in new[] { (Gpt, Gpt), (Gpt, new ModelChoice("openai", "gpt-9")), (new ModelChoice("nope", "x"), Gemini), (Gpt, new ModelChoice()) })
            Assert.Equal(ChatErrorKind.Validation, (await Assert.ThrowsAsync<ChatException>(() => Replies.CompareAsync(_user, chatId, "q", a, b))).Kind);
        Assert.Equal(2, (await Chats.GetMessagesAsync(_user, chatId))!.Count);
    }

    [Fact]
    public async Task BothRepliesCountAgainstTheLimitOfRepliesGeneratingAtOnce()
    {
        // The limit is 3: two replies generating elsewhere leave room for one, not for a compare's two.
        var busy = new List<Generation>();
        foreach (var text in new[] { "a b c d e f g h i j k l m n o p", "q r s t u v w x y z a b c d e f" })
            busy.Add(await Replies.SendAsync(_user, Guid.NewGuid(), text, new ModelChoice("openai", "fault-trickle-150"), createChat: true));
        var chatId = Guid.NewGuid();

        var refused = await Assert.ThrowsAsync<ChatException>(() => Replies.CompareAsync(_user, chatId, "q", Gpt, Gemini, createChat: true));
        Assert.Equal(ChatErrorKind.RateLimited, refused.Kind);
        foreach (var generation in busy) Replies.Stop(_user, generation.ChatId);
        foreach (var generation in busy) await DoneAsync(generation);
        await Waits.UntilAsync(() => busy.All(g => Replies.FindGeneration(_user, g.ChatId) is null));
        var turn = await Replies.CompareAsync(_user, chatId, "q", Gpt, Gemini, createChat: true);
        Assert.Equal(MessageStatus.Complete, (await DoneAsync(turn.Second)).Status);
    }

    [Fact]
    public async Task AnotherUsersChatIsNotFoundAndNothingIsWritten()
    {
        var chatId = await ChatWithAsync("mine");
        var mallory = await _app.CreateUserAsync(TestUsers.NewEmail());

        Assert.Equal(ChatErrorKind.NotFound, (await Assert.ThrowsAsync<ChatException>(() => Replies.CompareAsync(mallory, chatId, "hers", Gpt, Gemini))).Kind);
        var reply = (await Chats.GetMessagesAsync(_user, chatId))![^1];
        Assert.False(await Replies.StopReplyAsync(mallory, chatId, reply.Id));
        Assert.Equal(["mine", "Echo: mine"], (await Chats.GetMessagesAsync(_user, chatId))!.Select(m => m.Content));
    }
}
