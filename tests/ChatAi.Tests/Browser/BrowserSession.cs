using System.Text.RegularExpressions;
using ChatAi.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatAi.Tests.Browser;

/// <summary>
/// One browser context and page on the app, with the problems the page reported (console errors,
/// uncaught exceptions, failed same-origin requests) and the steps most tests share.
/// </summary>
public sealed partial class BrowserSession : IAsyncDisposable
{
    /// <summary>
    /// How long a browser step may wait for its condition. Every wait ends as soon as the condition holds, so a
    /// generous limit costs nothing when the machine is quiet, and with both cores busy a circuit's round trip
    /// can take seconds (seen: a theme click that took over 10 s under stress-ng).
    /// </summary>
    public const int TimeoutMs = 30_000;

    private readonly List<string> _problems = [];
    private readonly List<string> _webSockets = [];
    private readonly Uri _root;

    public BrowserSession(string rootUrl, IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        _root = new Uri(rootUrl);
        // Chromium's own "Failed to load resource" lines repeat what the response handler below records.
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource: the server responded with a status of", StringComparison.Ordinal))
                Record($"console error: {message.Text} ({message.Location})");
        };
        page.PageError += (_, error) => Record($"page error: {error}");
        // ERR_ABORTED is the browser cancelling a load itself (a navigation, a stylesheet swapped by the theme toggle).
        page.RequestFailed += (_, request) =>
        {
            if (IsSameOrigin(request.Url) && request.Failure != "net::ERR_ABORTED")
                Record($"request failed: {request.Method} {request.Url} {request.Failure}");
        };
        // Documents are left out: a 404 page is a legitimate answer the tests check themselves.
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && response.Request.ResourceType != "document" && IsSameOrigin(response.Url))
                Record($"HTTP {response.Status}: {response.Request.Method} {response.Url}");
        };
        page.WebSocket += (_, socket) => { lock (_webSockets) _webSockets.Add(socket.Url); };
    }

    public IBrowserContext Context { get; }
    public IPage Page { get; }
    public string RootUrl => _root.ToString();

    public IReadOnlyList<string> Problems { get { lock (_problems) return [.. _problems]; } }
    public IReadOnlyList<string> WebSockets { get { lock (_webSockets) return [.. _webSockets]; } }

    public ILocator Composer => Page.Locator("textarea.composer-input");
    public ILocator SendButton => Page.Locator("button.composer-send");
    public ILocator Sidebar => Page.Locator(".sidebar");

    public ILocator ChatItem(Guid chatId) => Page.Locator($".chat-item[data-chat-id=\"{chatId}\"]");

    /// <summary>The model switcher's button; its data-value is the chosen "provider:model".</summary>
    public ILocator ModelSwitcher => Page.Locator(".model-switcher-button");

    /// <summary>The open rename dialog's text box.</summary>
    public ILocator RenameInput => Page.Locator(".chat-rename-input input");

    /// <summary>Picks "provider:model" in the model switcher (a MudBlazor menu, grouped by provider).</summary>
    public Task ChooseModelAsync(string value) => ChooseModelAsync(Page, value);

    public static async Task ChooseModelAsync(IPage page, string value)
    {
        await page.Locator(".model-switcher-button").ClickAsync();
        await page.Locator($".model-option[data-value=\"{value}\"]").ClickAsync();
        await Expect(page.Locator(".model-switcher-button")).ToHaveAttributeAsync("data-value", value);
    }

    /// <summary>Opens a chat's ⋯ menu in the sidebar and picks an item (Rename, Pin, Unpin, Delete).</summary>
    public async Task ChatMenuAsync(Guid chatId, string item)
    {
        await ChatItem(chatId).Locator(".chat-item-menu").ClickAsync();
        await Page.GetByRole(AriaRole.Menuitem, new() { Name = item }).ClickAsync();
    }

    public void AssertNoProblems()
    {
        var problems = Problems;
        Assert.True(problems.Count == 0, $"The page reported {problems.Count} problem(s):\n{string.Join("\n", problems)}");
    }

    /// <summary>Registers through the Identity form; with email confirmation off, that signs the user in.</summary>
    public async Task RegisterAsync(string email, string password = TestUsers.Password)
    {
        await Page.GotoAsync("Account/Register");
        await Page.Locator("[name='Input.Email']").FillAsync(email);
        await Page.Locator("[name='Input.Password']").FillAsync(password);
        await Page.Locator("[name='Input.ConfirmPassword']").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Register", Exact = true }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(RootUrl);
    }

    public async Task SignInAsync(string email, string password = TestUsers.Password)
    {
        await Page.GotoAsync("Account/Login");
        await Page.Locator("[name='Input.Email']").FillAsync(email);
        await Page.Locator("[name='Input.Password']").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(RootUrl);
    }

    /// <summary>
    /// Waits until the circuit has attached the composer's script: before that, typing leaves Send
    /// disabled (and the prerendered box is replaced when the circuit renders), so keep typing until it enables.
    /// </summary>
    public async Task WaitForComposerAsync()
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(TimeoutMs);
        while (true)
        {
            await Composer.FillAsync("x");
            if (await SendButton.IsEnabledAsync()) break;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The composer never became interactive: is the Blazor circuit up?");
            await Task.Delay(100);
        }
        await Composer.FillAsync("");
        await Expect(SendButton).ToBeDisabledAsync();
    }

    /// <summary>
    /// Waits until the page answers server-side event handlers: the layout marks the page once its circuit is
    /// live (<c>html[data-circuit=live]</c>, set by theme.js when the circuit starts watching the system theme).
    /// </summary>
    public Task WaitForCircuitAsync() =>
        Expect(Page.Locator("html")).ToHaveAttributeAsync("data-circuit", "live", new() { Timeout = TimeoutMs });

    /// <summary>Waits for the chat page a send opens; on failure says what the page reported (a crashed circuit, say).</summary>
    public async Task<Guid> WaitForChatPageAsync()
    {
        try
        {
            await Expect(Page).ToHaveURLAsync(ChatUrl());
        }
        catch (PlaywrightException e)
        {
            var blazorError = await Page.Locator("#blazor-error-ui").IsVisibleAsync() ? "Blazor's error bar is showing. " : "";
            Assert.Fail($"No chat page opened. {blazorError}The page reported:\n{string.Join("\n", Problems)}\n{e.Message}");
        }
        return CurrentChatId();
    }

    /// <summary>The chat id from a /chat/{id} address.</summary>
    public Guid CurrentChatId()
    {
        var match = Regex.Match(Page.Url, "/chat/([0-9a-fA-F-]{36})$");
        Assert.True(match.Success, $"Not on a chat page: {Page.Url}");
        return Guid.Parse(match.Groups[1].Value);
    }

    [GeneratedRegex("/chat/[0-9a-f-]{36}$")]
    private static partial Regex ChatUrl();

    private bool IsSameOrigin(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
        && uri.Host == _root.Host && uri.Port == _root.Port;

    private void Record(string problem)
    {
        lock (_problems) _problems.Add(problem);
    }

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}
