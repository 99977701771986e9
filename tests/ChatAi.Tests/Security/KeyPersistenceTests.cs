using System.Net;
using System.Net.Http.Json;
using ChatAi.Tests.Api;
using ChatAi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChatAi.Tests.Security;

/// <summary>The data-protection key ring lives in the database, so a restart (or another instance) keeps users signed in.</summary>
public sealed class KeyPersistenceTests
{
    [Fact]
    public async Task ACookieIssuedBeforeARestartStillSignsInAfterItAndOnlyThanksToTheDatabase()
    {
        var file = Path.Combine(Path.GetTempPath(), $"chatai-keys-{Guid.NewGuid():N}.db");
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:ChatAi"] = $"Data Source={file}" };
        try
        {
            string cookie;
            using (var first = new ChatAiApplication(kestrel: true, settings))
            {
                var email = TestUsers.NewEmail("restart");
                await first.CreateUserAsync(email);
                using var login = await ApiClients.Create(first.RootUrl).PostAsJsonAsync("/api/auth/login?useCookies=true", new { email, password = TestUsers.Password });
                Assert.Equal(HttpStatusCode.OK, login.StatusCode);
                cookie = string.Join("; ", login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
                Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(first.RootUrl, cookie));
            }

            // The restart: a new process on the same database.
            using (var second = new ChatAiApplication(kestrel: true, settings))
            {
                Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(second.RootUrl, cookie));
                using var page = await WithCookie(second.RootUrl, cookie).GetAsync("/Account/Manage");
                Assert.Equal(HttpStatusCode.OK, page.StatusCode);

                // Proof that the database is what carried the keys (and not, say, a key folder in $HOME).
                await using var db = second.CreateDbContext();
                Assert.True(await db.DataProtectionKeys.ExecuteDeleteAsync() > 0);
            }
            using var third = new ChatAiApplication(kestrel: true, settings);
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(third.RootUrl, cookie));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var path in new[] { file, file + "-wal", file + "-shm" }) File.Delete(path);
        }
    }

    private static async Task<HttpStatusCode> StatusWithAsync(string rootUrl, string cookie)
    {
        using var response = await WithCookie(rootUrl, cookie).GetAsync("/api/auth/manage/info");
        return response.StatusCode;
    }

    private static HttpClient WithCookie(string rootUrl, string cookie)
    {
        var client = ApiClients.Create(rootUrl);
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }
}
