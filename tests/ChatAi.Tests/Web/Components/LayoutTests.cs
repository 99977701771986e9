using Bunit;
using ChatAi.Web.Components.Layout;
using ChatAi.Web.Components.Pages;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace ChatAi.Tests.Web.Components;

/// <summary>The shell: interactive pages get the app bar, the chats drawer and MudBlazor's providers; the static account pages get the same bar and a way back.</summary>
public sealed class LayoutTests : ComponentTestContext
{
    // The page's palette is html[data-theme] (theme.js sets it, chatAiTheme.mark/save); the toggle offers the other one.
    private static bool IsDark(IRenderedComponent<MainLayout> cut) => cut.Find(".theme-toggle").GetAttribute("aria-label") == "Switch to the light theme";

    private static readonly RenderFragment Body = b => b.AddMarkupContent(0, "<h1 id=\"body\">Page</h1>");

    [Fact]
    public void AnInteractivePageHasTheAppBarTheChatsDrawerAndNamedIconButtons()
    {
        var cut = Render<MainLayout>(p => p.Add(l => l.Body, Body).SetAssignedRenderMode(RenderMode.InteractiveServer));
        Assert.NotNull(cut.Find(".mud-appbar .brand"));
        Assert.NotNull(cut.Find(".mud-drawer.sidebar .new-chat-button"));
        Assert.NotNull(cut.Find(".mud-main-content #body"));
        Assert.Empty(cut.FindAll(".back-to-chats"));
        Assert.Equal("Show chats", cut.Find(".menu-button").GetAttribute("aria-label"));
        Assert.Equal("Keyboard shortcuts", cut.Find(".shortcuts-button").GetAttribute("aria-label"));
        Assert.Equal("Switch to the dark theme", cut.Find(".theme-toggle").GetAttribute("aria-label"));
        Assert.All(cut.FindAll("button.mud-icon-button"), b => Assert.False(string.IsNullOrEmpty(b.GetAttribute("aria-label")), b.OuterHtml));
        Assert.Empty(cut.FindComponents<MudThemeProvider>()); // the theme is a static stylesheet (ThemeStylesheet)
        Assert.Single(cut.FindComponents<MudPopoverProvider>());
        Assert.Single(cut.FindComponents<MudDialogProvider>());
        Assert.Single(cut.FindComponents<MudSnackbarProvider>());
    }

    [Fact]
    public void AStaticAccountPageWearsTheSameBarWithAWayBackAndNoInteractiveParts()
    {
        Interactive(false);
        var cut = Render<MainLayout>(p => p.Add(l => l.Body, Body));
        Assert.NotNull(cut.Find(".mud-appbar .brand"));
        Assert.Equal("Back to your chats", cut.Find("a.back-to-chats").TextContent.Trim());
        Assert.NotNull(cut.Find(".account-card #body"));
        Assert.Empty(cut.FindAll(".mud-drawer, .menu-button, .theme-toggle, .shortcuts-button"));
        Assert.Empty(cut.FindComponents<MudPopoverProvider>());
        Assert.Empty(cut.FindComponents<MudThemeProvider>());
        Assert.NotNull(cut.Find("details.user-menu a[href=settings]"));
    }

    [Fact]
    public void TheShellHoldsFewComponents()
    {
        // Every component is held by every circuit (bench figure 6): the bar, drawer and buttons are markup, not MudBlazor components.
        var cut = Render<MainLayout>(p => p.Add(l => l.Body, Body).SetAssignedRenderMode(RenderMode.InteractiveServer));
        var held = cut.FindComponents<IComponent>().Select(c => c.Instance.GetType().Name).ToList();
        Assert.True(held.Count <= 14, string.Join(", ", held));
        Assert.Empty(cut.FindComponents<MudIcon>());
        Assert.Empty(cut.FindComponents<MudIconButton>());
    }

    [Fact]
    public async Task TheMenuButtonOpensTheDrawerAndItsOverlayClosesIt()
    {
        var cut = Render<MainLayout>(p => p.Add(l => l.Body, Body).SetAssignedRenderMode(RenderMode.InteractiveServer));
        Assert.DoesNotContain("drawer-open", cut.Find(".app-shell").ClassList);
        Assert.Empty(cut.FindAll(".drawer-overlay"));
        await cut.InvokeAsync(() => cut.Find(".menu-button").Click());
        Assert.Contains("drawer-open", cut.Find(".app-shell").ClassList);
        Assert.Equal("true", cut.Find(".menu-button").GetAttribute("aria-expanded"));
        await cut.InvokeAsync(() => cut.Find(".drawer-overlay").Click());
        Assert.DoesNotContain("drawer-open", cut.Find(".app-shell").ClassList);
    }

