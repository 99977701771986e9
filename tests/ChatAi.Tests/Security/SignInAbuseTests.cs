using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatAi.Core.Data;
using ChatAi.Tests.Api;
using ChatAi.Tests.Infrastructure;
using ChatAi.Web.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ChatAi.Tests.Security;

/// <summary>Password guessing and account probing: lockout, identical answers for known and unknown emails.</summary>
public sealed class SignInAbuseTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task TheApiLocksAnAccountAfterFiveWrongPasswordsAndThenAnswersLikeForAnUnknownEmail()
    {
        var email = TestUsers.NewEmail("victim");
        await api.App.CreateUserAsync(email);
        var client = api.Anonymous();
        var unknown = await LoginBodyAsync(client, TestUsers.NewEmail("nobody"), "Wrong-Horse-1");

        for (var i = 0; i < 5; i++)
            Assert.Equal(unknown, await LoginBodyAsync(client, email, $"Wrong-Horse-{i}"));
        // Locked: the right password is refused now, in exactly the words an unknown email gets.
        Assert.Equal(unknown, await LoginBodyAsync(client, email, TestUsers.Password));
        Assert.True(await IsLockedOutAsync(email));
    }

    [Fact]
    public async Task TheLoginPageLocksAnAccountAfterFiveWrongPasswordsAndThenAnswersLikeForAnUnknownEmail()
    {
        var email = TestUsers.NewEmail("victim");
        await api.App.CreateUserAsync(email);
        var unknown = await LoginPageAlertAsync(TestUsers.NewEmail("nobody"), "Wrong-Horse-1");
        Assert.Contains("Invalid login attempt", unknown);

        for (var i = 0; i < 5; i++)
            Assert.Equal(unknown, await LoginPageAlertAsync(email, $"Wrong-Horse-{i}"));
        Assert.Equal(unknown, await LoginPageAlertAsync(email, TestUsers.Password));
        Assert.True(await IsLockedOutAsync(email));
    }

    [Fact]
    public async Task TheRegisterConfirmationPageLooksTheSameForKnownAndUnknownEmails()
    {
        var known = TestUsers.NewEmail("known");
        await api.App.CreateUserAsync(known);
        var client = api.Anonymous();

        using var forKnown = await client.GetAsync($"/Account/RegisterConfirmation?email={Uri.EscapeDataString(known)}");
        using var forUnknown = await client.GetAsync($"/Account/RegisterConfirmation?email={Uri.EscapeDataString(TestUsers.NewEmail("nobody"))}");

        Assert.Equal(HttpStatusCode.OK, forKnown.StatusCode);
        Assert.Equal(forKnown.StatusCode, forUnknown.StatusCode);
        var page = await forKnown.Content.ReadAsStringAsync();
        Assert.Contains("Please check your email", page);
        Assert.Equal(WithoutEncryptedState(page), WithoutEncryptedState(await forUnknown.Content.ReadAsStringAsync()));
        Assert.DoesNotContain("ConfirmEmail", page); // no confirmation shortcut outside Development
    }

    [Theory]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    public void TheRateLimitCountsPerIpv4AddressAndPerIpv6Network(string address, string key) =>
        Assert.Equal(key, SignInRateLimit.ClientKey(IPAddress.Parse(address)));

    /// <summary>The page without Blazor's persisted state, which is encrypted afresh (random) for every response.</summary>
    private static string WithoutEncryptedState(string html) => Regex.Replace(html, "<!--Blazor-Server-Component-State:[^>]*-->", "");

    [Theory]
    [InlineData("127.0.0.1", null, "127.0.0.1")]
    [InlineData("127.0.0.1", "198.51.100.1, 203.0.113.7", "127.0.0.1")] // a header is no proof: only the forwarded-headers middleware, for configured proxies, rewrites the peer
    [InlineData("::ffff:198.51.100.1", "203.0.113.7", "198.51.100.1")]
    public void TheClientAddressIsTheConnectionsPeerWhateverHeadersSay(string peer, string? forwardedFor, string client)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(peer);
        if (forwardedFor is not null) context.Request.Headers["X-Forwarded-For"] = forwardedFor;
        Assert.Equal(IPAddress.Parse(client), SignInRateLimit.ClientAddress(context));
    }

    internal static async Task<string> LoginBodyAsync(HttpClient client, string email, string password)
    {
        using var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        body.Remove("traceId"); // differs per request by design
        return $"{response.Content.Headers.ContentType} {body.ToJsonString()}";
    }

    private async Task<string?> LoginPageAlertAsync(string email, string password)
    {
        var browser = ApiClients.Create(api.RootUrl, cookies: true);
        using var response = await IdentityForms.LoginAsync(browser, email, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // a success would redirect
        return $"{(int)response.StatusCode} {IdentityForms.Alert(await response.Content.ReadAsStringAsync())}";
    }

    private async Task<bool> IsLockedOutAsync(string email)
    {
        using var scope = api.App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await users.IsLockedOutAsync((await users.FindByEmailAsync(email))!);
    }
}

public sealed class ConfirmedEmailFixture : ApiFixture
{
    protected override IDictionary<string, string?> Extra => new Dictionary<string, string?> { ["ChatAi:RequireConfirmedEmail"] = "true" };
}

/// <summary>With email confirmation on, registering a taken email looks exactly like registering a new one.</summary>
public sealed class RegistrationProbingTests(ConfirmedEmailFixture api) : IClassFixture<ConfirmedEmailFixture>
{
    [Fact]
    public async Task TheApiAnswersATakenEmailLikeANewOne()
    {
        var taken = TestUsers.NewEmail("taken");
        await api.App.CreateUserAsync(taken);
        var client = api.Anonymous();

        using var forTaken = await client.PostAsJsonAsync("/api/auth/register", new { email = taken, password = TestUsers.Password });
        using var forNew = await client.PostAsJsonAsync("/api/auth/register", new { email = TestUsers.NewEmail("new"), password = TestUsers.Password });

        Assert.Equal(HttpStatusCode.OK, forNew.StatusCode);
        Assert.Equal(forNew.StatusCode, forTaken.StatusCode);
        Assert.Equal(await forNew.Content.ReadAsStringAsync(), await forTaken.Content.ReadAsStringAsync());
        // Other problems are still reported.
        using var weak = await client.PostAsJsonAsync("/api/auth/register", new { email = taken, password = "weak" });
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.DoesNotContain("Duplicate", await weak.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheRegisterPageAnswersATakenEmailLikeANewOne()
    {
        var taken = TestUsers.NewEmail("taken");
        await api.App.CreateUserAsync(taken);
        var fresh = TestUsers.NewEmail("new");

        using var forTaken = await IdentityForms.RegisterAsync(ApiClients.Create(api.RootUrl, cookies: true), taken);
        using var forNew = await IdentityForms.RegisterAsync(ApiClients.Create(api.RootUrl, cookies: true), fresh);

        Assert.Equal(HttpStatusCode.Redirect, forNew.StatusCode);
        Assert.Equal(forNew.StatusCode, forTaken.StatusCode);
        Assert.Equal(forNew.Headers.Location?.OriginalString.Replace(Uri.EscapeDataString(fresh), "EMAIL"),
            forTaken.Headers.Location?.OriginalString.Replace(Uri.EscapeDataString(taken), "EMAIL"));
    }
}
