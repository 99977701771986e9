using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ChatAi.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ChatAi.Tests.Api;

/// <summary>On SQLite; Postgres/PostgresApiTests.cs runs the same scenarios on PostgreSQL.</summary>
public sealed class MessagesApiTests(ApiFixture api) : MessagesApiScenarios(api), IClassFixture<ApiFixture>;

/// <summary>Sending messages through the current API: JSON that waits, and Server-Sent Events that stream.</summary>
public abstract class MessagesApiScenarios(ApiFixture api)
{
    [Fact]
    public async Task AJsonSendWaitsAndAnswersCreatedWithTheAssistantMessage()
    {
        var caller = await api.SignInAsync();
        var chatId = await NewChatAsync(caller);

        using var response = await SendAsync(caller, chatId, new { content = "Hello there" }, "application/json");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var reply = await response.JsonAsync();
        var replyId = reply.GetProperty("id").GetInt64();
        Assert.Equal($"/api/chats/{chatId}/messages/{replyId}", response.Headers.Location?.OriginalString);
        Assert.Equal(("assistant", "Echo: Hello there", "complete", "openai", "gpt-4o-mini"),
            (reply.GetProperty("role").GetString(), reply.GetProperty("content").GetString(), reply.GetProperty("status").GetString(),
             reply.GetProperty("provider").GetString(), reply.GetProperty("model").GetString()));
        Assert.True(reply.GetProperty("usage").GetProperty("completion_tokens").GetInt32() > 0);

        var messages = await caller.Http.GetJsonAsync($"/api/chats/{chatId}/messages");
        Assert.Equal(["user", "assistant"], messages.EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        Assert.Equal(replyId, (await caller.Http.GetJsonAsync($"/api/chats/{chatId}/messages/{replyId}")).GetProperty("id").GetInt64());
        var chat = await caller.Http.GetJsonAsync($"/api/chats/{chatId}");
        Assert.Equal("Echo: Hello there", chat.GetProperty("title").GetString());
    }

    [Fact]
    public async Task AReplysCreatedAtIsWhenTheReplyWasWrittenNotJustAfterTheUsersMessage()
    {
        var caller = await api.SignInAsync();
        var chatId = await NewChatAsync(caller, "fault-trickle-150");
        using (var response = await SendAsync(caller, chatId, new { content = "Take your time" }, "application/json"))
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        var messages = (await caller.Http.GetJsonAsync($"/api/chats/{chatId}/messages")).EnumerateArray().ToList();
        var asked = messages[0].GetProperty("created_at").GetDateTime();
        var answered = messages[1].GetProperty("created_at").GetDateTime();
        // The fake sends its words 150 ms apart: the reply was written well after the question.
        Assert.True(answered - asked >= TimeSpan.FromMilliseconds(250), $"asked {asked:O}, answered {answered:O}");
    }

    [Fact]
    public async Task AModelOfTheOtherProviderSwitchesTheChatToIt()
    {
        var caller = await api.SignInAsync();
        var chatId = await NewChatAsync(caller);
        using var response = await SendAsync(caller, chatId, new { content = "To Gemini", model = "gemini-2.5-pro" }, "application/json");
        var reply = await response.JsonAsync();
        Assert.Equal(("gemini", "gemini-2.5-pro"), (reply.GetProperty("provider").GetString(), reply.GetProperty("model").GetString()));
        Assert.Equal("gemini", (await caller.Http.GetJsonAsync($"/api/chats/{chatId}")).GetProperty("provider").GetString());
    }

    [Fact]
    public async Task ASendNamingOnlyAModelReadsTheChatOnceAsAnySendDoes()
    {
        // Which provider offers the model is ReplyService's rule, worked out on the chat it reads anyway.
        var caller = await api.SignInAsync();
        var chatId = await NewChatAsync(caller);
        using (var first = await SendAsync(caller, chatId, new { content = "Hello" }, "application/json"))
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        using var commands = new Infrastructure.DbCommandLog(chatId);
        // A pooled context that found no listener keeps not looking for EF's logging cache time (1 s): read the
        // chat until the log sees it and that time has passed.
        var listening = DateTime.UtcNow.AddSeconds(1.5);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((commands.Commands.Count == 0 || DateTime.UtcNow < listening) && DateTime.UtcNow < deadline)
            (await caller.Http.GetAsync($"/api/chats/{chatId}")).Dispose();
        Assert.NotEmpty(commands.Commands);
        commands.Clear();
        using var response = await SendAsync(caller, chatId, new { content = "To Gemini", model = "gemini-2.5-pro" }, "application/json");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var chatReads = commands.Commands.Where(c => c.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) && c.Contains("FROM \"Chats\"")).ToList();
        Assert.True(chatReads.Count == 1, $"{chatReads.Count} reads of the chat: " + string.Join(" | ", chatReads));
        Assert.Equal("gemini", (await response.JsonAsync()).GetProperty("provider").GetString());
    }

