using System.Text.Json;
using ChatAi.Core.Chats;
using ChatAi.Core.Data;
using ChatAi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChatAi.Tests.Chats;

/// <summary>Generation on SQLite; Postgres/PostgresGenerationTests runs the same scenarios on PostgreSQL.</summary>
public sealed class GenerationTests() : GenerationScenarios(TestDatabase.Sqlite);

/// <summary>ReplyService against the fake OpenAI and Gemini servers: what is sent, stored and refused (once per database).</summary>
public abstract class GenerationScenarios(Func<TestDatabase> database) : IAsyncLifetime
{
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

    private async Task<Message> SendAndWaitAsync(Guid chatId, string text, ModelChoice? choice = null)
    {
        var generation = await Replies.SendAsync(_user, chatId, text, choice, createChat: true);
        return (await generation.Completion.WaitAsync(TimeSpan.FromSeconds(20))).Message;
    }

    private async Task<List<Message>> StoredAsync(Guid chatId)
    {
        await using var db = _app.CreateDbContext();
        return await db.Messages.Where(m => m.ChatId == chatId).OrderBy(m => m.Id).ToListAsync();
    }

    [Fact]
    public async Task AReplyStreamsIntoAStoredCompleteMessageWithUsage()
    {
        var chatId = Guid.NewGuid();
        var reply = await SendAndWaitAsync(chatId, "Hello there");

        Assert.Equal(MessageStatus.Complete, reply.Status);
        Assert.Equal("Echo: Hello there", reply.Content);
        Assert.True(reply.CompletionTokens > 0);
        var stored = await StoredAsync(chatId);
        Assert.Equal([MessageRole.User, MessageRole.Assistant], stored.Select(m => m.Role));
        Assert.Equal(("openai", "gpt-4o-mini"), (stored[1].Provider, stored[1].Model));
        // What the final save wrote, read back from the database, not only the message it returned.
        Assert.Equal((MessageStatus.Complete, "Echo: Hello there"), (stored[1].Status, stored[1].Content));
        Assert.Equal((reply.PromptTokens, reply.CompletionTokens), (stored[1].PromptTokens, stored[1].CompletionTokens));
        var request = _fakes.OpenAi.Requests.First(r => r.Body.Contains("Hello there") && !r.Body.Contains("title of at most"));
        Assert.Equal("Bearer " + FakeProviders.OpenAiKey, request.Header("Authorization"));
    }

    [Fact]
    public async Task AReplysFinalSaveWritesTheChatAndTheReplyInOneCommandAndReturnsTheStoredReply()
    {
        var chatId = Guid.NewGuid();
        await SendAndWaitAsync(chatId, "Hello there");
        using var commands = new DbCommandLog(chatId);
        // A pooled context that found no listener keeps not looking for EF's logging cache time (1 s).
        var listening = DateTime.UtcNow.AddSeconds(1.5);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((commands.Commands.Count == 0 || DateTime.UtcNow < listening) && DateTime.UtcNow < deadline) await StoredAsync(chatId);
        commands.Clear();

        var reply = await SendAndWaitAsync(chatId, "Again");

        // One command updates both the chat (its last activity) and the reply (bench/README.md, figure 1, session 7).
        var saves = commands.Commands.Where(c => c.Contains("UPDATE \"Messages\"", StringComparison.Ordinal)).ToList();
        Assert.True(saves.Count == 1 && saves[0].Contains("UPDATE \"Chats\"", StringComparison.Ordinal),
            $"{saves.Count} commands update the reply: " + string.Join(" | ", commands.Commands));
        var stored = (await StoredAsync(chatId)).Single(m => m.Id == reply.Id);
        Assert.Equal((stored.ParentId, stored.Provider, stored.Model, stored.Status, stored.Content, stored.CompletionTokens),
            (reply.ParentId, reply.Provider, reply.Model, reply.Status, reply.Content, reply.CompletionTokens));
        Assert.Equal(MessageStatus.Complete, reply.Status);
        Assert.NotNull(reply.ParentId);
    }

    [Fact]
    public async Task TheModelGetsTheSystemPromptAndOnlyTheLastTenMessagesOldestFirst()
    {
        var chatId = Guid.NewGuid();
        for (var i = 1; i <= 6; i++) await SendAndWaitAsync(chatId, $"message {i}");
        var before = _fakes.OpenAi.RequestCount;
        await SendAndWaitAsync(chatId, "message 7");

        var request = _fakes.OpenAi.Requests.Skip(before).Single();
        var messages = JsonDocument.Parse(request.Body).RootElement.GetProperty("messages").EnumerateArray()
            .Select(m => (Role: m.GetProperty("role").GetString(), Text: m.GetProperty("content").GetString())).ToList();
        Assert.Equal("system", messages[0].Role);
        var history = messages.Skip(1).ToList();
        Assert.Equal(10, history.Count);
        // 13 messages exist before the reply (7 user + 6 replies); the last 10 start at "message 3"'s reply.
        Assert.Equal(("assistant", "Echo: message 2"), history[0]);
        Assert.Equal(("user", "message 7"), history[^1]);
    }

