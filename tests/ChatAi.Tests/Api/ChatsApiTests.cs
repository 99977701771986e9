using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ChatAi.Tests.Api;

/// <summary>On SQLite; Postgres/PostgresApiTests.cs runs the same scenarios on PostgreSQL.</summary>
public sealed class ChatsApiTests(ApiFixture api) : ChatsApiScenarios(api), IClassFixture<ApiFixture>;

/// <summary>The current API's chats and models: REST shapes, keyset paging, problem details.</summary>
public abstract class ChatsApiScenarios(ApiFixture api)
{
    [Fact]
    public async Task AChatCanBeCreatedReadRenamedPinnedSwitchedAndDeleted()
    {
        var caller = await api.SignInAsync();

        using var created = await caller.Http.PostJsonAsync("/api/chats", new { title = "Trip", model = "gemini-2.5-pro" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var chat = await created.JsonAsync();
        var id = chat.GetProperty("id").GetGuid();
        Assert.Equal($"/api/chats/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal(("Trip", "gemini", "gemini-2.5-pro", false),
            (chat.GetProperty("title").GetString(), chat.GetProperty("provider").GetString(), chat.GetProperty("model").GetString(), chat.GetProperty("pinned").GetBoolean()));
        Assert.True(chat.TryGetProperty("created_at", out _) && chat.TryGetProperty("updated_at", out _));

        using var renamed = await caller.Http.PatchAsJsonAsync($"/api/chats/{id}", new { title = "Lisbon trip", pinned = true });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        using var switched = await caller.Http.PatchAsJsonAsync($"/api/chats/{id}", new { model = "gpt-4o" });
        var after = await switched.JsonAsync();
        Assert.Equal(("Lisbon trip", true, "openai", "gpt-4o"),
            (after.GetProperty("title").GetString(), after.GetProperty("pinned").GetBoolean(), after.GetProperty("provider").GetString(), after.GetProperty("model").GetString()));
        var fetched = await caller.Http.GetJsonAsync($"/api/chats/{id}");
        Assert.Equal("Lisbon trip", fetched.GetProperty("title").GetString());
        var pinned = await caller.Http.GetJsonAsync("/api/chats?pinned=true");
        Assert.Equal([id], pinned.GetProperty("chats").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));

        using var deleted = await caller.Http.DeleteAsync($"/api/chats/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await AssertProblemAsync(await caller.Http.GetAsync($"/api/chats/{id}"), 404);
        await AssertProblemAsync(await caller.Http.DeleteAsync($"/api/chats/{id}"), 404);
        await AssertProblemAsync(await caller.Http.PatchAsJsonAsync($"/api/chats/{id}", new { title = "ghost" }), 404);
    }

    [Fact]
    public async Task ChatsArePagedMostRecentActivityFirstWithAnOpaqueCursor()
    {
        var caller = await api.SignInAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await caller.Http.PostJsonAsync("/api/chats", new { title = $"chat {i}" });
            ids.Add((await response.JsonAsync()).GetProperty("id").GetGuid());
        }
        ids.Reverse();

        var seen = new List<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await caller.Http.GetJsonAsync(cursor is null ? "/api/chats?limit=2" : $"/api/chats?limit=2&before={Uri.EscapeDataString(cursor)}");
            seen.AddRange(page.GetProperty("chats").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));
            cursor = page.GetProperty("next_cursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next_cursor").GetString();
            pages++;
        } while (cursor is not null && pages < 10);
        Assert.Equal(ids, seen);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task ErrorsAreProblemDetailsWithTheContractStatuses()
    {
        var caller = await api.SignInAsync();
        var other = await api.SignInAsync("other");
        using var mine = await caller.Http.PostJsonAsync("/api/chats", new { });
        var id = (await mine.JsonAsync()).GetProperty("id").GetGuid();

        await AssertProblemAsync(await caller.Http.PostJsonAsync("/api/chats", new { id }), 409);
        await AssertProblemAsync(await other.Http.PostJsonAsync("/api/chats", new { id }), 404);
        await AssertProblemAsync(await caller.Http.PostJsonAsync("/api/chats", new { id = "nope" }), 400, "Chat ID must be a UUID.");
        await AssertProblemAsync(await caller.Http.PostJsonAsync("/api/chats", new { model = "gpt-9" }), 400, "gpt-4o-mini");
        await AssertProblemAsync(await caller.Http.PostJsonAsync("/api/chats", new { provider = "claude" }), 400, "openai");
        await AssertProblemAsync(await caller.Http.PostJsonAsync("/api/chats", new { title = new string('t', 300) }), 400);
        await AssertProblemAsync(await caller.Http.PostRawAsync("/api/chats", "{}", "text/plain"), 415);
        await AssertProblemAsync(await caller.Http.PostRawAsync("/api/chats", "{\"title\": "), 400);
        await AssertProblemAsync(await caller.Http.PatchAsync($"/api/chats/{id}", JsonContent.Create(new { pinned = "maybe" })), 400);
        await AssertProblemAsync(await caller.Http.PatchAsJsonAsync($"/api/chats/{id}", new { model = "gpt-9" }), 400);
        await AssertProblemAsync(await other.Http.PatchAsJsonAsync($"/api/chats/{id}", new { title = "mine now" }), 404);
        await AssertProblemAsync(await other.Http.DeleteAsync($"/api/chats/{id}"), 404);
        await AssertProblemAsync(await caller.Http.GetAsync("/api/chats?limit=0"), 400);
        await AssertProblemAsync(await caller.Http.GetAsync("/api/chats?before=garbage"), 400);
        await AssertProblemAsync(await caller.Http.GetAsync("/api/chats/not-a-guid"), 404);
        await AssertProblemAsync(await caller.Http.PutAsJsonAsync($"/api/chats/{id}", new { }), 405);

        var stillThere = await caller.Http.GetJsonAsync($"/api/chats/{id}");
        Assert.Equal("New chat", stillThere.GetProperty("title").GetString());
    }

    [Fact]
    public async Task ModelsListBothProvidersWithTheirDefaults()
    {
        var caller = await api.SignInAsync();
        var models = await caller.Http.GetJsonAsync("/api/models");
        var providers = models.GetProperty("providers").EnumerateArray().ToDictionary(p => p.GetProperty("id").GetString()!);
        Assert.Equal(["gemini", "openai"], providers.Keys.Order());
        Assert.True(providers["openai"].GetProperty("configured").GetBoolean());
        Assert.Equal("gemini-2.5-flash", providers["gemini"].GetProperty("default_model").GetString());
        Assert.Equal("OPENAI_API_KEY", providers["openai"].GetProperty("api_key_variable").GetString());
        Assert.Contains("gpt-4o", providers["openai"].GetProperty("models").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("openai", models.GetProperty("default_provider").GetString());
    }

    internal static async Task AssertProblemAsync(HttpResponseMessage response, int status, string? mentions = null)
    {
        using (response)
        {
            Assert.Equal(status, (int)response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.JsonAsync();
            Assert.Equal(status, problem.GetProperty("status").GetInt32());
            if (mentions is not null) Assert.Contains(mentions, problem.GetProperty("detail").GetString());
        }
    }
}
