using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace ChatAi.Tests.Api;

/// <summary>On SQLite; Postgres/PostgresMessageTreeApiTests.cs runs the same scenarios on PostgreSQL.</summary>
public sealed class MessageTreeApiTests(ApiFixture api) : MessageTreeApiScenarios(api), IClassFixture<ApiFixture>;

/// <summary>The message tree through the current API (regenerate, edit, branch) and the original contract's path.</summary>
public abstract class MessageTreeApiScenarios(ApiFixture api)
{
    [Fact]
    public async Task RegenerateEditAndBranchBuildTheTreeAndEveryReadShowsTheCurrentPath()
    {
        var caller = await api.SignInAsync();
        var chatId = await NewChatAsync(caller);
        var first = await CreatedAsync(await PostAsync(caller, $"/api/chats/{chatId}/messages", new { content = "Name a river" }));
        var question = first.GetProperty("parent_id").GetInt64();

        var second = await CreatedAsync(await PostAsync(caller, $"/api/chats/{chatId}/regenerate", new { }));
        Assert.Equal(question, second.GetProperty("parent_id").GetInt64());
        Assert.Equal((2, 2), (second.GetProperty("sibling_index").GetInt32(), second.GetProperty("sibling_count").GetInt32()));
        Assert.Equal([first.GetProperty("id").GetInt64(), second.GetProperty("id").GetInt64()], Ids(second.GetProperty("sibling_ids")));

        // Back to the first answer: the answer is the new path, and every reader sees it.
        using (var put = await caller.Http.PutAsJsonAsync($"/api/chats/{chatId}/branch", new { message_id = first.GetProperty("id").GetInt64() }))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            var path = (await put.JsonAsync()).EnumerateArray().ToList();
            Assert.Equal([question, first.GetProperty("id").GetInt64()], path.Select(m => m.GetProperty("id").GetInt64()));
            Assert.Equal((JsonValueKind.Null, 1, 2), (path[0].GetProperty("parent_id").ValueKind, path[1].GetProperty("sibling_index").GetInt32(),
                path[1].GetProperty("sibling_count").GetInt32()));
        }
        var legacy = await caller.Http.GetJsonAsync($"/get_chat_messages/{chatId}/");
        Assert.Equal(["Name a river", "Echo: Name a river"], legacy.EnumerateArray().Select(m => m.GetProperty("content").GetString()));
        Assert.Equal(first.GetProperty("id").GetInt64(), legacy.EnumerateArray().Last().GetProperty("id").GetInt64());
        // A message off the current path is still readable by id.
        var other = await caller.Http.GetJsonAsync($"/api/chats/{chatId}/messages/{second.GetProperty("id").GetInt64()}");
        Assert.Equal(2, other.GetProperty("sibling_index").GetInt32());

        // Edit, streamed like a send.
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/chats/{chatId}/messages/{question}/edit") { Content = JsonContent.Create(new { content = "Name a lake" }) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using (var stream = await caller.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
            var events = await new SseEvents(await stream.Content.ReadAsStreamAsync()).ReadAllAsync();
            Assert.Equal("done", events[^1].Name);
        }
        var messages = (await caller.Http.GetJsonAsync($"/api/chats/{chatId}/messages")).EnumerateArray().ToList();
        Assert.Equal(["Name a lake", "Echo: Name a lake"], messages.Select(m => m.GetProperty("content").GetString()));
        Assert.Equal((2, 2), (messages[0].GetProperty("sibling_index").GetInt32(), messages[0].GetProperty("sibling_count").GetInt32()));
        Assert.Equal(question, Ids(messages[0].GetProperty("sibling_ids"))[0]);
        legacy = await caller.Http.GetJsonAsync($"/get_chat_messages/{chatId}/");
        Assert.Equal(["Name a lake", "Echo: Name a lake"], legacy.EnumerateArray().Select(m => m.GetProperty("content").GetString()));
    }

    [Fact]
    public async Task AnotherUsersChatOrMessageIsNotFoundForEveryTreeEndpoint()
    {
        var owner = await api.SignInAsync();
        var chatId = await NewChatAsync(owner);
        var reply = await CreatedAsync(await PostAsync(owner, $"/api/chats/{chatId}/messages", new { content = "Private" }));
        var question = reply.GetProperty("parent_id").GetInt64();
        var mallory = await api.SignInAsync();
        var hers = await NewChatAsync(mallory);

        foreach (var response in new[]
        {
            await PostAsync(mallory, $"/api/chats/{chatId}/regenerate", new { }),
            await PostAsync(mallory, $"/api/chats/{chatId}/messages/{question}/edit", new { content = "mine now" }),
            await PostAsync(mallory, $"/api/chats/{hers}/messages/{question}/edit", new { content = "mine now" }),
            await mallory.Http.PutAsJsonAsync($"/api/chats/{chatId}/branch", new { message_id = question }),
            await mallory.Http.PutAsJsonAsync($"/api/chats/{hers}/branch", new { message_id = question }),
            await mallory.Http.GetAsync($"/api/chats/{hers}/messages/{question}"),
        })
            using (response) Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(["Private", "Echo: Private"],
            (await owner.Http.GetJsonAsync($"/api/chats/{chatId}/messages")).EnumerateArray().Select(m => m.GetProperty("content").GetString()));
    }

    private static List<long> Ids(JsonElement array) => array.EnumerateArray().Select(e => e.GetInt64()).ToList();

    private static async Task<JsonElement> CreatedAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return await response.JsonAsync();
        }
    }

    private static Task<HttpResponseMessage> PostAsync(ApiCaller caller, string url, object body) => caller.Http.PostJsonAsync(url, body);

    private static async Task<Guid> NewChatAsync(ApiCaller caller)
    {
        using var response = await caller.Http.PostJsonAsync("/api/chats", new { });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("id").GetGuid();
    }
}
