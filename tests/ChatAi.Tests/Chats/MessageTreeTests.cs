using System.Text.Json;
using ChatAi.Core.Chats;
using ChatAi.Core.Data;
using ChatAi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChatAi.Tests.Chats;

/// <summary>The message tree on SQLite; Postgres/PostgresMessageTreeTests runs the same scenarios on PostgreSQL.</summary>
public sealed class MessageTreeTests() : MessageTreeScenarios(TestDatabase.Sqlite);

/// <summary>Send, Regenerate, Edit and Switch build and walk a chat's message tree (ReplyService.Tree.cs, ChatService.Branches.cs), once per database.</summary>
public abstract class MessageTreeScenarios(Func<TestDatabase> database) : IAsyncLifetime
{
    private FakeProviders _fakes = null!;
    private ChatAiApplication _app = null!;
    private string _user = "";
    private ChatService Chats => _app.Chats;
    private ReplyService Replies => _app.Replies;
    private LegacyMessageLog MessageLog => _app.MessageLog;

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

    private static async Task<Message> DoneAsync(Task<Generation> started) =>
        (await (await started).Completion.WaitAsync(TimeSpan.FromSeconds(20))).Message;

    private Task<Message> SendAsync(Guid chatId, string text) => DoneAsync(Replies.SendAsync(_user, chatId, text, createChat: true));

    private async Task<List<(string Content, int Index, int Count)>> PathAsync(Guid chatId) =>
        (await Chats.GetMessagesAsync(_user, chatId))!.Select(m => (m.Content, m.Siblings!.Index, m.Siblings.Count)).ToList();

    /// <summary>The conversation the fake OpenAI server received for the reply to <paramref name="text"/> (the last such request).</summary>
    private List<string?> ReceivedFor(string text) =>
        JsonDocument.Parse(_fakes.OpenAi.Requests.Last(r => r.Body.Contains(text) && !r.Body.Contains("title of at most")).Body)
            .RootElement.GetProperty("messages").EnumerateArray().Skip(1).Select(m => m.GetProperty("content").GetString()).ToList();

    [Fact]
    public async Task SendingAppendsEachMessageUnderThePreviousOneAndMovesTheLeaf()
    {
        var chatId = Guid.NewGuid();
        await SendAsync(chatId, "one");
        var reply = await SendAsync(chatId, "two");

        await using var db = _app.CreateDbContext();
        var stored = await db.Messages.Where(m => m.ChatId == chatId).OrderBy(m => m.Id).ToListAsync();
        Assert.Equal([null, stored[0].Id, stored[1].Id, stored[2].Id], stored.Select(m => m.ParentId));
        Assert.Equal(reply.Id, (await db.Chats.SingleAsync(c => c.Id == chatId)).CurrentLeafId);
        Assert.Equal([("one", 1, 1), ("Echo: one", 1, 1), ("two", 1, 1), ("Echo: two", 1, 1)], await PathAsync(chatId));
    }

    [Fact]
    public async Task RegenerateKeepsTheOldReplyAsASiblingAndSwitchingBackShowsIt()
    {
        var chatId = Guid.NewGuid();
        var first = await SendAsync(chatId, "pick a colour");
        var second = await DoneAsync(Replies.RegenerateAsync(_user, chatId));
        var third = await DoneAsync(Replies.RegenerateAsync(_user, chatId));

        var path = (await Chats.GetMessagesAsync(_user, chatId))!;
        Assert.Equal(third.Id, path[^1].Id);
        Assert.Equal((3, 3), (path[^1].Siblings!.Index, path[^1].Siblings!.Count));
        Assert.Equal([first.Id, second.Id, third.Id], path[^1].Siblings!.Ids);
        Assert.Equal(second.Id, path[^1].Siblings!.Previous);

        var page = await Chats.SwitchBranchAsync(_user, chatId, first.Id);
        Assert.Equal([path[0].Id, first.Id], page!.Messages.Select(m => m.Id));
        Assert.Equal((1, 3, (long?)second.Id), (page.Messages[1].Siblings!.Index, page.Messages[1].Siblings!.Count, page.Messages[1].Siblings!.Next));
        // Remembered: a fresh read (another tab, a reload) shows the first answer.
        Assert.Equal(first.Id, (await Chats.GetMessagesAsync(_user, chatId))![^1].Id);
        Assert.Equal(first.Id, (await Chats.GetMessagePageAsync(_user, chatId, 50))!.Messages[^1].Id);
    }

    [Fact]
    public async Task EditingAddsASiblingQuestionWithAFreshReplyAndTheModelSeesOnlyThatBranch()
    {
        var chatId = Guid.NewGuid();
        await SendAsync(chatId, "start");
        var original = (await Chats.GetMessagesAsync(_user, chatId))![0];
        await SendAsync(chatId, "the cat sat");
        var question = (await Chats.GetMessagesAsync(_user, chatId))![2];
        await SendAsync(chatId, "and then?");

        var reply = await DoneAsync(Replies.EditAsync(_user, chatId, question.Id, "the dog ran"));

        Assert.Equal([("start", 1, 1), ("Echo: start", 1, 1), ("the dog ran", 2, 2), ("Echo: the dog ran", 1, 1)], await PathAsync(chatId));
        Assert.Equal(["start", "Echo: start", "the dog ran"], ReceivedFor("the dog ran"));
        Assert.Equal(MessageStatus.Complete, reply.Status);

        // Back to the first version: its whole branch, down to its newest leaf, is there.
        await Chats.SwitchBranchAsync(_user, chatId, question.Id);
        Assert.Equal([("start", 1, 1), ("Echo: start", 1, 1), ("the cat sat", 1, 2), ("Echo: the cat sat", 1, 1), ("and then?", 1, 1), ("Echo: and then?", 1, 1)],
            await PathAsync(chatId));
        // The next message continues the shown branch, and its context never holds the other one.
        await SendAsync(chatId, "what next");
        Assert.DoesNotContain("the dog ran", ReceivedFor("what next"));
        Assert.Equal("Echo: and then?", ReceivedFor("what next")[^2]);

        // Editing the first message starts a second root.
        await DoneAsync(Replies.EditAsync(_user, chatId, original.Id, "restart"));
        Assert.Equal([("restart", 2, 2), ("Echo: restart", 1, 1)], await PathAsync(chatId));
    }

