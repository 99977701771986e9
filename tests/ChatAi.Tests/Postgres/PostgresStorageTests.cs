using ChatAi.Core.Data;
using ChatAi.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatAi.Tests.Postgres;

/// <summary>Values whose mapping differs on PostgreSQL: UTC timestamps and Identity's JSON passkey column.</summary>
public sealed class PostgresStorageTests : IDisposable
{
    private readonly ChatAiApplication _app = new(database: TestDatabase.Postgres());

    public PostgresStorageTests() => _ = _app.Server;

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task TimestampsComeBackAsUtcEvenWhenWrittenAsLocalTime()
    {
        var user = await _app.CreateUserAsync(TestUsers.NewEmail());
        var utc = new DateTime(2026, 6, 1, 12, 30, 45, DateTimeKind.Utc);
        var id = Guid.NewGuid();
        await using (var db = _app.CreateDbContext())
        {
            // Npgsql refuses a Local DateTime for timestamptz; the model's converter makes it UTC first.
            db.Chats.Add(new Chat { Id = id, UserId = user, CreatedAt = utc.ToLocalTime(), LastActivityAt = utc });
            await db.SaveChangesAsync();
        }
        await using var check = _app.CreateDbContext();
        var chat = await check.Chats.SingleAsync(c => c.Id == id);
        Assert.Equal((utc, DateTimeKind.Utc), (chat.CreatedAt, chat.CreatedAt.Kind));
        Assert.Equal(DateTimeKind.Utc, chat.LastActivityAt.Kind);
        Assert.Single(await check.Chats.Where(c => c.Id == id && c.CreatedAt >= utc.AddSeconds(-1) && c.CreatedAt < utc.AddSeconds(1)).ToListAsync());
    }

    [Fact]
    public async Task APasskeyIsStoredInTheJsonColumnAndFoundAgain()
    {
        var userId = await _app.CreateUserAsync(TestUsers.NewEmail());
        using var scope = _app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = (await users.FindByIdAsync(userId))!;
        byte[] credentialId = [1, 2, 3, 250];
        var created = new DateTimeOffset(2026, 5, 6, 7, 8, 9, TimeSpan.Zero);
        var passkey = new UserPasskeyInfo(credentialId, publicKey: [9, 8, 7], created, signCount: uint.MaxValue, transports: ["usb", "nfc"],
            isUserVerified: true, isBackupEligible: true, isBackedUp: false, attestationObject: [5], clientDataJson: [6, 7]) { Name = "Laptop" };
        Assert.True((await users.AddOrUpdatePasskeyAsync(user, passkey)).Succeeded);

        using var other = _app.Services.CreateScope();
        var again = other.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        Assert.Equal(userId, (await again.FindByPasskeyIdAsync(credentialId))?.Id);
        var stored = Assert.Single(await again.GetPasskeysAsync(user));
        Assert.Equal((uint.MaxValue, created, "Laptop"), (stored.SignCount, stored.CreatedAt, stored.Name));
        Assert.Equal(["usb", "nfc"], stored.Transports!);
        Assert.Equal([9, 8, 7], stored.PublicKey);
    }
}
