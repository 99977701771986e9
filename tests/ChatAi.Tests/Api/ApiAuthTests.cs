using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ChatAi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChatAi.Tests.Api;

/// <summary>On SQLite; Postgres/PostgresApiTests.cs runs the same scenarios on PostgreSQL.</summary>
public sealed class ApiAuthTests(ApiFixture api) : ApiAuthScenarios(api), IClassFixture<ApiFixture>;

/// <summary>Who the caller is: bearer tokens from /api/auth, the site's cookie, and 401 JSON for everyone else.</summary>
public abstract class ApiAuthScenarios(ApiFixture api)
{
    private static readonly string[] ProtectedGets =
        ["/todays_chat/", "/yesterdays_chat", "/seven_days_chat/", $"/get_chat_messages/{Guid.NewGuid()}/", "/api/chat/history/",
         "/api/chats", "/api/models", $"/api/chats/{Guid.NewGuid()}/messages", "/api/auth/manage/info"];

    [Fact]
    public async Task RegisteringAndLoggingInGiveABearerTokenTheApisAccept()
    {
        var client = api.Anonymous();
        var email = TestUsers.NewEmail("spa");
        using var registered = await client.PostAsJsonAsync("/api/auth/register", new { email, password = TestUsers.Password });
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        var token = await ApiClients.LoginAsync(client, email, TestUsers.Password);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        foreach (var path in ProtectedGets.Where(p => !p.Contains("messages")))
        {
            using var response = await client.GetAsync(path);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{path}: {response.StatusCode}");
            Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        }
        Assert.Equal(email, (await client.GetJsonAsync("/api/auth/manage/info")).GetProperty("email").GetString());
        using var prompt = await client.PromptAsync("openai", Guid.NewGuid(), "Hi from a script");
        Assert.Equal(HttpStatusCode.Created, prompt.StatusCode);
    }

    [Fact]
    public async Task WithoutCredentialsEveryApiAnswers401JsonAndNeverRedirects()
    {
        var client = api.Anonymous();
        foreach (var path in ProtectedGets)
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Null(response.Headers.Location);
            Assert.Contains("json", response.Content.Headers.ContentType?.MediaType);
        }
        var chatId = Guid.NewGuid();
        using var legacy = await client.PromptAsync("openai", chatId, "hi");
        Assert.Equal(HttpStatusCode.Unauthorized, legacy.StatusCode);
        Assert.Contains("Bearer", await legacy.ErrorAsync());
        await ChatsApiTests.AssertProblemAsync(await client.PostJsonAsync("/api/chats", new { }), 401);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-real-token");
        await ChatsApiTests.AssertProblemAsync(await client.GetAsync("/api/chats"), 401);
        await using var db = api.App.CreateDbContext();
        Assert.False(await db.Chats.AnyAsync(c => c.Id == chatId));
    }

    [Fact]
    public async Task TheSitesCookieWorksOnTheApisAndTheUiStillRedirectsWithoutIt()
    {
        var email = TestUsers.NewEmail("browser");
        await api.App.CreateUserAsync(email);
        var browser = ApiClients.Create(api.RootUrl, cookies: true);
        using (var login = await browser.PostAsJsonAsync("/api/auth/login?useCookies=true", new { email, password = TestUsers.Password }))
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);

        Assert.Equal(JsonValueKind.Array, (await browser.GetJsonAsync("/todays_chat/")).ValueKind);
        var chatId = (await (await browser.PostJsonAsync("/api/chats", new { title = "from the cookie" })).JsonAsync()).GetProperty("id").GetGuid();
        using (var page = await browser.GetAsync($"/chat/{chatId}"))
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        using var stranger = await api.Anonymous().GetAsync($"/chat/{chatId}");
        Assert.Equal(HttpStatusCode.Redirect, stranger.StatusCode);
        Assert.Contains("/Account/Login", stranger.Headers.Location?.OriginalString);
    }
}

public sealed class LocalModeFixture : ApiFixture
{
    public const string Email = "me@local.test";

    protected override IDictionary<string, string?> Extra => new Dictionary<string, string?> { ["ChatAi:Api:LocalUserEmail"] = Email };
}

/// <summary>Single-user local mode: credential-less front ends on this machine act as the configured user, nobody else does.</summary>
public sealed class LocalModeTests(LocalModeFixture api) : IClassFixture<LocalModeFixture>
{
    [Fact]
    public async Task RequestsFromLoopbackWithoutCredentialsActAsTheLocalUserWhoIsCreatedOnFirstUse()
    {
        var client = api.Anonymous();
        var chatId = Guid.NewGuid();
        using var prompt = await client.PromptAsync("openai", chatId, "Hello from the old front end");
        Assert.Equal(HttpStatusCode.Created, prompt.StatusCode);
        Assert.Contains(chatId, (await client.GetJsonAsync("/todays_chat/")).EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));

        await using var db = api.App.CreateDbContext();
        var user = await db.Users.SingleAsync(u => u.Email == LocalModeFixture.Email);
        Assert.Equal(user.Id, (await db.Chats.SingleAsync(c => c.Id == chatId)).UserId);

        var signedIn = await api.SignInAsync("someone-else");
        Assert.Equal(0, (await signedIn.Http.GetJsonAsync("/todays_chat/")).GetArrayLength());
    }

    [Theory]
    [InlineData("X-Forwarded-For", "203.0.113.7", "proxy")]
    [InlineData("Forwarded", "for=203.0.113.7", "proxy")]
    [InlineData("Host", "attacker.example", "localhost")]
    [InlineData("Origin", "http://attacker.example", "origin")]
    public async Task RequestsThatMayComeFromElsewhereAreRefused(string header, string value, string reason)
    {
        var client = api.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/todays_chat/");
        if (header == "Host") request.Headers.Host = value;
        else request.Headers.TryAddWithoutValidation(header, value);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(reason, await response.ErrorAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
