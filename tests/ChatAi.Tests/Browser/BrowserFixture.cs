using System.Net;
using ChatAi.Core.Chats;
using ChatAi.Core.Data;
using ChatAi.Tests.Infrastructure;
using ChatAi.Tests.Postgres;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ChatAi.Tests.Browser;

/// <summary>
/// All browser tests share one collection, so they never run in parallel with each other. xunit starts both fixtures
/// (SQLite and PostgreSQL) whenever any browser test runs.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>, ICollectionFixture<PostgresBrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>
/// One headless Debian Chromium and one real app (wired to the fake OpenAI and Gemini servers) on a loopback
/// port for the whole browser collection. Tests stay independent by using their own users; each gets a fresh
/// browser context.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    // The flags Debian's Chromium needs in a container; the rest keep it off the network.
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private FakeProviders? _providers;
    private ChatAiApplication? _app;
    private WebApplicationFactory<Program>? _host;

    protected virtual TestDatabase CreateDatabase() => TestDatabase.Sqlite();

    /// <summary>The fake OpenAI and Gemini servers the app talks to (their recorded requests, for assertions).</summary>
    public FakeProviders Providers => _providers ?? throw new InvalidOperationException("The fake providers have not started.");
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");
    public IServiceProvider Services => (_host ?? throw new InvalidOperationException("The app has not started.")).Services;
    public string RootUrl { get; private set; } = "";
    public ChatService Chats => Services.GetRequiredService<ChatService>();
    public ReplyService Replies => Services.GetRequiredService<ReplyService>();

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: apt-get install -y chromium (see /work/shared/REGISTRY.md).");
        Assertions.SetDefaultExpectTimeout(BrowserSession.TimeoutMs);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });

        _providers = await FakeProviders.StartAsync();
        // Scenarios seed dozens of chats through ChatService in a moment; the per-user write limit is tested in Api/ApiLimitsTests.
        // Provider timeouts are tried in Providers/ and Reliability/; here a healthy stream on a machine whose cores
        // are both busy must not be cut by the fixture's 2 s idle limit.
        _app = _providers.CreateApp(extra: new Dictionary<string, string?>
        {
            ["ChatAi:MaxChatWritesPerMinute"] = "10000",
            ["ChatAi:Providers:Timeouts:FirstTokenSeconds"] = "60",
            ["ChatAi:Providers:Timeouts:IdleSeconds"] = "60",
        }, database: CreateDatabase());
        // ChatAiApplication runs the build output in the "Testing" environment, where ASP.NET Core maps static
        // web assets only in Development: without this, MudBlazor's files, the scoped CSS bundle and the components'
        // .js answer 500 and every gzip variant an empty 200. Only this derived host is started; never touch
        // _app.Services, which would start a second app on the same database.
        _host = _app.WithWebHostBuilder(builder => builder.UseStaticWebAssets());
        _host.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _host.StartServer();
        // Browse as "localhost", as a developer would: a bare IP is no valid WebAuthn domain, and the template's
        // passkey script on the login page logs a SecurityError for it.
        var address = new Uri(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        RootUrl = $"http://localhost:{address.Port}/";
    }

    /// <summary>Creates a user straight through Identity and returns their id.</summary>
    public async Task<string> CreateUserAsync(string email, string password = TestUsers.Password)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true };
        var result = await users.CreateAsync(user, password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        return user.Id;
    }

    /// <summary>A fresh context and page (no cookies, no storage) that records console errors, page errors and failed requests.</summary>
    public async Task<BrowserSession> NewSessionAsync(int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = RootUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ColorScheme = ColorScheme.Light,
            Locale = "en-US",
        });
        context.SetDefaultTimeout(BrowserSession.TimeoutMs);
        context.SetDefaultNavigationTimeout(BrowserSession.TimeoutMs);
        var page = await context.NewPageAsync();
        return new BrowserSession(RootUrl, context, page);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_host is not null) await _host.DisposeAsync();
        if (_app is not null) await _app.DisposeAsync();
        if (_providers is not null) await _providers.DisposeAsync();
    }
}
