using System.Security.Claims;
using Bunit;
using ChatAi.Core.Chats;
using ChatAi.Core.Configuration;
using ChatAi.Core.Providers;
using ChatAi.Tests.Infrastructure;
using ChatAi.Web.Components;
using ChatAi.Web.Components.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;

namespace ChatAi.Tests.Web.Components;

/// <summary>
/// bUnit with the app's real services: ChatService and ReplyService on a temporary SQLite file (through <see cref="ChatAiApplication"/>),
/// MudBlazor's services, a signed-in user and the theme cascade. JS calls answer with defaults unless a test sets them up.
/// </summary>
public abstract class ComponentTestContext : BunitContext, IAsyncLifetime
{
    protected ChatAiApplication App { get; }
    protected string UserId { get; private set; } = "";
    protected ThemeState Theme { get; } = new(ThemeMode.Light, systemDark: false);
    protected ChatService Chats => App.Chats;
    protected ReplyService Replies => App.Replies;
    protected PresetService Presets => App.Presets;
    protected UserTimeZones Zones => App.Zones;
    protected ModelCatalog Models => App.Models;

    protected ComponentTestContext(IDictionary<string, string?>? settings = null)
    {
        App = new ChatAiApplication(settings: settings);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddSingleton(_ => App.Chats);
        Services.AddSingleton(_ => App.Replies);
        Services.AddSingleton(_ => App.Presets);
        Services.AddSingleton(_ => App.Zones);
        Services.AddSingleton(_ => App.Models);
        Services.AddSingleton(_ => App.Services.GetRequiredService<ChatNotifier>());
        Services.AddSingleton(_ => App.Services.GetRequiredService<IOptions<ChatAiOptions>>());
        Services.AddScoped<CurrentUser>();
        Services.AddScoped<ChatAi.Web.Components.Chat.ChatListLoader>();
        Services.AddMudServices();
        Services.AddCascadingValue(_ => Theme);
    }

    public async Task InitializeAsync()
    {
        _ = App.Server; // migrates the database
        var email = TestUsers.NewEmail("bunit");
        UserId = await App.CreateUserAsync(email);
        var auth = AddAuthorization();
        auth.SetAuthorized(email);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, UserId));
        Interactive(true); // resolves the renderer: services are fixed from here on
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        App.Dispose();
    }

    /// <summary>As on a live circuit (true) or while prerendering (false).</summary>
    protected void Interactive(bool interactive) => SetRendererInfo(new RendererInfo("Server", interactive));

    /// <summary>MudBlazor renders menus and dialogs in its providers: render them first, like the layout does.</summary>
    protected (IRenderedComponent<MudPopoverProvider> Popovers, IRenderedComponent<MudDialogProvider> Dialogs) RenderProviders() =>
        (Render<MudPopoverProvider>(), Render<MudDialogProvider>());
}
