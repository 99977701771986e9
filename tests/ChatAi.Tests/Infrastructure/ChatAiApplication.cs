using System.Security.Claims;
using ChatAi.Core.Chats;
using ChatAi.Core.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatAi.Tests.Infrastructure;

/// <summary>
/// The real app on a temporary SQLite file (or the given <see cref="TestDatabase"/>). With <c>kestrel: true</c> it
/// listens on a loopback port, so browsers and external clients reach it over real HTTP.
/// </summary>
public sealed class ChatAiApplication : WebApplicationFactory<Program>
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "chatai-tests", Guid.NewGuid().ToString("N"));
    private readonly bool _kestrel;

    public ChatAiApplication(bool kestrel = false, IDictionary<string, string?>? settings = null, TestDatabase? database = null)
    {
        Directory.CreateDirectory(_directory);
        _kestrel = kestrel;
        Database = database ?? TestDatabase.Sqlite();
        if (settings is not null) foreach (var (key, value) in settings) Settings[key] = value;
        if (kestrel) UseKestrel(0);
    }

    public Dictionary<string, string?> Settings { get; } = new();
    public TestDatabase Database { get; }

    /// <summary>The SQLite file (SQLite only).</summary>
    public string DatabasePath => Path.Combine(_directory, "chatai.db");

    /// <summary>The root URL (ending in /) of the Kestrel server; starts it on first use.</summary>
    public string RootUrl
    {
        get
        {
            if (!_kestrel) throw new InvalidOperationException("Create the application with kestrel: true.");
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            return address.Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1").TrimEnd('/') + "/";
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development ASP.NET Core serves packaged static files (Radzen, scoped CSS) only after publish.
        builder.UseStaticWebAssets();
        // Open circuits and streams would hold a stopping host for the default 30 s.
        builder.UseShutdownTimeout(TimeSpan.FromSeconds(2));
        builder.UseSetting("Database:Provider", Database.Provider.ToString());
        builder.UseSetting("ConnectionStrings:ChatAi", Database.ConnectionString ?? $"Data Source={DatabasePath}");
        builder.UseSetting("ChatAi:RevalidationSeconds", "2");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
    }

    public ChatService Chats => Services.GetRequiredService<ChatService>();

    public ChatAiDbContext CreateDbContext() => Services.GetRequiredService<IDbContextFactory<ChatAiDbContext>>().CreateDbContext();

    /// <summary>Creates a user straight through Identity and returns their id.</summary>
    public async Task<string> CreateUserAsync(string email, string password = TestUsers.Password)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        return user.Id;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        // Idle pooled connections would otherwise hold server slots until the run ends.
        if (Database.ConnectionString is { } postgres) Npgsql.NpgsqlConnection.ClearPool(new Npgsql.NpgsqlConnection(postgres));
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}

public static class TestUsers
{
    public const string Password = "Correct-Horse-9";

    public static string NewEmail(string name = "user") => $"{name}-{Guid.NewGuid():N}@example.test";
}
