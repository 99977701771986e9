using System.Net;
using System.Net.Http.Json;
using ChatAi.Core.Chats;
using ChatAi.Tests.Infrastructure;

namespace ChatAi.Tests.Api;

public class TightLimitsFixture : ApiFixture
{
    protected override IDictionary<string, string?> Extra => new Dictionary<string, string?>
    {
        ["ChatAi:MaxSendsPerMinute"] = "2",
        ["ChatAi:MaxChatWritesPerMinute"] = "5",
        ["ChatAi:MaxChatsPerUser"] = "3",
        ["ChatAi:MaxStoredCharsPerUser"] = "1000",
    };
}

/// <summary>On SQLite; Postgres/PostgresApiTests.cs runs the same scenarios on PostgreSQL.</summary>
public sealed class ApiLimitsTests(TightLimitsFixture api) : ApiLimitsScenarios(api), IClassFixture<TightLimitsFixture>;

/// <summary>Per-user write limits (enforced in Core, shared by the UI and both APIs) and a provider without a key.</summary>
public abstract class ApiLimitsScenarios(ApiFixture api)
{
    [Fact]
    public async Task ThePerUserSendQuotaAnswers429WithRetryAfterWithoutCallingTheModel()
    {
        var caller = await api.SignInAsync();
        var chatId = Guid.NewGuid();
        for (var i = 0; i < 2; i++)
            using (var ok = await caller.Http.PromptAsync("openai", chatId, $"message {i}"))
                Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        var before = api.Fakes.OpenAi.RequestCount;

        using var refused = await caller.Http.PromptAsync("openai", chatId, "one too many");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.False(string.IsNullOrEmpty(await refused.ErrorAsync()));
        Assert.Equal(before, api.Fakes.OpenAi.RequestCount);

        var other = await api.SignInAsync("other");
        using var theirs = await other.Http.PromptAsync("gemini", Guid.NewGuid(), "my own quota");
        Assert.Equal(HttpStatusCode.Created, theirs.StatusCode);
    }

    [Fact]
    public async Task OneMessageLimitCoversTheLogTheSendsOfBothApisAndTheUi()
    {
        var caller = await api.SignInAsync();
        for (var i = 0; i < 2; i++)
            using (var note = await caller.Http.PostJsonAsync("/api/chat/history/", new { message = $"note {i}" }))
                Assert.Equal(HttpStatusCode.Created, note.StatusCode);
        var before = api.Fakes.OpenAi.RequestCount;

        using (var limited = await caller.Http.PostJsonAsync("/api/chat/history/", new { message = "one too many" }))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
            Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
            Assert.False(string.IsNullOrEmpty(await limited.ErrorAsync()));
        }
        using (var prompt = await caller.Http.PromptAsync("openai", Guid.NewGuid(), "and a send"))
            Assert.Equal(HttpStatusCode.TooManyRequests, prompt.StatusCode);
        var created = await (await caller.Http.PostJsonAsync("/api/chats", new { title = "for a send" })).JsonAsync();
        await ChatsApiTests.AssertProblemAsync(
            await caller.Http.PostJsonAsync($"/api/chats/{created.GetProperty("id").GetGuid()}/messages", new { content = "x" }), 429);
        // The UI calls ChatService directly: the same budget.
        var ui = await Assert.ThrowsAsync<ChatException>(() => api.App.Replies.SendAsync(caller.Id, Guid.NewGuid(), "from the UI", createChat: true));
        Assert.Equal(ChatErrorKind.RateLimited, ui.Kind);
        Assert.Equal(before, api.Fakes.OpenAi.RequestCount);

