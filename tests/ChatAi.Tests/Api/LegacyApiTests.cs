using System.Net;
using ChatAi.Core.Data;
using ChatAi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChatAi.Tests.Api;

/// <summary>On SQLite; Postgres/PostgresApiTests.cs runs the same scenarios on PostgreSQL.</summary>
public sealed class LegacyApiTests(ApiFixture api) : LegacyApiScenarios(api), IClassFixture<ApiFixture>;

/// <summary>The original endpoints (seed 000) over real HTTP, as a front end written for the Django back end uses them.</summary>
public abstract class LegacyApiScenarios(ApiFixture api)
{
    [Fact]
    public async Task BothProvidersAnswerAndTheConversationIsStoredInOrder()
    {
        var caller = await api.SignInAsync();
        var chatId = Guid.NewGuid();

        using var first = await caller.Http.PromptAsync("openai", chatId, "Hello there");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("Echo: Hello there", (await first.JsonAsync()).GetProperty("reply").GetString());

        var geminiBefore = api.Fakes.Gemini.RequestCount;
        using var second = await caller.Http.PostJsonAsync("/prompt_gemini", new { chat_id = chatId.ToString(), content = "And again" });
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal("Echo: And again", (await second.JsonAsync()).GetProperty("reply").GetString());
        Assert.Contains(api.Fakes.Gemini.Requests.Skip(geminiBefore), r => r.Body.Contains("Hello there") && r.Body.Contains("And again"));

        var messages = await caller.Http.GetJsonAsync($"/get_chat_messages/{chatId}/");
        Assert.Equal(
            [("user", "Hello there"), ("assistant", "Echo: Hello there"), ("user", "And again"), ("assistant", "Echo: And again")],
            messages.EnumerateArray().Select(m => (m.GetProperty("role").GetString(), m.GetProperty("content").GetString())));
        var ids = messages.EnumerateArray().Select(m => m.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(ids.Order(), ids);
        Assert.All(messages.EnumerateArray(), m => Assert.EndsWith("Z", m.GetProperty("created_at").GetString()));
        var withoutSlash = await caller.Http.GetJsonAsync($"/get_chat_messages/{chatId}");
        Assert.Equal(4, withoutSlash.GetArrayLength());
    }

    [Fact]
    public async Task InvalidPromptsGetTheOriginalSentencesAndNeverReachTheModel()
    {
        var caller = await api.SignInAsync();
        var before = api.Fakes.OpenAi.RequestCount;
        var chatId = Guid.NewGuid().ToString();

        await AssertErrorAsync(await caller.Http.PostJsonAsync("/prompt_gpt/", new { content = "hi" }), 400, "Chat ID was not provided.");
        await AssertErrorAsync(await caller.Http.PostJsonAsync("/prompt_gpt/", new { chat_id = "not-a-uuid", content = "hi" }), 400, "Chat ID must be a UUID.");
        await AssertErrorAsync(await caller.Http.PostJsonAsync("/prompt_gpt/", new { chat_id = 42, content = "hi" }), 400, "Chat ID must be a UUID.");
        await AssertErrorAsync(await caller.Http.PostJsonAsync("/prompt_gpt/", new { chat_id = chatId }), 400, "There was no prompt passed.");
        await AssertErrorAsync(await caller.Http.PostJsonAsync("/prompt_gemini/", new { chat_id = chatId, content = "  " }), 400, "There was no prompt passed.");
        await AssertErrorAsync(await caller.Http.GetAsync("/get_chat_messages/not-a-uuid/"), 400, "Chat ID must be a UUID.");

        using var unknownModel = await caller.Http.PromptAsync("openai", Guid.NewGuid(), "hi", model: "gpt-9");
        Assert.Equal(HttpStatusCode.BadRequest, unknownModel.StatusCode);
        Assert.Contains("gpt-4o-mini", await unknownModel.ErrorAsync());

        using var tooLong = await caller.Http.PromptAsync("openai", Guid.NewGuid(), new string('a', 32_001));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLong.StatusCode);
        Assert.Contains("32000", await tooLong.ErrorAsync());
        using var hugeBody = await caller.Http.PostRawAsync("/prompt_gpt/", $$"""{"chat_id":"{{chatId}}","content":"{{new string('b', 400_000)}}"}""");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, hugeBody.StatusCode);

        await AssertErrorAsync(await caller.Http.PostRawAsync("/prompt_gpt/", $"chat_id={chatId}&content=hi", "application/x-www-form-urlencoded"), 415, null);
        await AssertErrorAsync(await caller.Http.PostRawAsync("/prompt_gpt/", $$"""{"chat_id":"{{chatId}}","content":"hi" """, "text/plain"), 415, null);
        await AssertErrorAsync(await caller.Http.PostRawAsync("/prompt_gpt/", """{"chat_id": "x", "content": """), 400, null);
        await AssertErrorAsync(await caller.Http.PostRawAsync("/prompt_gpt/", "[1, 2]"), 400, null);
        await AssertErrorAsync(await caller.Http.PostRawAsync("/prompt_gpt/", "null"), 400, null);

