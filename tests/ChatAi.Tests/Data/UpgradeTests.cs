using System.Net;
using System.Net.Http.Json;
using ChatAi.Core.Configuration;
using ChatAi.Core.Data;
using ChatAi.Tests.Api;
using ChatAi.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChatAi.Tests.Data;

/// <summary>A SQLite database made by the previous release upgrades with nothing lost; Postgres/ has the PostgreSQL run.</summary>
public sealed class UpgradeTests() : UpgradeScenarios(DatabaseProvider.Sqlite);

/// <summary>
/// Starts this release on a database the previous release created and filled (Data/PreviousRelease), signs in
/// with the old password and finds every user, chat, message, setting and data-protection key still there.
/// </summary>
public abstract class UpgradeScenarios(DatabaseProvider provider) : IDisposable
{
    private const string Ann = "ann@example.test";
    private static readonly Guid Trip = Guid.Parse("3f2b8a9e-5c1d-4e7f-9a0b-1c2d3e4f5a6b");
    private static readonly Guid Log = Guid.Parse("00000000-0000-4000-8000-000000000003");
    private readonly ChatAiApplication _app = Restore(provider);

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task TheUpgradeAppliesOnlyTheNewMigrationsAndLeavesNonePending()
    {
        await using var db = _app.CreateDbContext();
        var applied = await db.Database.GetAppliedMigrationsAsync();
        Assert.Equal(db.Database.GetMigrations(), applied);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.True(applied.Count() > 1, "the dump already holds the previous release's migrations");
    }

    [Fact]
    public async Task TheOldPasswordSignsInAndTheChatsMessagesAndSettingsAreAllThere()
    {
        var client = ApiClients.Create(_app.RootUrl, cookies: true);
        using (var login = await client.PostAsJsonAsync("/api/auth/login?useCookies=true", new { email = Ann, password = TestUsers.Password }))
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var list = await client.GetStringAsync("/api/chats");
        Assert.Contains("Lisbon trip", list);
        Assert.DoesNotContain("Bob's", list);

        var ann = await UserIdAsync(Ann);
        var trip = await _app.Chats.FindChatAsync(ann, Trip);
        Assert.NotNull(trip);
        Assert.Equal(("Lisbon trip", true, "gemini", "gemini-2.5-pro"), (trip.Title, trip.Pinned, trip.Provider, trip.Model));
        var messages = await _app.Chats.GetMessagesAsync(ann, Trip);
        Assert.Equal(
            [
                (MessageRole.User, "Plan a weekend in Lisbon", MessageStatus.Complete, (int?)null, (int?)null),
                (MessageRole.Assistant, "Day 1: Alfama. Day 2: Belém.", MessageStatus.Complete, 12, 34),
                (MessageRole.Assistant, "half", MessageStatus.Stopped, null, null),
            ],
            messages!.Select(m => (m.Role, m.Content, m.Status, m.PromptTokens, m.CompletionTokens)));
        Assert.Equal("Europe/Berlin", (await _app.Zones.GetUserTimeZoneAsync(ann)).Id);
        Assert.Equal(["Plan a weekend in Lisbon", "Day 1: Alfama. Day 2: Belém.", "half", "logged hello"],
            (await _app.MessageLog.ListUserMessagesAsync(ann, 10)).Select(m => m.Content));
        await using var db = _app.CreateDbContext();
        Assert.Equal(Log, (await db.Users.SingleAsync(u => u.Id == ann)).DefaultChatId);

        var bob = await UserIdAsync("bob@example.test");
        Assert.Equal(["Bob's"], (await _app.Chats.ListChatsAsync(bob, 10)).Select(c => c.Title));

        // The search migrations indexed what the previous release wrote, each row under its owner.
        Assert.Equal([(Trip, false), (Trip, true)], (await _app.Chats.SearchAsync(ann, "lisbon")).Hits.Select(h => (h.ChatId, h.MessageId is not null)));
        Assert.Equal([Trip], (await _app.Chats.SearchAsync(ann, "alfama")).Hits.Select(h => h.ChatId));
        Assert.Empty((await _app.Chats.SearchAsync(bob, "alfama")).Hits);
    }

    [Fact]
    public async Task EveryOldChatBecomesASinglePathTreeEndingAtItsLastMessage()
    {
        await using var db = _app.CreateDbContext();
        foreach (var chat in await db.Chats.ToListAsync())
        {
            var messages = await db.Messages.Where(m => m.ChatId == chat.Id).OrderBy(m => m.Id).ToListAsync();
            Assert.Equal(messages.Select(m => (long?)m.Id).Prepend(null).SkipLast(1), messages.Select(m => m.ParentId));
            Assert.Equal(messages.Count == 0 ? null : messages[^1].Id, chat.CurrentLeafId);
        }
        var ann = await UserIdAsync(Ann);
        var trip = await _app.Chats.GetMessagePageAsync(ann, Trip, 50);
        Assert.Equal(["Plan a weekend in Lisbon", "Day 1: Alfama. Day 2: Belém.", "half"], trip!.Messages.Select(m => m.Content));
        Assert.All(trip.Messages, m => Assert.Equal(1, m.Siblings!.Count));
    }

    [Fact]
    public async Task TheOldKeyRingStillReadsWhatThePreviousReleaseProtectedItsSignInCookieIncluded()
    {
        var payload = await File.ReadAllTextAsync(Captured("payload.txt"));
        var protector = _app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("ChatAi.Tests.Upgrade");
        Assert.Equal("protected by the previous release", protector.Unprotect(payload));

        // The sign-in cookie, decrypted as the cookie handler does (its 14-day expiry aside: the capture outlives it).
        var cookie = await File.ReadAllTextAsync(Captured("cookie.txt"));
        var format = _app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme).TicketDataFormat;
        var ticket = format.Unprotect(cookie);
        Assert.NotNull(ticket);
        var userIdClaim = _app.Services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.UserIdClaimType;
        Assert.Equal(await UserIdAsync(Ann), ticket.Principal.FindFirst(userIdClaim)?.Value);
    }

    private string Captured(string file) => Path.Combine(AppContext.BaseDirectory, "Data", "PreviousRelease", provider.ToString().ToLowerInvariant(), file);

    private async Task<string> UserIdAsync(string email)
    {
        await using var db = _app.CreateDbContext();
        return (await db.Users.SingleAsync(u => u.Email == email)).Id;
    }

    /// <summary>The previous release's database (schema, migration history and data) restored from its dump, then this release started on it.</summary>
    private static ChatAiApplication Restore(DatabaseProvider provider)
    {
        var dump = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "PreviousRelease", provider.ToString().ToLowerInvariant(), "dump.sql"));
        var database = TestDatabase.Create(provider);
        var app = new ChatAiApplication(kestrel: true, database: database);
        if (provider == DatabaseProvider.Sqlite)
        {
            using var connection = new SqliteConnection($"Data Source={app.DatabasePath};Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = dump;
            command.ExecuteNonQuery();
        }
        else
        {
            using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString);
            connection.Open();
            using var command = new NpgsqlCommand(dump, connection);
            command.ExecuteNonQuery();
        }
        _ = app.RootUrl; // start: migrates
        return app;
    }
}
