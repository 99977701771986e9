using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ChatAi.Web.Components.Chat;

/// <summary>
/// MudBlazor's icons as inline SVG markup: one shared string and one render frame where a <c>MudIcon</c> would be a
/// component per use (the sidebar shows them on every row; bench figure 6).
/// </summary>
internal static class Svg
{
    public static readonly MarkupString More = Icon(Icons.Material.Filled.MoreHoriz, "chat-item-menu-icon");
    public static readonly MarkupString PinMark = Icon(Icons.Material.Filled.PushPin, "pin-mark", label: "Pinned");
    public static readonly MarkupString Edit = Icon(Icons.Material.Outlined.Edit, "chat-menu-icon");
    public static readonly MarkupString Pin = Icon(Icons.Material.Outlined.PushPin, "chat-menu-icon");
    public static readonly MarkupString Archive = Icon(Icons.Material.Outlined.Archive, "chat-menu-icon");
    public static readonly MarkupString Delete = Icon(Icons.Material.Outlined.Delete, "chat-menu-icon");
    public static readonly MarkupString Search = Icon(Icons.Material.Filled.Search, "search-box-icon");
    public static readonly MarkupString Previous = Icon(Icons.Material.Filled.ChevronLeft, "branch-icon");
    public static readonly MarkupString Next = Icon(Icons.Material.Filled.ChevronRight, "branch-icon");

    public static readonly MarkupString Add = Icon(Icons.Material.Filled.Add, "mud-icon-root mud-svg-icon mud-icon-size-medium");
    public static readonly MarkupString Send = Icon(Icons.Material.Filled.ArrowUpward, "mud-icon-root mud-svg-icon mud-inherit-text mud-icon-size-medium");

    private static readonly MarkupString OpenAi = ProviderMark("openai"), Gemini = ProviderMark("gemini"), OtherProvider = ProviderMark("other");

    /// <summary>What <see cref="ProviderIcon"/> renders (small), as markup: a provider id ("openai", "gemini"); others get a neutral icon.</summary>
    public static MarkupString Provider(string? provider) => provider?.ToLowerInvariant() switch
    {
        "openai" => OpenAi,
        "gemini" => Gemini,
        _ => OtherProvider,
    };

    private static MarkupString ProviderMark(string provider) =>
        Icon(ProviderIcon.IconOf(provider), $"mud-icon-root mud-svg-icon mud-inherit-text mud-icon-size-small provider-icon provider-{provider}");

    private static MarkupString Icon(string paths, string cssClass, string? label = null) => new(label is null
        ? $"""<svg class="{cssClass}" viewBox="0 0 24 24" aria-hidden="true" focusable="false">{paths}</svg>"""
        : $"""<svg class="{cssClass}" viewBox="0 0 24 24" role="img" aria-label="{label}" focusable="false">{paths}</svg>""");
}