    [Fact]
    public async Task PagesWalkTheCurrentPathOnly()
    {
        var chatId = Guid.NewGuid();
        for (var i = 1; i <= 4; i++) await SendAsync(chatId, $"m{i}");
        await DoneAsync(Replies.RegenerateAsync(_user, chatId));
        var newest = await Chats.GetMessagePageAsync(_user, chatId, 3);
        Assert.Equal(["Echo: m3", "m4", "Echo: m4"], newest!.Messages.Select(m => m.Content));
        Assert.Equal(2, newest.Messages[^1].Siblings!.Index);
        Assert.True(newest.HasEarlier);
        var earlier = await Chats.GetMessagePageAsync(_user, chatId, 10, beforeId: newest.Messages[0].Id);
        Assert.Equal(["m1", "Echo: m1", "m2", "Echo: m2", "m3"], earlier!.Messages.Select(m => m.Content));
        Assert.False(earlier.HasEarlier);
    }

    [Fact]
    public async Task SwitchEditAndRegenerateAreRefusedWhileAReplyGeneratesAndTheReplyIsKept()
    {
        var chatId = Guid.NewGuid();
        await SendAsync(chatId, "first");
        var question = (await Chats.GetMessagesAsync(_user, chatId))![0];
        var generation = await Replies.SendAsync(_user, chatId, "one two three four five six seven eight nine ten",
            new ModelChoice("openai", "fault-trickle-150"));
        while (generation.Length == 0) await Task.Delay(20);

        Assert.Equal(ChatErrorKind.Conflict, (await Assert.ThrowsAsync<ChatException>(() => Chats.SwitchBranchAsync(_user, chatId, question.Id))).Kind);
        Assert.Equal(ChatErrorKind.Conflict, (await Assert.ThrowsAsync<ChatException>(() => Replies.EditAsync(_user, chatId, question.Id, "x"))).Kind);
        Assert.Equal(ChatErrorKind.Conflict, (await Assert.ThrowsAsync<ChatException>(() => Replies.RegenerateAsync(_user, chatId))).Kind);

        Assert.True(Replies.Stop(_user, chatId));
        var stopped = (await generation.Completion.WaitAsync(TimeSpan.FromSeconds(10))).Message;
        Assert.Equal(stopped.Id, (await Chats.GetMessagesAsync(_user, chatId))![^1].Id);
    }

    [Fact]
    public async Task AnotherUsersChatOrMessageIsNotFound()
    {
        var chatId = Guid.NewGuid();
        await SendAsync(chatId, "mine");
        var mine = (await Chats.GetMessagesAsync(_user, chatId))![0];
        var mallory = await _app.CreateUserAsync(TestUsers.NewEmail());
        var hers = Guid.NewGuid();
        await DoneAsync(Replies.SendAsync(mallory, hers, "hers", createChat: true));

        Assert.Null(await Chats.SwitchBranchAsync(mallory, chatId, mine.Id));
        Assert.Equal(ChatErrorKind.NotFound, (await Assert.ThrowsAsync<ChatException>(() => Replies.EditAsync(mallory, chatId, mine.Id, "x"))).Kind);
        // Her own chat, my message id: still not found, and nothing is written.
        Assert.Equal(ChatErrorKind.NotFound, (await Assert.ThrowsAsync<ChatException>(() => Chats.SwitchBranchAsync(mallory, hers, mine.Id))).Kind);
        Assert.Equal(ChatErrorKind.NotFound, (await Assert.ThrowsAsync<ChatException>(() => Replies.EditAsync(mallory, hers, mine.Id, "x"))).Kind);
        Assert.Equal(["mine", "Echo: mine"], (await Chats.GetMessagesAsync(_user, chatId))!.Select(m => m.Content));
        Assert.Equal(["hers", "Echo: hers"], (await Chats.GetMessagesAsync(mallory, hers))!.Select(m => m.Content));
    }

    [Fact]
    public async Task TheMessageLogAppendsToTheCurrentLeaf()
    {
        await DoneAsync(MessageLog.SendToMessageLogAsync(_user, "logged one", null));
        var first = (await MessageLog.ListUserMessagesAsync(_user, 10))[^1];
        await DoneAsync(Replies.RegenerateAsync(_user, first.ChatId));
        var logged = await MessageLog.AddToMessageLogAsync(_user, "logged two");

        var path = (await Chats.GetMessagesAsync(_user, first.ChatId))!;
        Assert.Equal(["logged one", "Echo: logged one", "logged two"], path.Select(m => m.Content));
        Assert.Equal((2, 2), (path[1].Siblings!.Index, path[1].Siblings!.Count));
        Assert.Equal(path[1].Id, logged.ParentId);
    }
}