    [Fact]
    public void TheThemeStylesheetCarriesBothPalettesForHtmlDataTheme()
    {
        var css = ThemeStylesheet.Css.Replace(" ", "");
        var dark = css.IndexOf(":root[data-theme=\"dark\"]{", StringComparison.Ordinal);
        Assert.True(dark > 0, "no dark palette");
        Assert.Contains("--mud-palette-background:rgba(255,255,255,1)", css[..dark]);
        Assert.Contains("--mud-palette-background:rgba(21,23,26,1)", css[dark..]);
        Assert.Contains("--mud-drawer-width-left:272px", css);
        Assert.Matches("^theme\\.css\\?v=[0-9a-f]{12}$", ThemeStylesheet.Path);
    }

    [Fact]
    public async Task TheThemeToggleSwitchesToDarkAndRemembersTheChoice()
    {
        var cut = Render<MainLayout>(p => p.Add(l => l.Body, Body).SetAssignedRenderMode(RenderMode.InteractiveServer));
        Assert.False(IsDark(cut));
        await cut.InvokeAsync(() => cut.Find(".theme-toggle").Click());
        Assert.Equal(ThemeMode.Dark, Theme.Mode);
        cut.WaitForAssertion(() => Assert.True(IsDark(cut)));
        Assert.Equal("Switch to the light theme", cut.Find(".theme-toggle").GetAttribute("aria-label"));
        var save = JSInterop.VerifyInvoke("chatAiTheme.save");
        Assert.Equal(["dark", true], save.Arguments);
    }

    [Fact]
    public async Task FollowingTheSystemTracksTheSystemsChoice()
    {
        var cut = Render<MainLayout>(p => p.Add(l => l.Body, Body).SetAssignedRenderMode(RenderMode.InteractiveServer));
        Theme.Set(ThemeMode.System);
        await cut.InvokeAsync(() => cut.Instance.SystemDarkChanged(true));
        cut.WaitForAssertion(() => Assert.True(IsDark(cut)));
        Assert.Equal([true], JSInterop.Invocations["chatAiTheme.mark"][^1].Arguments);
        await cut.InvokeAsync(() => cut.Instance.SystemDarkChanged(false));
        cut.WaitForAssertion(() => Assert.False(IsDark(cut)));
        Assert.Equal([false], JSInterop.Invocations["chatAiTheme.mark"][^1].Arguments);
    }

    [Fact]
    public void TheShortcutsDialogListsEveryShortcut()
    {
        var dialogs = Render<MainLayout>(p => p.Add(l => l.Body, Body).SetAssignedRenderMode(RenderMode.InteractiveServer));
        dialogs.Find(".shortcuts-button").Click();
        dialogs.WaitForAssertion(() => Assert.Equal(ShortcutsDialog.Shortcuts.Count, dialogs.FindAll(".shortcut").Count));
        Assert.Contains("Stop the reply being written", dialogs.Find(".shortcut-list").TextContent);
        Assert.Equal(["Ctrl", "Shift", "O"], dialogs.FindAll(".shortcut").Single(s => s.TextContent.Contains("New chat")).QuerySelectorAll("kbd").Select(k => k.TextContent));
    }

    [Fact]
    public async Task SettingsDeletesAllChatsOnlyAfterConfirmation()
    {
        var (_, dialogs) = RenderProviders();
        Render<MudSnackbarProvider>();
        await Chats.CreateChatAsync(UserId, title: "One");
        await Chats.CreateChatAsync(UserId, title: "Two");
        var cut = Render<Settings>();
        await cut.InvokeAsync(() => cut.Find(".delete-all-button").Click());
        dialogs.WaitForAssertion(() => Assert.Contains("Delete every chat", dialogs.Find(".mud-dialog").TextContent));
        await dialogs.InvokeAsync(() => dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Cancel").Click());
        Assert.Equal(2, (await Chats.ListChatsAsync(UserId, 10)).Count);

        await cut.InvokeAsync(() => cut.Find(".delete-all-button").Click());
        dialogs.WaitForAssertion(() => dialogs.Find(".mud-dialog"));
        await dialogs.InvokeAsync(() => dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Delete all").Click());
        cut.WaitForAssertion(() => Assert.Empty(Chats.ListChatsAsync(UserId, 10).GetAwaiter().GetResult()));
    }

    [Fact]
    public async Task SettingsOffersFollowingTheSystemAgain()
    {
        Theme.Set(ThemeMode.Dark);
        var cut = Render<Settings>();
        var radios = cut.FindAll("input[type=radio]");
        Assert.Equal(3, radios.Count);
        await cut.InvokeAsync(() => cut.FindAll("input[type=radio]")[0].Click());
        Assert.Equal(ThemeMode.System, Theme.Mode);
        Assert.Equal(["system", false], JSInterop.VerifyInvoke("chatAiTheme.save").Arguments);
    }
}
