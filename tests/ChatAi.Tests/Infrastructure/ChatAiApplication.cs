using System.Collections.Concurrent;
using System.Security.Claims;
using ChatAi.Core.Chats;
using ChatAi.Core.Data;
using ChatAi.Core.Providers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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

    /// <summary>Set (before start) to keep every log line from this level up, of every category, in <see cref="Logs"/>.</summary>
    public LogLevel? CaptureLogsFrom { get; init; }

    /// <summary>The captured log lines (empty unless <see cref="CaptureLogsFrom"/> is set).</summary>
    public LogCapture Logs { get; } = new();

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
        // Outside Development ASP.NET Core serves packaged static files (MudBlazor, scoped CSS) only after publish.
        builder.UseStaticWebAssets();
        // Open circuits and streams would hold a stopping host for the default 30 s.
        builder.UseShutdownTimeout(TimeSpan.FromSeconds(2));
        builder.UseSetting("Database:Provider", Database.Provider.ToString());
        builder.UseSetting("ConnectionStrings:ChatAi", Database.ConnectionString ?? $"Data Source={DatabasePath}");
        builder.UseSetting("ChatAi:RevalidationSeconds", "2");
        // Every test signs in from 127.0.0.1; the per-address sign-in limit is tested with its own setting.
        builder.UseSetting("ChatAi:Security:SignInsPerMinute", "100000");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        if (CaptureLogsFrom is { } level)
            builder.ConfigureLogging(logging => logging.AddProvider(Logs).AddFilter<LogCapture>(null, level));
    }

    public ChatService Chats => Services.GetRequiredService<ChatService>();
    public ReplyService Replies => Services.GetRequiredService<ReplyService>();
    public PresetService Presets => Services.GetRequiredService<PresetService>();
    public UserTimeZones Zones => Services.GetRequiredService<UserTimeZones>();
    public LegacyMessageLog MessageLog => Services.GetRequiredService<LegacyMessageLog>();
    public ModelCatalog Models => Services.GetRequiredService<ModelCatalog>();

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

/// <summary>An in-memory logger provider: each line with its category, level, message, state values, scopes and exception.</summary>
[ProviderAlias("Capture")]
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _lines = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose() { }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => capture._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = new System.Text.StringBuilder($"{logLevel} {category}[{eventId.Id}]: {formatter(state, exception)}");
            // The raw values too: a formatter may leave some out, a sink would still write them.
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
                foreach (var (key, value) in values) line.Append($" | {key}={value}");
            capture._scopes.ForEachScope((scope, builder) =>
            {
                builder.Append($" | scope: {scope}");
                if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                    foreach (var (key, value) in pairs) builder.Append($" {key}={value}");
            }, line);
            if (exception is not null) line.Append(" | ").Append(exception);
            capture._lines.Enqueue(line.ToString());
        }
    }
}
