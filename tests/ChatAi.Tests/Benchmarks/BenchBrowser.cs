using ChatAi.Tests.Browser;
using Microsoft.Playwright;

namespace ChatAi.Tests.Benchmarks;

/// <summary>
/// Headless Debian Chromium for the benchmarks that measure in a browser, started on first use. The page
/// measures itself (<c>performance.now()</c> in <c>requestAnimationFrame</c>), so Playwright's own round
/// trips stay out of the figures.
/// </summary>
public sealed class BenchBrowser : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
        // Background tabs keep their timers and frames, so a page measured next to others is not throttled.
        "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows",
    ];

    private readonly SemaphoreSlim _starting = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task<IBrowser> GetAsync()
    {
        await _starting.WaitAsync();
        try
        {
            if (_browser is not null) return _browser;
            _playwright = await Playwright.CreateAsync();
            _browser = await LaunchAsync(_playwright, []);
            return _browser;
        }
        finally { _starting.Release(); }
    }

    /// <summary>A separate Chromium with extra flags (figure 6 caps its renderer processes); the caller disposes it.</summary>
    public async Task<IBrowser> LaunchSeparateAsync(params string[] extraArgs)
    {
        await GetAsync();
        return await LaunchAsync(_playwright!, extraArgs);
    }

    private static Task<IBrowser> LaunchAsync(IPlaywright playwright, string[] extraArgs)
    {
        if (!File.Exists(BrowserFixture.ChromiumPath))
            throw new InvalidOperationException($"{BrowserFixture.ChromiumPath} is missing: apt-get install -y chromium.");
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFixture.ChromiumPath,
            Headless = true,
            Args = [.. ChromiumArgs, .. extraArgs],
        });
    }

    /// <summary>A fresh context signed in as <paramref name="email"/> through the login form, with one page on the home page.</summary>
    public static async Task<BrowserSession> SignInAsync(IBrowser browser, BenchHost host, string email, params string[] initScripts)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = host.BrowserUrl,
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            Locale = "en-US",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        foreach (var script in initScripts) await context.AddInitScriptAsync(script);
        var session = new BrowserSession(host.BrowserUrl, context, await context.NewPageAsync());
        await session.SignInAsync(email);
        return session;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