    [Fact]
    public async Task AProviderFailureKeepsTheUserMessageAndMarksTheReplyFailed()
    {
        var chatId = Guid.NewGuid();
        var before = _fakes.OpenAi.RequestCount;
        var reply = await SendAndWaitAsync(chatId, "Will this work?", new ModelChoice("openai", "fault-500"));
        await Replies.WaitForTitleAsync(chatId, TimeSpan.FromSeconds(5));

        Assert.Equal(MessageStatus.Failed, reply.Status);
        Assert.False(string.IsNullOrWhiteSpace(reply.Error));
        Assert.DoesNotContain(FakeProviders.OpenAiKey, reply.Error);
        var stored = await StoredAsync(chatId);
        Assert.Equal("Will this work?", stored[0].Content);
        // The reply: one try plus two retries. The title request fails the same way, also retried.
        Assert.Equal(6, _fakes.OpenAi.RequestCount - before);

        var retry = await Replies.RegenerateAsync(_user, chatId, new ModelChoice("openai", "gpt-4o-mini"));
        var retried = (await retry.Completion.WaitAsync(TimeSpan.FromSeconds(10))).Message;
        Assert.Equal(MessageStatus.Complete, retried.Status);
        // The failed reply stays as the first version; the chat shows the new one.
        Assert.Equal(["Will this work?", "", "Echo: Will this work?"], (await StoredAsync(chatId)).Select(m => m.Content));
        Assert.Equal(["Will this work?", "Echo: Will this work?"], (await Chats.GetMessagesAsync(_user, chatId))!.Select(m => m.Content));
    }

    [Fact]
    public async Task AnInvalidKeyIsReportedWithoutRetryingAndWithoutTheKey()
    {
        var before = _fakes.OpenAi.RequestCount;
        var generation = await Replies.SendAsync(_user, Guid.NewGuid(), "hi", new ModelChoice("openai", "fault-401"), createChat: true);
        var outcome = await generation.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(ChatErrorKind.ProviderRejectedKey, outcome.Error?.Kind);
        Assert.DoesNotContain("CANARY", outcome.Message.Error);
        await Replies.WaitForTitleAsync(generation.ChatId, TimeSpan.FromSeconds(5));
        Assert.Equal(2, _fakes.OpenAi.RequestCount - before); // the reply and the title, once each
    }

    [Fact]
    public async Task StopCancelsTheUpstreamRequestAndKeepsThePartialReply()
    {
        var chatId = Guid.NewGuid();
        var generation = await Replies.SendAsync(_user, chatId, "one two three four five six seven eight nine ten",
            new ModelChoice("openai", "fault-trickle-150"), createChat: true);
        while (generation.Length == 0) await Task.Delay(20);
        var upstream = _fakes.OpenAi.Requests.Last(r => r.Body.Contains("\"stream\":true") && !r.Body.Contains("title of at most"));

        Assert.True(Replies.Stop(_user, chatId));
        var outcome = await generation.Completion.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(MessageStatus.Stopped, outcome.Message.Status);
        Assert.StartsWith("Echo:", outcome.Message.Content);
        Assert.NotEqual("Echo: one two three four five six seven eight nine ten", outcome.Message.Content);
        Assert.True(await upstream.WaitForDisconnectAsync(TimeSpan.FromSeconds(10)), "the upstream request was not cancelled (the fake marks only a client that left, never a stream that ended)");
        Assert.Equal(outcome.Message.Content, (await StoredAsync(chatId))[1].Content);
    }

    [Fact]
    public async Task DeletingAChatWhileItsReplyIsGeneratingStopsTheReplyAndItsUpstreamRequest()
    {
        // The UI's delete (ChatListItem) and the API's both call DeleteChatAsync: the rule lives there once.
        var chatId = Guid.NewGuid();
        var generation = await Replies.SendAsync(_user, chatId, "one two three four five six seven eight nine ten",
            new ModelChoice("openai", "fault-trickle-150"), createChat: true);
        while (generation.Length == 0) await Task.Delay(20);
        var upstream = _fakes.OpenAi.Requests.Last(r => r.Body.Contains("\"stream\":true") && r.Body.Contains("one two three") && !r.Body.Contains("title of at most"));

        Assert.True(await Chats.DeleteChatAsync(_user, chatId));
        // Stopped by the delete itself, not a second later by the heartbeat finding the reply's row gone.
        Assert.True(generation.Cancellation.IsCancellationRequested, "deleting the chat did not stop its reply");
        var outcome = await generation.Completion.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(MessageStatus.Stopped, outcome.Message.Status);
        Assert.True(await upstream.WaitForDisconnectAsync(TimeSpan.FromSeconds(10)), "the upstream request was not cancelled (the fake marks only a client that left, never a stream that ended)");
        Assert.Null(Replies.FindGeneration(_user, chatId));
        Assert.Null(await Chats.FindChatAsync(_user, chatId));
        Assert.Empty(await StoredAsync(chatId));
    }