    [Fact]
    public async Task AStreamedReplyArrivesAsDeltasAsItIsGeneratedThenDone()
    {
        var caller = await api.SignInAsync();
        var chatId = await NewChatAsync(caller, "fault-trickle-400");

        using var response = await SendAsync(caller, chatId, new { content = "one two three four five" }, "text/event-stream");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = new SseEvents(await response.Content.ReadAsStreamAsync());

        var first = await events.NextAsync();
        Assert.Equal("delta", first?.Name);
        Assert.NotNull(api.App.Replies.FindGeneration(caller.Id, chatId)); // still generating: the event was flushed, not buffered
        var rest = await events.ReadAllAsync();
        var deltas = rest.Where(e => e.Name == "delta").Prepend(first!).Select(e => e.Data.GetProperty("text").GetString()).ToList();
        Assert.True(deltas.Count > 2);
        Assert.Equal("Echo: one two three four five", string.Concat(deltas));
        var done = rest[^1];
        Assert.Equal("done", done.Name);
        Assert.Equal("complete", done.Data.GetProperty("status").GetString());
        Assert.True(done.Data.GetProperty("usage").GetProperty("completion_tokens").GetInt32() > 0);
        var stored = await caller.Http.GetJsonAsync($"/api/chats/{chatId}/messages/{done.Data.GetProperty("message_id").GetInt64()}");
        Assert.Equal("Echo: one two three four five", stored.GetProperty("content").GetString());
    }

