using System.Net;
using System.Net.Http.Json;
using ChatAi.Tests.Api;
using ChatAi.Tests.Infrastructure;

namespace ChatAi.Tests.Security;

public sealed class SignInLimitFixture : ApiFixture
{
    public const int PerMinute = 4;

    protected override IDictionary<string, string?> Extra => new Dictionary<string, string?>
    {
        ["ChatAi:Security:SignInsPerMinute"] = PerMinute.ToString(),
        // The tests reach the app from 127.0.0.1, standing in for a reverse proxy on this machine (deploy/nginx).
        ["ChatAi:ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
    };
}

public sealed class UntrustedForwardingFixture : ApiFixture
{
    protected override IDictionary<string, string?> Extra => new Dictionary<string, string?>
    {
        ["ChatAi:Security:SignInsPerMinute"] = SignInLimitFixture.PerMinute.ToString(),
    };
}

/// <summary>With no proxy configured (the default), X-Forwarded-For is ignored: rotating it buys no new sign-in budget.</summary>
public sealed class UntrustedForwardingTests(UntrustedForwardingFixture api) : IClassFixture<UntrustedForwardingFixture>
{
    [Fact]
    public async Task RotatingXForwardedForDoesNotEscapeTheSignInLimitUnlessTheProxyIsConfigured()
    {
        var email = TestUsers.NewEmail("rotate");
        await api.App.CreateUserAsync(email);
        for (var i = 0; i < SignInLimitFixture.PerMinute; i++)
        {
            var client = api.Anonymous();
            client.DefaultRequestHeaders.Add("X-Forwarded-For", $"203.0.113.{i + 1}");
            using var wrong = await client.PostAsJsonAsync("/api/auth/login", new { email, password = "Wrong-Horse-1" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        var rotated = api.Anonymous();
        rotated.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.99");
        using var limited = await rotated.PostAsJsonAsync("/api/auth/login", new { email, password = TestUsers.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
    }
}

/// <summary>
/// One budget per client address across the sign-in and sign-up form posts and the <c>/api/auth</c>
/// equivalents; past it, 429 with Retry-After. Showing the forms and everything else stays free.
/// </summary>
public sealed class SignInRateLimitTests(SignInLimitFixture api) : IClassFixture<SignInLimitFixture>
{
    [Fact]
    public async Task SignInsAndSignUpsPastTheLimitPerAddressAnswer429WithRetryAfter()
    {
        var email = TestUsers.NewEmail("limit");
        await api.App.CreateUserAsync(email);
        // A bearer caller signed in before the budget is spent keeps using the API.
        var caller = api.Anonymous();
        caller.DefaultRequestHeaders.Authorization = new("Bearer", await ApiClients.LoginAsync(caller, email, TestUsers.Password));
        var client = api.Anonymous();
        var browser = ApiClients.Create(api.RootUrl, cookies: true);

        // The budget (4) is shared: 1 above, then one each of the others.
        using (var wrong = await client.PostAsJsonAsync("/api/auth/login", new { email, password = "Wrong-Horse-1" }))
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        using (var register = await client.PostAsJsonAsync("/api/auth/register", new { email = TestUsers.NewEmail("new"), password = TestUsers.Password }))
            Assert.Equal(HttpStatusCode.OK, register.StatusCode);
        using (var page = await IdentityForms.LoginAsync(browser, email, "Wrong-Horse-2"))
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        using (var limited = await client.PostAsJsonAsync("/api/auth/login", new { email, password = TestUsers.Password }))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
            Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
            Assert.Contains("Too many sign-in", (await limited.JsonAsync()).GetProperty("detail").GetString());
        }
        using (var limited = await client.PostAsJsonAsync("/api/auth/register", new { email = TestUsers.NewEmail("new"), password = TestUsers.Password }))
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        foreach (var path in new[] { "/Account/Login", "/Account/Register", "/Account/ForgotPassword" })
        {
            // The form's fields do not matter: the limiter answers before the page (or antiforgery) runs.
            using var limited = await IdentityForms.PostAsync(browser, path, new Dictionary<string, string> { ["Input.Email"] = email });
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
            Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
            Assert.Contains("Too many sign-in", await limited.Content.ReadAsStringAsync());
        }

        // Reading the forms, and the API with a token, still work.
        using (var form = await browser.GetAsync("/Account/Login"))
            Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        using (var chats = await caller.GetAsync("/api/chats"))
            Assert.Equal(HttpStatusCode.OK, chats.StatusCode);
        // Changing the password checks the old one: it spends the same budget (reading the account does not).
        using (var change = await caller.PostAsJsonAsync("/api/auth/manage/info", new { oldPassword = "Wrong-Horse-3", newPassword = "Another-Horse-10" }))
            Assert.Equal(HttpStatusCode.TooManyRequests, change.StatusCode);
        using (var info = await caller.GetAsync("/api/auth/manage/info"))
            Assert.Equal(HttpStatusCode.OK, info.StatusCode);

        // Another client (behind the configured reverse proxy, which names it in X-Forwarded-For) has its own budget.
        var elsewhere = api.Anonymous();
        elsewhere.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.50");
        using (var theirs = await elsewhere.PostAsJsonAsync("/api/auth/login", new { email, password = TestUsers.Password }))
            Assert.Equal(HttpStatusCode.OK, theirs.StatusCode);
    }
}
