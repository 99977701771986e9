using System.Net;
using ChatAi.Tests.Infrastructure;

namespace ChatAi.Tests.Api;

public class TightLimitsFixture : ApiFixture
{
    protected override IDictionary<string, string?> Extra => new Dictionary<string, string?>
    {
        ["ChatAi:MaxSendsPerMinute"] = "2",
        ["ChatAi:Api:SendsPerMinute"] = "4",
    };
}

/// <summary>On SQLite; Postgres/PostgresApiTests.cs runs the same scenarios on PostgreSQL.</summary>
public sealed class ApiLimitsTests(TightLimitsFixture api) : ApiLimitsScenarios(api), IClassFixture<TightLimitsFixture>;

/// <summary>Rate limits (ChatService's quota and the HTTP limiter) and a provider without a key.</summary>
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
    public async Task TheHttpRateLimiterAnswers429WithRetryAfterPerUser()
    {
        var caller = await api.SignInAsync();
        for (var i = 0; i < 4; i++)
            using (var blank = await caller.Http.PostJsonAsync("/api/chat/message/", new { message = "" }))
                Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);

        using var limited = await caller.Http.PostJsonAsync("/api/chat/message/", new { message = "" });
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.False(string.IsNullOrEmpty(await limited.ErrorAsync()));
        await ChatsApiTests.AssertProblemAsync(await caller.Http.PostJsonAsync($"/api/chats/{Guid.NewGuid()}/messages", new { content = "x" }), 429);
        using (var reads = await caller.Http.GetAsync("/api/chat/history/"))
            Assert.Equal(HttpStatusCode.OK, reads.StatusCode);

        var other = await api.SignInAsync("other");
        using var theirs = await other.Http.PostJsonAsync("/api/chat/message/", new { message = "" });
        Assert.Equal(HttpStatusCode.BadRequest, theirs.StatusCode);
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
