using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ChatAi.Tests.Api;

/// <summary>On SQLite; Postgres/PostgresCompareApiTests.cs runs the same scenarios on PostgreSQL.</summary>
public sealed class CompareApiTests(ApiFixture api) : CompareApiScenarios(api), IClassFixture<ApiFixture>;

/// <summary>POST /api/chats/{id}/compare and POST …/messages/{id}/stop.</summary>
public abstract class CompareApiScenarios(ApiFixture api)
{
    private static readonly object[] TwoModels = [new { provider = "openai", model = "gpt-4o-mini" }, new { provider = "gemini", model = "gemini-2.5-flash" }];

    [Fact]
    public async Task CompareAnswersAtOnceWithTheQuestionAndBothRepliesWhichAreReadableAndPickable()
    {
        var caller = await api.SignInAsync();
        var chatId = await NewChatAsync(caller);
        JsonElement body;
        using (var response = await caller.Http.PostJsonAsync($"/api/chats/{chatId}/compare", new { content = "Name a river", models = TwoModels }))
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            body = await response.JsonAsync();
            Assert.Equal($"/api/chats/{chatId}/messages/{body.GetProperty("replies")[0].GetProperty("id").GetInt64()}", response.Headers.Location?.OriginalString);
        }
        var question = body.GetProperty("user_message");
        Assert.Equal(("user", "Name a river"), (question.GetProperty("role").GetString(), question.GetProperty("content").GetString()));
        var replies = body.GetProperty("replies").EnumerateArray().ToList();
        Assert.Equal([("openai", "gpt-4o-mini"), ("gemini", "gemini-2.5-flash")],
            replies.Select(r => (r.GetProperty("provider").GetString(), r.GetProperty("model").GetString())));

        // Each reply is followed by reading it until it is no longer streaming.
        foreach (var reply in replies)
        {
            var url = $"/api/chats/{chatId}/messages/{reply.GetProperty("id").GetInt64()}";
            var message = await caller.Http.GetJsonAsync(url);
            for (var tries = 0; message.GetProperty("status").GetString() == "streaming" && tries < 200; tries++)
            {
                await Task.Delay(50); // polling a stored reply, as a client would
                message = await caller.Http.GetJsonAsync(url);
            }
            Assert.Equal(("complete", "Echo: Name a river", question.GetProperty("id").GetInt64(), 2),
                (message.GetProperty("status").GetString(), message.GetProperty("content").GetString(),
                 message.GetProperty("parent_id").GetInt64(), message.GetProperty("sibling_count").GetInt32()));
        }

        var second = replies[1].GetProperty("id").GetInt64();
        using (var put = await caller.Http.PutAsJsonAsync($"/api/chats/{chatId}/branch", new { message_id = second }))
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var path = (await caller.Http.GetJsonAsync($"/api/chats/{chatId}/messages")).EnumerateArray().ToList();
        Assert.Equal(second, path[^1].GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task OneReplyCanBeStoppedAndAStoppedOrUnknownReplyIsNotStoppedAgain()
    {
        var caller = await api.SignInAsync();
        var chatId = await NewChatAsync(caller);
        var words = string.Join(' ', Enumerable.Range(1, 40).Select(i => $"w{i}"));
        var models = new object[] { new { provider = "openai", model = "fault-trickle-150" }, new { provider = "gemini", model = "fault-trickle-40" } };
        using var response = await caller.Http.PostJsonAsync($"/api/chats/{chatId}/compare", new { content = words, models });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var first = (await response.JsonAsync()).GetProperty("replies")[0].GetProperty("id").GetInt64();

        using (var stop = await caller.Http.PostJsonAsync($"/api/chats/{chatId}/messages/{first}/stop", new { }))
            Assert.Equal(HttpStatusCode.NoContent, stop.StatusCode);
        await Waits.UntilAsync(() => api.App.Replies.FindGeneration(caller.Id, chatId, first) is null, 10_000);
        using (var again = await caller.Http.PostJsonAsync($"/api/chats/{chatId}/messages/{first}/stop", new { }))
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using (var unknown = await caller.Http.PostJsonAsync($"/api/chats/{chatId}/messages/{first + 1000}/stop", new { }))
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("stopped", (await caller.Http.GetJsonAsync($"/api/chats/{chatId}/messages/{first}")).GetProperty("status").GetString());
        api.App.Replies.Stop(caller.Id, chatId);
    }

    [Fact]
    public async Task WrongModelsAreBadRequestAndAnotherUsersChatIsNotFound()
    {
        var owner = await api.SignInAsync();
        var chatId = await NewChatAsync(owner);
        foreach (var models in new object?[]
        {
            null,
            new object[] { TwoModels[0] },
            new object[] { TwoModels[0], TwoModels[0] },
            new object[] { TwoModels[0], TwoModels[1], new { provider = "openai", model = "gpt-4o" } },
            new object[] { TwoModels[0], new { provider = "openai", model = "gpt-9" } },
        })
            using (var response = await owner.Http.PostJsonAsync($"/api/chats/{chatId}/compare", new { content = "q", models }))
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);

        var mallory = await api.SignInAsync();
        using (var response = await mallory.Http.PostJsonAsync($"/api/chats/{chatId}/compare", new { content = "mine now", models = TwoModels }))
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using (var response = await mallory.Http.PostJsonAsync($"/api/chats/{chatId}/messages/1/stop", new { }))
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty((await owner.Http.GetJsonAsync($"/api/chats/{chatId}/messages")).EnumerateArray());
    }

    private static async Task<Guid> NewChatAsync(ApiCaller caller)
    {
        using var response = await caller.Http.PostJsonAsync("/api/chats", new { });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("id").GetGuid();
    }
}
