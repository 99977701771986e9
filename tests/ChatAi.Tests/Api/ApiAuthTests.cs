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
    public async Task ACredentialLessCallIsToldWhichSettingTurnsOnLocalMode()
    {
        using var legacy = await api.Anonymous().GetAsync("/todays_chat/");
        Assert.Equal(HttpStatusCode.Unauthorized, legacy.StatusCode);
        Assert.Contains("ChatAi:Api:LocalUserEmail", await legacy.ErrorAsync());
    }

    [Fact]
    public async Task TheTokenSchemeOfDjangoRestFrameworkClientsIsAnAliasOfBearer()
    {
        var email = TestUsers.NewEmail("drf");
        await api.App.CreateUserAsync(email);
        var client = api.Anonymous();
        var token = await ApiClients.LoginAsync(client, email, TestUsers.Password);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", token);
        Assert.Equal(email, (await client.GetJsonAsync("/api/auth/manage/info")).GetProperty("email").GetString());
        using var prompt = await client.PromptAsync("openai", Guid.NewGuid(), "Hi from a DRF client");
        Assert.Equal(HttpStatusCode.Created, prompt.StatusCode);

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", "not-a-real-token");
        using var forged = await client.GetAsync("/api/chats");
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
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

    /// <summary>Local mode's own listener (a free loopback port picked for this run; 8000 by default).</summary>
    public int LocalPort { get; } = FreePorts.Pick();

    public string LocalUrl => $"http://127.0.0.1:{LocalPort}/";

    public HttpClient Local() => ApiClients.Create(LocalUrl);

    protected override IDictionary<string, string?> Extra => new Dictionary<string, string?>
    {
        ["ChatAi:Api:LocalUserEmail"] = Email,
        ["ChatAi:Api:LocalModePort"] = LocalPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>
/// Single-user local mode: credential-less front ends act as the configured user, but only on local mode's own
/// loopback listener; the main listener never does, and the local one refuses whatever could have been relayed.
/// </summary>
public sealed class LocalModeTests(LocalModeFixture api) : IClassFixture<LocalModeFixture>
{
    [Fact]
    public async Task RequestsWithoutCredentialsOnTheLocalListenerActAsTheLocalUserWhoIsCreatedOnFirstUse()
    {
        var client = api.Local();
        var chatId = Guid.NewGuid();
        using var prompt = await client.PromptAsync("openai", chatId, "Hello from the old front end");
        Assert.Equal(HttpStatusCode.Created, prompt.StatusCode);
        Assert.Contains(chatId, (await client.GetJsonAsync("/todays_chat/")).EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));

        await using var db = api.App.CreateDbContext();
        var user = await db.Users.SingleAsync(u => u.Email == LocalModeFixture.Email);
        Assert.Equal(user.Id, (await db.Chats.SingleAsync(c => c.Id == chatId)).UserId);

        var signedIn = await api.SignInAsync("someone-else");
        Assert.Equal(0, (await signedIn.Http.GetJsonAsync("/todays_chat/")).GetArrayLength());
        // A signed-in caller on the local listener is still themselves.
        var theirsLocally = api.Local();
        theirsLocally.DefaultRequestHeaders.Authorization = signedIn.Http.DefaultRequestHeaders.Authorization;
        Assert.Equal(0, (await theirsLocally.GetJsonAsync("/todays_chat/")).GetArrayLength());
    }

    [Fact]
    public async Task TheMainListenerNeverActsAsTheLocalUserAndSaysWhereLocalModeAnswers()
    {
        using var response = await api.Anonymous().GetAsync("/todays_chat/");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = await response.ErrorAsync();
        Assert.Contains($"localhost:{api.LocalPort}", error);
        Assert.Contains("ChatAi:Api:LocalModePort", error);
    }

    [Theory]
    [InlineData("X-Forwarded-For", "203.0.113.7")]
    [InlineData("Forwarded", "for=203.0.113.7")]
    [InlineData("Via", "1.1 proxy")]
    [InlineData("True-Client-IP", "203.0.113.7")]
    [InlineData("CF-Connecting-IP", "203.0.113.7")]
    [InlineData("X-Client-IP", "203.0.113.7")]
    [InlineData("X-Original-For", "203.0.113.7")]
    [InlineData("X-Real-IP", "203.0.113.7")]
    public async Task TheLocalListenerRefusesRequestsCarryingAnyProxyHeader(string header, string value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/todays_chat/");
        request.Headers.TryAddWithoutValidation(header, value);
        using var response = await api.Local().SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("proxy", await response.ErrorAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("attacker.example:{port}")]
    [InlineData("127.1:{port}")]
    [InlineData("0x7f000001:{port}")]
    [InlineData("127.0.0.2:{port}")]
    [InlineData("localhost.:{port}")]
    [InlineData("[::1]")]
    [InlineData("localhost")]
    public async Task TheLocalListenerAcceptsOnlyCanonicalHostNamesWithItsPort(string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/todays_chat/");
        request.Headers.Host = host.Replace("{port}", api.LocalPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var response = await api.Local().SendAsync(request);
        // Refused by local mode's guard, or before it by AllowedHosts: either way nobody acts as the local user.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);

        foreach (var canonical in new[] { "localhost", "127.0.0.1", "[::1]" })
        {
            using var ok = new HttpRequestMessage(HttpMethod.Get, "/todays_chat/");
            ok.Headers.Host = $"{canonical}:{api.LocalPort}";
            using var answer = await api.Local().SendAsync(ok);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }
    }

    [Fact]
    public async Task AForeignOriginIsRefused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/todays_chat/");
        request.Headers.TryAddWithoutValidation("Origin", "http://attacker.example");
        using var response = await api.Local().SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("origin", await response.ErrorAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("Basic bWU6cGFzcw==")]
    [InlineData("Digest username=\"me\"")]
    [InlineData("Bearer")]
    public async Task AnAuthorizationHeaderOfAnUnknownSchemeAnswers401InsteadOfActingAsTheLocalUser(string authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/todays_chat/");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var response = await api.Local().SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