    [Fact]
    public async Task ASecondSendWhileAReplyIsGeneratingIsRefused()
    {
        var chatId = Guid.NewGuid();
        var first = await Replies.SendAsync(_user, chatId, "slow please", new ModelChoice("openai", "fault-trickle-40"), createChat: true);
        var error = await Assert.ThrowsAsync<ChatException>(() => Replies.SendAsync(_user, chatId, "me too"));
        Assert.Equal(ChatErrorKind.Conflict, error.Kind);
        await first.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.DoesNotContain(await StoredAsync(chatId), m => m.Content == "me too");
    }

    [Fact]
    public async Task TheFirstMessageGetsAModelTitleAndFallsBackToItsFirstWords()
    {
        var chatId = Guid.NewGuid();
        await SendAndWaitAsync(chatId, "Plan a three day trip to Lisbon");
        await Replies.WaitForTitleAsync(chatId, TimeSpan.FromSeconds(5));
        Assert.Equal("Echo: Plan a three day", (await Chats.FindChatAsync(_user, chatId))!.Title);

        var failing = Guid.NewGuid();
        await SendAndWaitAsync(failing, "Explain quantum tunnelling to a child", new ModelChoice("openai", "fault-500"));
        await Replies.WaitForTitleAsync(failing, TimeSpan.FromSeconds(5));
        Assert.Equal("Explain quantum tunnelling to a", (await Chats.FindChatAsync(_user, failing))!.Title);
    }

    [Fact]
    public async Task SwitchingTheModelSendsTheNextMessageToGemini()
    {
        var chatId = Guid.NewGuid();
        await SendAndWaitAsync(chatId, "first to openai");
        await Chats.UpdateChatAsync(_user, chatId, new ChatUpdate(Provider: "gemini", Model: "gemini-2.5-pro"));
        var geminiBefore = _fakes.Gemini.RequestCount;
        var reply = await SendAndWaitAsync(chatId, "then to gemini");

        Assert.Equal(("gemini", "gemini-2.5-pro", MessageStatus.Complete), (reply.Provider, reply.Model, reply.Status));
        var request = _fakes.Gemini.Requests.Skip(geminiBefore).Single();
        Assert.Contains("gemini-2.5-pro:streamGenerateContent", request.Path);
        Assert.Equal(FakeProviders.GeminiKey, request.Header("x-goog-api-key"));
        Assert.DoesNotContain("CANARY", request.Query);
    }

    [Theory]
    [InlineData("openai", "fault-content-filter", MessageStatus.Blocked)]
    [InlineData("gemini", "fault-block-prompt", MessageStatus.Blocked)]
    [InlineData("gemini", "fault-block-midstream", MessageStatus.Blocked)]
    [InlineData("openai", "fault-length", MessageStatus.Truncated)]
    [InlineData("openai", "fault-truncate-after-2", MessageStatus.Failed)]
    [InlineData("openai", "fault-error-after-1", MessageStatus.Failed)]
    [InlineData("openai", "fault-stall-after-2", MessageStatus.Failed)]
    public async Task EveryEndingIsStoredHonestly(string provider, string model, MessageStatus expected)
    {
        var reply = await SendAndWaitAsync(Guid.NewGuid(), "tell me something", new ModelChoice(provider, model));
        Assert.Equal(expected, reply.Status);
        if (expected != MessageStatus.Complete) Assert.False(string.IsNullOrWhiteSpace(reply.Error));
    }

    [Fact]
    public async Task UnknownModelsAndForeignChatsAreRefusedBeforeAnythingIsStored()
    {
        var chatId = Guid.NewGuid();
        var unknown = await Assert.ThrowsAsync<ChatException>(() => Replies.SendAsync(_user, chatId, "hi", new ModelChoice("openai", "gpt-9"), createChat: true));
        Assert.Equal(ChatErrorKind.Validation, unknown.Kind);
        Assert.Contains("gpt-4o-mini", unknown.Message);
        Assert.Null(await Chats.FindChatAsync(_user, chatId));

        await SendAndWaitAsync(chatId, "mine");
        var other = await _app.CreateUserAsync(TestUsers.NewEmail("other"));
        var before = _fakes.OpenAi.RequestCount;
        var foreign = await Assert.ThrowsAsync<ChatException>(() => Replies.SendAsync(other, chatId, "hijack", createChat: true));
        Assert.Equal(ChatErrorKind.NotFound, foreign.Kind);
        Assert.Equal(before, _fakes.OpenAi.RequestCount);
        Assert.False(Replies.Stop(other, chatId));
        Assert.DoesNotContain(await StoredAsync(chatId), m => m.Content == "hijack");
    }
}
