using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ChatAi.Core.Configuration;
using ChatAi.Tests.Api;
using ChatAi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChatAi.Tests.Security;

/// <summary>Keys encrypted with a configured certificate, on SQLite; Postgres/PostgresKeyEncryptionTests runs it on PostgreSQL.</summary>
public sealed class KeyEncryptionTests() : KeyEncryptionScenarios(DatabaseProvider.Sqlite);

/// <summary>With <c>DataProtection:CertificatePath</c> set, the stored key ring is encrypted and two instances sharing the database still share cookies.</summary>
public abstract class KeyEncryptionScenarios(DatabaseProvider provider) : IDisposable
{
    private const string Password = "pfx-secret";
    private readonly string _directory = Directory.CreateTempSubdirectory("chatai-keys-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task TheStoredKeyIsEncryptedWithTheCertificateAndACookieFromOneInstanceWorksOnTheOther()
    {
        var settings = new Dictionary<string, string?>
        {
            ["DataProtection:CertificatePath"] = CreateCertificate(),
            ["DataProtection:CertificatePassword"] = Password,
        };
        var database = TestDatabase.Create(provider);
        if (provider == DatabaseProvider.Sqlite) settings["ConnectionStrings:ChatAi"] = $"Data Source={Path.Combine(_directory, "shared.db")}";
        using var first = new ChatAiApplication(kestrel: true, settings, database);
        using var second = new ChatAiApplication(kestrel: true, settings, database);

        var email = TestUsers.NewEmail("keys");
        await first.CreateUserAsync(email);
        using var login = await ApiClients.Create(first.RootUrl).PostAsJsonAsync("/api/auth/login?useCookies=true", new { email, password = TestUsers.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var cookie = string.Join("; ", login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));

        await using (var db = first.CreateDbContext())
        {
            var xml = Assert.Single(await db.DataProtectionKeys.Select(k => k.Xml).ToListAsync());
            Assert.Contains("<encryptedSecret", xml);
            Assert.Contains("EncryptedData", xml);
            Assert.DoesNotContain("unencrypted form", xml);
        }
        Assert.Equal(HttpStatusCode.OK, await InfoStatusAsync(first.RootUrl, cookie));
        Assert.Equal(HttpStatusCode.OK, await InfoStatusAsync(second.RootUrl, cookie));
    }

    /// <summary>A self-signed RSA certificate with its private key, as a password-protected PFX file.</summary>
    private string CreateCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=ChatAi data protection (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(_directory, "keys.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return path;
    }

    private static async Task<HttpStatusCode> InfoStatusAsync(string rootUrl, string cookie)
    {
        using var client = ApiClients.Create(rootUrl);
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        using var response = await client.GetAsync("/api/auth/manage/info");
        return response.StatusCode;
    }
}