        using (var reads = await caller.Http.GetAsync("/api/chat/history/"))
            Assert.Equal(HttpStatusCode.OK, reads.StatusCode);
        var other = await api.SignInAsync("other");
        using var theirs = await other.Http.PostJsonAsync("/api/chat/history/", new { message = "my own budget" });
        Assert.Equal(HttpStatusCode.Created, theirs.StatusCode);
    }

    [Fact]
    public async Task ChatWritesAreLimitedPerMinuteAndTheNumberOfChatsIsCapped()
    {
        var caller = await api.SignInAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            using var created = await caller.Http.PostJsonAsync("/api/chats", new { title = $"chat {i}" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            ids.Add((await created.JsonAsync()).GetProperty("id").GetGuid());
        }
        // The cap (3 chats): refused, in words that say what to do.
        using (var fourth = await caller.Http.PostJsonAsync("/api/chats", new { title = "one too many" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, fourth.StatusCode);
            Assert.Contains("Delete some chats", (await fourth.JsonAsync()).GetProperty("detail").GetString());
        }
        using (var prompt = await caller.Http.PromptAsync("openai", Guid.NewGuid(), "a new chat by sending"))
            Assert.Equal(HttpStatusCode.Forbidden, prompt.StatusCode);

        // Renames count as writes: the fifth write of the minute passes, the sixth is refused.
        using (var rename = await caller.Http.PatchAsJsonAsync($"/api/chats/{ids[0]}", new { title = "renamed" }))
            Assert.Equal(HttpStatusCode.OK, rename.StatusCode);
        await ChatsApiTests.AssertProblemAsync(await caller.Http.PatchAsJsonAsync($"/api/chats/{ids[1]}", new { title = "again" }), 429);
        var ui = await Assert.ThrowsAsync<ChatException>(() => api.App.Chats.UpdateChatAsync(caller.Id, ids[2], new ChatUpdate("from the UI", null, null, null)));
        Assert.Equal(ChatErrorKind.RateLimited, ui.Kind);
    }

    [Fact]
    public async Task TheTextAUserMayStoreIsCapped()
    {
        var caller = await api.SignInAsync();
        using (var first = await caller.Http.PostJsonAsync("/api/chat/history/", new { message = new string('a', 600) }))
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        using var second = await caller.Http.PostJsonAsync("/api/chat/history/", new { message = new string('b', 600) });
        Assert.Equal(HttpStatusCode.Forbidden, second.StatusCode);
        Assert.Contains("storage limit", await second.ErrorAsync());
        await using var db = api.App.CreateDbContext();
        Assert.Equal(1, db.Messages.Count(m => m.Chat!.UserId == caller.Id));
    }

    [Fact]
    public async Task AProviderWithoutAKeyAnswers503NamingTheVariableToSet()
    {
        using var app = new ChatAiApplication(kestrel: true, new Dictionary<string, string?> { ["OPENAI_API_KEY"] = "", ["GEMINI_API_KEY"] = "" },
            TestDatabase.Create(api.App.Database.Provider));
        var email = TestUsers.NewEmail();
        await app.CreateUserAsync(email);
        var client = ApiClients.Create(app.RootUrl);
        client.DefaultRequestHeaders.Authorization = new("Bearer", await ApiClients.LoginAsync(client, email, TestUsers.Password));

        using var gpt = await client.PromptAsync("openai", Guid.NewGuid(), "hi");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, gpt.StatusCode);
        Assert.Contains("OPENAI_API_KEY", await gpt.ErrorAsync());
        using var gemini = await client.PromptAsync("gemini", Guid.NewGuid(), "hi");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, gemini.StatusCode);
        Assert.Contains("GEMINI_API_KEY", await gemini.ErrorAsync());
        var models = await client.GetJsonAsync("/api/models");
        Assert.All(models.GetProperty("providers").EnumerateArray(), p => Assert.False(p.GetProperty("configured").GetBoolean()));
    }
}

/// <summary>CORS for browser front ends on other origins: listed origins only, with credentials.</summary>
public sealed class ApiCorsTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Theory]
    [InlineData("/prompt_gpt/", "POST")]
    [InlineData("/api/chats", "POST")]
    [InlineData("/api/auth/login", "POST")]
    public async Task PreflightsFromAListedOriginAreAllowedWithCredentials(string path, string method)
    {
        using var response = await PreflightAsync(path, method, "http://localhost:5173");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("http://localhost:5173", Single(response, "Access-Control-Allow-Origin"));
        Assert.Equal("true", Single(response, "Access-Control-Allow-Credentials"));
        var headers = Single(response, "Access-Control-Allow-Headers")!.ToLowerInvariant();
        Assert.Contains("content-type", headers);
        Assert.Contains("authorization", headers);
    }

    [Fact]
    public async Task PreflightsAllowTheHeadersFrontEndsForTheOriginalSend()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/prompt_gpt/");
        request.Headers.Add("Origin", "http://localhost:5173");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        // django-cors-headers' default allowed headers.
        request.Headers.Add("Access-Control-Request-Headers", "accept,authorization,content-type,user-agent,x-csrftoken,x-requested-with");
        using var response = await api.Anonymous().SendAsync(request);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var allowed = Single(response, "Access-Control-Allow-Headers")!.ToLowerInvariant();
        foreach (var header in new[] { "accept", "authorization", "content-type", "user-agent", "x-csrftoken", "x-requested-with" })
            Assert.Contains(header, allowed);
    }

    [Theory]
    [InlineData("http://attacker.example")]
    [InlineData("http://127.0.0.1:5173")]
    public async Task PreflightsFromOtherOriginsGetNoCorsHeaders(string origin)
    {
        using var response = await PreflightAsync("/api/chats", "POST", origin);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task AWildcardOriginStopsTheAppAtStartUp()
    {
        using var app = new ChatAiApplication(settings: new Dictionary<string, string?> { ["Cors:AllowedOrigins:0"] = "*" });
        var error = Assert.ThrowsAny<Exception>(() => app.Server);
        Assert.Contains("Cors:AllowedOrigins", error.ToString());
    }

    private async Task<HttpResponseMessage> PreflightAsync(string path, string method, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", "content-type,authorization");
        return await api.Anonymous().SendAsync(request);
    }

    private static string? Single(HttpResponseMessage response, string header) =>
        response.Headers.TryGetValues(header, out var values) ? string.Join(",", values) : null;
}