    [Fact]
    public async Task AStreamingClientThatDisconnectsStopsTheReplyAndTheUpstreamCall()
    {
        var caller = await api.SignInAsync();
        // Slow enough that the reply cannot finish before a busy server notices the disconnect.
        var chatId = await NewChatAsync(caller, "fault-trickle-400");
        const string content = "one two three four five six seven eight nine ten";

        var response = await SendAsync(caller, chatId, new { content }, "text/event-stream");
        var events = new SseEvents(await response.Content.ReadAsStreamAsync());
        Assert.Equal("delta", (await events.NextAsync())?.Name);
        var upstream = api.Fakes.OpenAi.Requests.Last(r => r.Body.Contains("\"stream\":true") && r.Body.Contains(content) && !r.Body.Contains("title of at most"));
        response.Dispose(); // closes the connection mid-stream

        await Waits.UntilAsync(() => api.App.Replies.FindGeneration(caller.Id, chatId) is null, timeoutMs: 10_000);
        await using var db = api.App.CreateDbContext();
        var reply = await db.Messages.SingleAsync(m => m.ChatId == chatId && m.Role == MessageRole.Assistant);
        Assert.Equal(MessageStatus.Stopped, reply.Status);
        Assert.StartsWith("Echo:", reply.Content);
        Assert.NotEqual("Echo: " + content, reply.Content);
        Assert.True(await upstream.WaitForDisconnectAsync(TimeSpan.FromSeconds(10)),
            $"the upstream request was not cancelled (finished: {upstream.Finished}, stored: '{reply.Content}')");
        Assert.Equal("stopped", (await caller.Http.GetJsonAsync($"/api/chats/{chatId}/messages"))[1].GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("fault-401", 502)]
    [InlineData("fault-content-filter", 422)]
    public async Task AFailedStreamEndsWithAnErrorEventCarryingTheStatus(string model, int status)
    {
        var caller = await api.SignInAsync();
        var chatId = await NewChatAsync(caller, model);
        using var response = await SendAsync(caller, chatId, new { content = "hi" }, "text/event-stream");
        var events = await new SseEvents(await response.Content.ReadAsStreamAsync()).ReadAllAsync();
        var error = events[^1];
        Assert.Equal("error", error.Name);
        Assert.Equal(status, error.Data.GetProperty("status").GetInt32());
        Assert.DoesNotContain("CANARY", error.Data.GetProperty("error").GetString());

        using var json = await SendAsync(caller, chatId, new { content = "again" }, "application/json");
        await ChatsApiTests.AssertProblemAsync(json, status);
    }

    [Fact]
    public async Task RefusedSendsAreProblemDetailsAndWriteNothing()
    {
        var caller = await api.SignInAsync();
        var other = await api.SignInAsync("other");
        var chatId = await NewChatAsync(caller, "fault-trickle-400");
        var before = api.Fakes.OpenAi.RequestCount;

        await ChatsApiTests.AssertProblemAsync(await SendAsync(other, chatId, new { content = "hijack" }, "application/json"), 404);
        await ChatsApiTests.AssertProblemAsync(await SendAsync(other, chatId, new { content = "hijack" }, "text/event-stream"), 404);
        await ChatsApiTests.AssertProblemAsync(await other.Http.GetAsync($"/api/chats/{chatId}/messages"), 404);
        await ChatsApiTests.AssertProblemAsync(await SendAsync(caller, Guid.NewGuid(), new { content = "nowhere" }, "application/json"), 404);
        await ChatsApiTests.AssertProblemAsync(await SendAsync(caller, chatId, new { content = " " }, "application/json"), 400, "There was no prompt passed.");
        await ChatsApiTests.AssertProblemAsync(await SendAsync(caller, chatId, new { content = new string('x', 32_001) }, "application/json"), 413, "32000");
        await ChatsApiTests.AssertProblemAsync(await caller.Http.PostRawAsync($"/api/chats/{chatId}/messages", "content=hi", "application/x-www-form-urlencoded"), 415);
        await ChatsApiTests.AssertProblemAsync(await caller.Http.PostRawAsync($"/api/chats/{chatId}/messages", "{\"content\": 5"), 400);
        Assert.Equal(before, api.Fakes.OpenAi.RequestCount);

        var slow = SendAsync(caller, chatId, new { content = "a b c d e f g h" }, "application/json");
        await Waits.UntilAsync(() => api.App.Replies.FindGeneration(caller.Id, chatId) is { Length: > 0 });
        await ChatsApiTests.AssertProblemAsync(await SendAsync(caller, chatId, new { content = "me too" }, "text/event-stream"), 409);
        using (var finished = await slow) Assert.Equal(HttpStatusCode.Created, finished.StatusCode);

        var contents = (await caller.Http.GetJsonAsync($"/api/chats/{chatId}/messages")).EnumerateArray().Select(m => m.GetProperty("content").GetString());
        Assert.Equal(["a b c d e f g h", "Echo: a b c d e f g h"], contents);
    }

    private static async Task<Guid> NewChatAsync(ApiCaller caller, string? model = null)
    {
        using var response = await caller.Http.PostJsonAsync("/api/chats", model is null ? new { } : new { model });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("id").GetGuid();
    }

    private static Task<HttpResponseMessage> SendAsync(ApiCaller caller, Guid chatId, object body, string accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/chats/{chatId}/messages") { Content = JsonContent.Create(body) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        return caller.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }
}
