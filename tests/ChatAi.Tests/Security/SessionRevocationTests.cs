using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ChatAi.Tests.Api;
using ChatAi.Tests.Infrastructure;

namespace ChatAi.Tests.Security;

/// <summary>
/// Deleted, locked-out (by an administrator) and re-passworded users lose their cookie and their bearer tokens
/// within <c>ChatAi:RevalidationSeconds</c> (2 in tests), over real HTTP. Open circuits: <see cref="CircuitRevocationTests"/>.
/// </summary>
public sealed class SessionRevocationTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    /// <summary>The interval is 2 s; the rest is slack for a loaded test machine.</summary>
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(8);

    [Theory]
    [InlineData(Revocation.Deleted)]
    [InlineData(Revocation.PasswordChanged)]
    [InlineData(Revocation.LockedOut)]
    public async Task TheSitesCookieStopsWorkingSoonAfterTheAccountChanges(Revocation how)
    {
        var (email, browser) = await CookieSessionAsync();

        await IdentityForms.RevokeAsync(api.App.Services, email, how);

        await UntilStatusAsync(browser, "/api/auth/manage/info", HttpStatusCode.Unauthorized);
        using var page = await browser.GetAsync($"/chat/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/Account/Login", page.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData(Revocation.Deleted)]
    [InlineData(Revocation.PasswordChanged)]
    [InlineData(Revocation.LockedOut)]
    public async Task BearerTokensStopWorkingSoonAfterTheAccountChangesAndRefreshingDoesNotRevive(Revocation how)
    {
        var email = TestUsers.NewEmail("bearer");
        await api.App.CreateUserAsync(email);
        var client = api.Anonymous();
        using var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password = TestUsers.Password });
        var tokens = await login.JsonAsync();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("accessToken").GetString());
        await UntilStatusAsync(client, "/api/chats", HttpStatusCode.OK);

        await IdentityForms.RevokeAsync(api.App.Services, email, how);

        await UntilStatusAsync(client, "/api/chats", HttpStatusCode.Unauthorized);
        await UntilStatusAsync(client, "/api/auth/manage/info", HttpStatusCode.Unauthorized);
        using var refresh = await api.Anonymous().PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.GetProperty("refreshToken").GetString() });
        if (refresh.StatusCode == HttpStatusCode.OK)
        {
            // Identity's /refresh checks the stamp but not lockout; the token it hands out must still be refused.
            var renewed = api.Anonymous();
            renewed.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await refresh.JsonAsync()).GetProperty("accessToken").GetString());
            using var again = await renewed.GetAsync("/api/chats");
            Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        }
        else Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
    }

    [Fact]
    public async Task SessionsOfAnUnchangedAccountOutliveTheInterval()
    {
        var (email, browser) = await CookieSessionAsync();
        var bearer = api.Anonymous();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await ApiClients.LoginAsync(bearer, email, TestUsers.Password));

        for (var i = 0; i < 3; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            using var byCookie = await browser.GetAsync("/api/auth/manage/info");
            Assert.Equal(HttpStatusCode.OK, byCookie.StatusCode);
            using var byToken = await bearer.GetAsync("/api/chats");
            Assert.Equal(HttpStatusCode.OK, byToken.StatusCode);
        }
    }

    [Fact]
    public async Task SomeoneElseGuessingWrongPasswordsLocksNewSignInsButDoesNotSignTheOwnerOut()
    {
        var (email, browser) = await CookieSessionAsync();
        var bearer = api.Anonymous();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await ApiClients.LoginAsync(bearer, email, TestUsers.Password));

        var attacker = api.Anonymous();
        for (var i = 0; i < 5; i++)
            (await attacker.PostAsJsonAsync("/api/auth/login", new { email, password = $"Wrong-Horse-{i}" })).Dispose();
        using (var locked = await attacker.PostAsJsonAsync("/api/auth/login", new { email, password = TestUsers.Password }))
            Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);

        await Task.Delay(TimeSpan.FromSeconds(3)); // past the 2 s revalidation interval
        using var byCookie = await browser.GetAsync("/api/auth/manage/info");
        Assert.Equal(HttpStatusCode.OK, byCookie.StatusCode);
        using var byToken = await bearer.GetAsync("/api/chats");
        Assert.Equal(HttpStatusCode.OK, byToken.StatusCode);
    }

    private async Task<(string Email, HttpClient Browser)> CookieSessionAsync()
    {
        var email = TestUsers.NewEmail("cookie");
        await api.App.CreateUserAsync(email);
        var browser = ApiClients.Create(api.RootUrl, cookies: true);
        using var login = await browser.PostAsJsonAsync("/api/auth/login?useCookies=true", new { email, password = TestUsers.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        await UntilStatusAsync(browser, "/api/auth/manage/info", HttpStatusCode.OK);
        return (email, browser);
    }

    /// <summary>Polls <paramref name="path"/> until it answers <paramref name="status"/>; fails after <see cref="Within"/>.</summary>
    internal static async Task UntilStatusAsync(HttpClient client, string path, HttpStatusCode status)
    {
        var deadline = DateTime.UtcNow + Within;
        HttpStatusCode last;
        do
        {
            using var response = await client.GetAsync(path);
            last = response.StatusCode;
            if (last == status) return;
            await Task.Delay(200);
        } while (DateTime.UtcNow < deadline);
        Assert.Fail($"GET {path} still answered {(int)last} {Within.TotalSeconds} s later, not {(int)status}.");
    }
}
