using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ChatAi.Core.Chats;
using ChatAi.Core.Data;
using ChatAi.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatAi.Tests.Benchmarks;

/// <summary>
/// The real app on a loopback port, wired to both fake providers, with production settings where the
/// test defaults differ (save interval, timeouts, revalidation) and limits raised for load. Static web
/// assets are mapped (as in the browser tests) and the raw-SQL baseline endpoints and the static baseline page are added.
/// </summary>
public sealed class BenchHost : IAsyncDisposable
{
    /// <summary>Bench model names (<c>bench-&lt;profile&gt;-&lt;tokens&gt;</c>) the app must offer.</summary>
    public static readonly string[] OpenAiModels =
        ["bench-zero-5", "bench-realistic-5", "bench-realistic-300", "bench-fast-4000"];
    public static readonly string[] GeminiModels = ["bench-bursty-5", "bench-bursty-300"];

    private readonly FakeProviders _fakes;
    private readonly ChatAiApplication _app;
    private readonly WebApplicationFactory<Program> _host;

    private BenchHost(FakeProviders fakes, ChatAiApplication app, WebApplicationFactory<Program> host, int port)
    {
        _fakes = fakes;
        _app = app;
        _host = host;
        RootUrl = $"http://127.0.0.1:{port}/";
        BrowserUrl = $"http://localhost:{port}/";
    }

    public FakeProviders Fakes => _fakes;
    public IServiceProvider Services => _host.Services;
    public ChatService Chats => Services.GetRequiredService<ChatService>();
    public ReplyService Replies => Services.GetRequiredService<ReplyService>();
    public UserTimeZones Zones => Services.GetRequiredService<UserTimeZones>();
    public TestDatabase Database => _app.Database;

    /// <summary>For HTTP clients.</summary>
    public string RootUrl { get; }

    /// <summary>For the browser: "localhost", as a developer browses (see BrowserFixture).</summary>
    public string BrowserUrl { get; }

    public static async Task<BenchHost> StartAsync(TestDatabase? database = null, Action<IServiceCollection>? services = null)
    {
        var fakes = await FakeProviders.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["ChatAi:MaxSendsPerMinute"] = "100000",
            ["ChatAi:MaxConcurrentGenerations"] = "1000",
            ["ChatAi:MaxChatWritesPerMinute"] = "100000",
            ["ChatAi:MaxChatsPerUser"] = "10000000",
            ["ChatAi:MaxStoredCharsPerUser"] = "100000000000",
            // Production defaults where FakeProviders/ChatAiApplication shorten them for fast failure tests.
            ["ChatAi:StreamSaveIntervalMs"] = "500",
            ["ChatAi:RevalidationSeconds"] = "60",
            ["ChatAi:Providers:Timeouts:FirstTokenSeconds"] = "60",
            ["ChatAi:Providers:Timeouts:IdleSeconds"] = "30",
        };
        for (var i = 0; i < OpenAiModels.Length; i++) settings[$"ChatAi:Providers:OpenAI:Models:{FakeProviders.OpenAiModels.Length + i}"] = OpenAiModels[i];
        for (var i = 0; i < GeminiModels.Length; i++) settings[$"ChatAi:Providers:Gemini:Models:{FakeProviders.GeminiModels.Length + i}"] = GeminiModels[i];
        var app = fakes.CreateApp(kestrel: false, extra: settings, database: database);
        // As in BrowserFixture: only this derived host starts (never app.Services, which would start a second app).
        var host = app.WithWebHostBuilder(builder =>
        {
            builder.UseStaticWebAssets();
            builder.ConfigureServices(s =>
            {
                s.AddSingleton<IStartupFilter, RawSqlEndpoints>();
                s.AddSingleton<IStartupFilter, StaticBaselinePage>();
                services?.Invoke(s);
            });
        });
        host.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        host.StartServer();
        var address = new Uri(host.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        return new BenchHost(fakes, app, host, address.Port);
    }

    public IDbContextFactory<ChatAiDbContext> DbFactory => Services.GetRequiredService<IDbContextFactory<ChatAiDbContext>>();

    public async Task<string> CreateUserAsync(string email)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true };
        var result = await users.CreateAsync(user, TestUsers.Password);
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        return user.Id;
    }

    /// <summary>An HTTP client with no redirects and a generous connection pool, on <see cref="RootUrl"/>.</summary>
    public HttpClient NewClient(string? root = null) =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = new Uri(root ?? RootUrl),
            Timeout = TimeSpan.FromMinutes(2),
        };

    /// <summary>A new user signed in over the API with a bearer token (<c>POST /api/auth/login</c>).</summary>
    public async Task<(string UserId, HttpClient Http)> SignInApiAsync(string name)
    {
        var email = TestUsers.NewEmail(name);
        var userId = await CreateUserAsync(email);
        return (userId, await LogInApiAsync(email));
    }

    /// <summary>A client carrying a bearer token for an existing user.</summary>
    public async Task<HttpClient> LogInApiAsync(string email)
    {
        var http = NewClient();
        using var response = await http.PostAsJsonAsync("/api/auth/login", new { email, password = TestUsers.Password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>
    /// A chat on <paramref name="model"/> that already has one message, so a send is not the first and
    /// starts no title request beside the reply (most sends in a conversation are not the first).
    /// </summary>
    public async Task<Guid> NewChatAsync(string userId, string provider, string model)
    {
        var chat = await Chats.CreateChatAsync(userId, provider: provider, model: model, title: "Bench");
        await Chats.AddUserMessageAsync(userId, chat.Id, "Hello");
        return chat.Id;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _app.DisposeAsync();
        await _fakes.DisposeAsync();
    }
}
