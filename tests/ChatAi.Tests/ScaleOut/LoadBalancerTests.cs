using System.Net;
using System.Text.RegularExpressions;
using ChatAi.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatAi.Tests.ScaleOut;

/// <summary>
/// Two instances on one PostgreSQL database behind the shipped nginx configuration, driven by Chromium:
/// sign in and chat through nginx, stop the instance that served, and carry on at the other.
/// </summary>
public sealed class LoadBalancerTests
{
    [Fact]
    public async Task AUserKeepsTheirSessionAndChatsWhenTheirInstanceStops()
    {
        await using var fakes = await FakeProviders.StartAsync();
        var database = TestDatabase.Postgres();
        var proxied = new Dictionary<string, string?> { ["ChatAi:ForwardedHeaders:KnownProxies:0"] = "127.0.0.1" }; // as deploy/nginx says
        using var appA = fakes.CreateApp(extra: proxied, database: database);
        using var appB = fakes.CreateApp(extra: proxied, database: database);
        var hosts = new Dictionary<string, WebApplicationFactory<Program>> { ["A"] = Tagged(appA, "A"), ["B"] = Tagged(appB, "B") };
        using var nginx = await NginxServer.StartAsync(RootUrl(hosts["A"]), RootUrl(hosts["B"]));
        var site = $"http://localhost:{nginx.Port}/";

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium", Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        Assertions.SetDefaultExpectTimeout(15_000);
        var context = await browser.NewContextAsync(new() { BaseURL = site });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var email = TestUsers.NewEmail("lb");

        // Register and chat through nginx; the circuit's WebSocket goes through it too.
        var first = await page.GotoAsync("Account/Register");
        var served = (await first!.AllHeadersAsync())["x-chatai-instance"];
        await page.Locator("[name='Input.Email']").FillAsync(email);
        await page.Locator("[name='Input.Password']").FillAsync(TestUsers.Password);
        await page.Locator("[name='Input.ConfirmPassword']").FillAsync(TestUsers.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Register", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(site);
        await SendAsync(page, "hello through the load balancer");
        await Expect(page).ToHaveURLAsync(new Regex("/chat/[0-9a-f-]{36}$"));
        var chatUrl = page.Url;
        await Expect(page.Locator("article.message-assistant[data-status=\"complete\"]")).ToContainTextAsync("Echo: hello through the load balancer");

        // The user leaves; the instance that served them goes away; they come back through nginx.
        await page.CloseAsync();
        await hosts[served].DisposeAsync();
        page = await context.NewPageAsync();
        var again = await page.GotoAsync(chatUrl);
        var now = (await again!.AllHeadersAsync())["x-chatai-instance"];
        Assert.NotEqual(served, now);
        if (page.Url.Contains("/Account/Login", StringComparison.Ordinal))
        {
            await page.Locator("[name='Input.Email']").FillAsync(email);
            await page.Locator("[name='Input.Password']").FillAsync(TestUsers.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
            await page.GotoAsync(chatUrl);
        }
        // Everything is there, and chatting goes on.
        await Expect(page.Locator("article.message-user .message-text")).ToHaveTextAsync("hello through the load balancer");
        await Expect(page.Locator(".chat-item")).ToHaveCountAsync(1);
        await SendAsync(page, "and now the other instance");
        await Expect(page.Locator("article.message-assistant[data-status=\"complete\"]").Last).ToContainTextAsync("Echo: and now the other instance");
        await hosts[now].DisposeAsync();
    }

    private static async Task SendAsync(IPage page, string text)
    {
        var composer = page.Locator("textarea.composer-input");
        var send = page.Locator("button.composer-send");
        // Until the circuit attaches the composer script, typing does not enable Send.
        for (var i = 0; i < 100 && !await send.IsEnabledAsync(); i++)
        {
            await composer.FillAsync(text);
            if (!await send.IsEnabledAsync()) await Task.Delay(100);
        }
        await composer.PressAsync("Enter");
    }

    /// <summary>The app on a loopback port, tagging each answer with the instance name so the test knows who served.</summary>
    private static WebApplicationFactory<Program> Tagged(ChatAiApplication app, string name)
    {
        var host = app.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
            services.AddSingleton<IStartupFilter>(new InstanceTag(name))));
        host.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        host.StartServer();
        return host;
    }

    private static string RootUrl(WebApplicationFactory<Program> host) =>
        host.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();

    private sealed class InstanceTag(string name) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Response.Headers["X-ChatAi-Instance"] = name;
                return nextMiddleware();
            });
            next(app);
        };
    }
}
