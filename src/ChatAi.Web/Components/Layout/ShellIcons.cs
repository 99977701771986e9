using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ChatAi.Web.Components.Layout;

/// <summary>
/// The shell's MudBlazor icons as the markup MudIcon renders, shared strings: one render frame each where a MudIcon
/// or MudIconButton would be a component or two in every circuit (bench figure 6).
/// </summary>
internal static class ShellIcons
{
    public static readonly MarkupString Menu = Icon(Icons.Material.Filled.Menu);
    public static readonly MarkupString Brand = Icon(Icons.Material.Filled.Forum, "small");
    /// <summary>The app bar's link home, whole: one render frame instead of seven (bench figure 6).</summary>
    public static readonly MarkupString BrandLink = new($"""<a class="brand" href="" aria-label="ChatAi, back to the chats">{Brand.Value}<span>ChatAi</span></a>""");
    public static readonly MarkupString Keyboard = Icon(Icons.Material.Outlined.Keyboard);
    public static readonly MarkupString LightMode = Icon(Icons.Material.Filled.LightMode);
    public static readonly MarkupString DarkMode = Icon(Icons.Material.Filled.DarkMode);
    public static readonly MarkupString Back = Icon(Icons.Material.Filled.ArrowBack, "small");
    public static readonly MarkupString Settings = Icon(Icons.Material.Outlined.Settings, "small");
    public static readonly MarkupString Archived = Icon(Icons.Material.Outlined.Archive, "small");
    public static readonly MarkupString Account = Icon(Icons.Material.Outlined.ManageAccounts, "small");
    public static readonly MarkupString SignOut = Icon(Icons.Material.Outlined.Logout, "small");
    public static readonly MarkupString ChatSettings = Icon(Icons.Material.Outlined.Tune);
    public static readonly MarkupString ArchiveChat = Icon(Icons.Material.Outlined.Archive);
    public static readonly MarkupString NoChats = Icon(Icons.Material.Outlined.ChatBubbleOutline);

    /// <summary>MudIconButton's markup around an icon: its look, without its components.</summary>
    public const string IconButtonClass = "mud-button-root mud-icon-button mud-ripple mud-ripple-icon";

    private static MarkupString Icon(string paths, string size = "medium") =>
        new($"""<svg class="mud-icon-root mud-svg-icon mud-icon-size-{size}" focusable="false" viewBox="0 0 24 24" aria-hidden="true">{paths}</svg>""");
}