        Assert.Equal(before, api.Fakes.OpenAi.RequestCount);
        await using var db = api.App.CreateDbContext();
        Assert.False(await db.Chats.AnyAsync(c => c.UserId == caller.Id));
    }

    [Fact]
    public async Task AnotherUsersChatAnswers404AndNothingIsWrittenOrSent()
    {
        var owner = await api.SignInAsync("owner");
        var intruder = await api.SignInAsync("intruder");
        var chatId = Guid.NewGuid();
        (await owner.Http.PromptAsync("openai", chatId, "my secret plans")).Dispose();
        var before = (api.Fakes.OpenAi.RequestCount, api.Fakes.Gemini.RequestCount);

        await AssertErrorAsync(await intruder.Http.PromptAsync("openai", chatId, "hijack"), 404, null);
        await AssertErrorAsync(await intruder.Http.PromptAsync("gemini", chatId, "hijack"), 404, null);
        await AssertErrorAsync(await intruder.Http.GetAsync($"/get_chat_messages/{chatId}/"), 404, null);
        await AssertErrorAsync(await intruder.Http.GetAsync($"/get_chat_messages/{Guid.NewGuid()}/"), 404, null);

        Assert.Equal(before, (api.Fakes.OpenAi.RequestCount, api.Fakes.Gemini.RequestCount));
        Assert.Equal(0, (await intruder.Http.GetJsonAsync("/todays_chat/")).GetArrayLength());
        var stored = await owner.Http.GetJsonAsync($"/get_chat_messages/{chatId}/");
        Assert.DoesNotContain(stored.EnumerateArray(), m => m.GetProperty("content").GetString() == "hijack");
        Assert.Equal(2, stored.GetArrayLength());
    }

    [Fact]
    public async Task ASecondPromptWhileAReplyIsGeneratingIsRefusedWith409()
    {
        var caller = await api.SignInAsync();
        var chatId = Guid.NewGuid();
        var slow = caller.Http.PromptAsync("openai", chatId, "one two three four five six seven eight", model: "fault-trickle-400");
        await Waits.UntilAsync(() => api.App.Replies.FindGeneration(caller.Id, chatId) is { Length: > 0 });

        using var second = await caller.Http.PromptAsync("openai", chatId, "me too");
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("still being generated", await second.ErrorAsync());

        using var first = await slow;
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var stored = await caller.Http.GetJsonAsync($"/get_chat_messages/{chatId}/");
        Assert.DoesNotContain(stored.EnumerateArray(), m => m.GetProperty("content").GetString() == "me too");
    }

    [Theory]
    [InlineData("openai", "fault-401", 502, "key")]
    [InlineData("openai", "fault-500", 502, null)]
    [InlineData("gemini", "fault-403", 502, null)]
    [InlineData("gemini", "fault-500", 502, null)]
    [InlineData("openai", "fault-content-filter", 422, "content_filter")]
    [InlineData("gemini", "fault-block-prompt", 422, null)]
    [InlineData("openai", "fault-stall-after-2", 504, null)]
    [InlineData("openai", "fault-429-retry-after-1", 429, null)]
    public async Task ProviderFailuresAnswerTheContractStatusAndKeepTheUserMessage(string provider, string model, int status, string? mentions)
    {
        var caller = await api.SignInAsync();
        var chatId = Guid.NewGuid();

        using var response = await caller.Http.PromptAsync(provider, chatId, "Will this work?", model);

        Assert.Equal(status, (int)response.StatusCode);
        var error = await response.ErrorAsync();
        Assert.DoesNotContain("CANARY", error);
        if (mentions is not null) Assert.Contains(mentions, error, StringComparison.OrdinalIgnoreCase);
        if (status == 429) Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        var stored = await caller.Http.GetJsonAsync($"/get_chat_messages/{chatId}/");
        Assert.Equal("Will this work?", stored[0].GetProperty("content").GetString());
        await using var db = api.App.CreateDbContext();
        var reply = await db.Messages.Where(m => m.ChatId == chatId && m.Role == MessageRole.Assistant).SingleAsync();
        Assert.NotEqual(MessageStatus.Complete, reply.Status);
    }

    private static async Task AssertErrorAsync(HttpResponseMessage response, int status, string? sentence)
    {
        using (response)
        {
            Assert.Equal(status, (int)response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            var error = await response.ErrorAsync();
            if (sentence is not null) Assert.Equal(sentence, error);
            else Assert.False(string.IsNullOrWhiteSpace(error));
        }
    }
}
