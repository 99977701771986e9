using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace ChatAi.Tests.Api;

/// <summary>On SQLite; Postgres/PostgresApiTests.cs runs the same scenarios on PostgreSQL.</summary>
public sealed class ChatHistoryApiTests(ApiFixture api) : ChatHistoryApiScenarios(api), IClassFixture<ApiFixture>;

/// <summary>The original flat message log (seed 003): <c>/api/chat/history/</c> and <c>/api/chat/message/</c>.</summary>
public abstract class ChatHistoryApiScenarios(ApiFixture api)
{
    [Fact]
    public async Task PostedMessagesLandInTheDefaultChatWhichTheUserThenSees()
    {
        var caller = await api.SignInAsync();

        using var first = await caller.Http.PostJsonAsync("/api/chat/history/", new { message = "Remember the milk", role = "assistant", id = 999 });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var record = await first.JsonAsync();
        Assert.Equal(("Remember the milk", "user"), (record.GetProperty("message").GetString(), record.GetProperty("role").GetString()));
        Assert.NotEqual(999, record.GetProperty("id").GetInt64());
        Assert.True(record.TryGetProperty("timestamp", out _));
        var chatId = record.GetProperty("chat_id").GetGuid();
        using (var second = await caller.Http.PostJsonAsync("/api/chat/history", new { message = "And the eggs" }))
            Assert.Equal(chatId, (await second.JsonAsync()).GetProperty("chat_id").GetGuid());

        var history = await caller.Http.GetJsonAsync("/api/chat/history/");
        Assert.Equal(["Remember the milk", "And the eggs"], history.EnumerateArray().Select(m => m.GetProperty("message").GetString()));
        await using var db = api.App.CreateDbContext();
        Assert.Equal(chatId, (await db.Users.SingleAsync(u => u.Id == caller.Id)).DefaultChatId);
        var chats = await caller.Http.GetJsonAsync("/api/chats");
        Assert.Equal("Remember the milk", chats.GetProperty("chats").EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == chatId).GetProperty("title").GetString());
    }

    [Fact]
    public async Task MessageAsksTheModelWithTheDefaultChatsHistoryAndStoresTheReply()
    {
        var caller = await api.SignInAsync();
        (await caller.Http.PostJsonAsync("/api/chat/history/", new { message = "My name is Ada" })).Dispose();

        using var response = await caller.Http.PostJsonAsync("/api/chat/message/", new { message = "What is my name?" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await response.JsonAsync();
        Assert.Equal(("Echo: What is my name?", "assistant"), (reply.GetProperty("message").GetString(), reply.GetProperty("role").GetString()));
        Assert.Contains(api.Fakes.OpenAi.Requests, r => r.Body.Contains("My name is Ada") && r.Body.Contains("What is my name?"));

        var geminiBefore = api.Fakes.Gemini.RequestCount;
        using var viaGemini = await caller.Http.PostJsonAsync("/api/chat/message/", new { message = "Once more", provider = "gemini", model = "gemini-2.5-pro" });
        Assert.Equal(HttpStatusCode.OK, viaGemini.StatusCode);
        Assert.Equal(reply.GetProperty("chat_id").GetGuid(), (await viaGemini.JsonAsync()).GetProperty("chat_id").GetGuid());
        Assert.Contains(api.Fakes.Gemini.Requests.Skip(geminiBefore), r => r.Path.Contains("gemini-2.5-pro"));

        var history = await caller.Http.GetJsonAsync("/api/chat/history/");
        Assert.Equal(["My name is Ada", "What is my name?", "Echo: What is my name?", "Once more", "Echo: Once more"],
            history.EnumerateArray().Select(m => m.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task HistorySpansAllChatsAndPagesBackwardsWithBeforeId()
    {
        var caller = await api.SignInAsync();
        for (var i = 1; i <= 3; i++) (await caller.Http.PostJsonAsync("/api/chat/history/", new { message = $"log {i}" })).Dispose();
        (await caller.Http.PromptAsync("openai", Guid.NewGuid(), "elsewhere")).Dispose();

        var newest = await caller.Http.GetJsonAsync("/api/chat/history/?limit=3");
        Assert.Equal(["log 3", "elsewhere", "Echo: elsewhere"], Texts(newest));
        var older = await caller.Http.GetJsonAsync($"/api/chat/history/?limit=3&before_id={newest[0].GetProperty("id").GetInt64()}");
        Assert.Equal(["log 1", "log 2"], Texts(older));
        Assert.Equal(5, (await caller.Http.GetJsonAsync("/api/chat/history/?limit=100000")).GetArrayLength());

        foreach (var query in new[] { "limit=0", "limit=abc", "before_id=x", "before_id=-1" })
        {
            using var bad = await caller.Http.GetAsync($"/api/chat/history/?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.False(string.IsNullOrEmpty(await bad.ErrorAsync()));
        }
    }

    [Fact]
    public async Task AFailedReplyAnswersTheContractStatusAndKeepsTheMessage()
    {
        var caller = await api.SignInAsync();
        using var response = await caller.Http.PostJsonAsync("/api/chat/message/", new { message = "Is anyone there?", model = "fault-500" });
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.False(string.IsNullOrEmpty(await response.ErrorAsync()));
        Assert.Equal(["Is anyone there?"], Texts(await caller.Http.GetJsonAsync("/api/chat/history/")));

        using var blank = await caller.Http.PostJsonAsync("/api/chat/message/", new { message = "" });
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        Assert.Equal("There was no prompt passed.", await blank.ErrorAsync());
        using var notJson = await caller.Http.PostRawAsync("/api/chat/history/", "message=hi", "application/x-www-form-urlencoded");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notJson.StatusCode);
    }

    private static List<string?> Texts(JsonElement history) => history.EnumerateArray().Select(m => m.GetProperty("message").GetString()).ToList();
}
