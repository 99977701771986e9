using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ChatAi.Core.Data;
using ChatAi.Tests.Api;
using ChatAi.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatAi.Tests.Security;

/// <summary>A revalidation interval far longer than any test: whatever is revoked must be revoked at once, not by expiry.</summary>
public class LongRevalidationFixture : ApiFixture
{
    protected override IDictionary<string, string?> Extra => new Dictionary<string, string?> { ["ChatAi:RevalidationSeconds"] = "3600" };
}

/// <summary>On SQLite; Postgres/PostgresApiTests.cs runs the same scenarios on PostgreSQL.</summary>
public sealed class AccountHardeningTests(LongRevalidationFixture api) : AccountHardeningScenarios(api), IClassFixture<LongRevalidationFixture>;

/// <summary>Refresh tokens used once, wrong old passwords counted, tokens revoked the moment the account changes.</summary>
public abstract class AccountHardeningScenarios(ApiFixture api)
{
    [Fact]
    public async Task ARefreshTokenWorksOnceAndReusingItRevokesTheWholeFamily()
    {
        var email = TestUsers.NewEmail("refresh");
        await api.App.CreateUserAsync(email);
        var client = api.Anonymous();
        var first = await LoginTokensAsync(client, email);

        var second = await RefreshAsync(client, first.Refresh);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        var third = await RefreshAsync(client, second.Refresh!);
        Assert.Equal(HttpStatusCode.OK, third.Status);

        // The first token again: a thief or its owner replays it. Refused, and the newest token of the family dies too.
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(client, first.Refresh)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(client, third.Refresh!)).Status);

        // Another sign-in is another family, untouched.
        var other = await LoginTokensAsync(client, email);
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(client, other.Refresh)).Status);
    }

    [Fact]
    public async Task WrongOldPasswordsOnManageInfoCountTowardLockoutAndThenTheRightOneIsRefused()
    {
        var email = TestUsers.NewEmail("guess");
        await api.App.CreateUserAsync(email);
        var client = api.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await LoginTokensAsync(client, email)).Access);

        for (var i = 0; i < 5; i++)
            using (var wrong = await client.PostAsJsonAsync("/api/auth/manage/info", new { oldPassword = $"Wrong-Horse-{i}", newPassword = "Another-Horse-10" }))
                Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        using var right = await client.PostAsJsonAsync("/api/auth/manage/info", new { oldPassword = TestUsers.Password, newPassword = "Another-Horse-10" });
        Assert.Equal(HttpStatusCode.BadRequest, right.StatusCode);
        Assert.Contains("LockedOut", await right.Content.ReadAsStringAsync());
        Assert.True(await IsLockedOutAsync(email));
        Assert.True(await HasPasswordAsync(email, TestUsers.Password));
    }

    [Fact]
    public async Task TheChangePasswordAndDeleteAccountFormsCountWrongPasswordsTowardLockout()
    {
        var email = TestUsers.NewEmail("forms");
        await api.App.CreateUserAsync(email);
        var browser = ApiClients.Create(api.RootUrl, cookies: true);
        using (var login = await IdentityForms.LoginAsync(browser, email, TestUsers.Password))
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        for (var i = 0; i < 3; i++)
            using (var wrong = await IdentityForms.PostAsync(browser, "/Account/Manage/ChangePassword", new Dictionary<string, string>
                   { ["Input.OldPassword"] = $"Wrong-Horse-{i}", ["Input.NewPassword"] = "Another-Horse-10", ["Input.ConfirmPassword"] = "Another-Horse-10" }))
                Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        for (var i = 0; i < 2; i++)
            using (var wrong = await IdentityForms.PostAsync(browser, "/Account/Manage/DeletePersonalData",
                       new Dictionary<string, string> { ["Input.Password"] = $"Wrong-Horse-{i}" }))
                Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);

        Assert.True(await IsLockedOutAsync(email));
        // Locked: even the right password neither changes the password nor deletes the account.
        using (var right = await IdentityForms.PostAsync(browser, "/Account/Manage/DeletePersonalData",
                   new Dictionary<string, string> { ["Input.Password"] = TestUsers.Password }))
            Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.True(await HasPasswordAsync(email, TestUsers.Password));
    }

    [Fact]
    public async Task APasswordChangeRevokesEveryEarlierTokenAtOnceWhetherUsedBeforeOrNot()
    {
        var email = TestUsers.NewEmail("revoke");
        await api.App.CreateUserAsync(email);
        var used = api.Anonymous();
        used.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await LoginTokensAsync(used, email)).Access);
        var unused = api.Anonymous();
        unused.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await LoginTokensAsync(unused, email)).Access);
        using (var ok = await used.GetAsync("/api/chats"))
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode); // the verdict for this user is now cached (for an hour here)

        using (var change = await used.PostAsJsonAsync("/api/auth/manage/info", new { oldPassword = TestUsers.Password, newPassword = "Another-Horse-10" }))
            Assert.Equal(HttpStatusCode.OK, change.StatusCode);

        using (var afterUsed = await used.GetAsync("/api/chats"))
            Assert.Equal(HttpStatusCode.Unauthorized, afterUsed.StatusCode);
        using (var afterUnused = await unused.GetAsync("/api/chats"))
            Assert.Equal(HttpStatusCode.Unauthorized, afterUnused.StatusCode);
    }

    [Fact]
    public async Task AfterTheAccountIsDeletedItsTokensAnswer401AndNever500()
    {
        var email = TestUsers.NewEmail("deleted");
        await api.App.CreateUserAsync(email);
        var client = api.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await LoginTokensAsync(client, email)).Access);
        using (var ok = await client.GetAsync("/api/chats"))
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);

        await IdentityForms.RevokeAsync(api.App.Services, email, Revocation.Deleted);

        foreach (var (method, path, body) in new (HttpMethod, string, object?)[]
                 {
                     (HttpMethod.Get, "/api/chats", null), (HttpMethod.Post, "/api/chats", new { title = "after" }),
                     (HttpMethod.Post, "/api/chat/history/", new { message = "after" }), (HttpMethod.Get, "/api/auth/manage/info", null),
                 })
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    [Fact]
    public async Task AnAccountDeletedElsewhereWithinTheRevalidationWindowGets401NotA500()
    {
        var email = TestUsers.NewEmail("elsewhere");
        var userId = await api.App.CreateUserAsync(email);
        var client = api.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await LoginTokensAsync(client, email)).Access);
        using (var ok = await client.GetAsync("/api/chats"))
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode); // this instance now trusts the token for an hour

        // Another instance deletes the account: this one is not told, only the database changes.
        await using (var db = api.App.CreateDbContext())
            await db.Users.Where(u => u.Id == userId).ExecuteDeleteAsync();

        using var write = await client.PostAsJsonAsync("/api/chats", new { title = "after" });
        Assert.Equal(HttpStatusCode.Unauthorized, write.StatusCode);
    }

    private sealed record Tokens(string Access, string Refresh);

    private static async Task<Tokens> LoginTokensAsync(HttpClient client, string email)
    {
        using var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password = TestUsers.Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        return new(body.GetProperty("accessToken").GetString()!, body.GetProperty("refreshToken").GetString()!);
    }

    private static async Task<(HttpStatusCode Status, string? Refresh)> RefreshAsync(HttpClient client, string refreshToken)
    {
        using var response = await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken });
        if (response.StatusCode != HttpStatusCode.OK) return (response.StatusCode, null);
        var body = await response.JsonAsync();
        return (response.StatusCode, body.GetProperty("refreshToken").GetString());
    }

    private async Task<bool> IsLockedOutAsync(string email)
    {
        using var scope = api.App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await users.IsLockedOutAsync((await users.FindByEmailAsync(email))!);
    }

    private async Task<bool> HasPasswordAsync(string email, string password)
    {
        using var scope = api.App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(email);
        return user is not null && users.PasswordHasher.VerifyHashedPassword(user, user.PasswordHash!, password) != PasswordVerificationResult.Failed;
    }
}
