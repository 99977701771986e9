using MudBlazor;

namespace ChatAi.Web.Components.Layout;

/// <summary>The app's one theme: MudBlazor palettes for light and dark, chosen for WCAG AA contrast.</summary>
internal static class AppTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1d4ed8",
            PrimaryContrastText = "#ffffff",
            Secondary = "#4b5563",
            Background = "#ffffff",
            Surface = "#ffffff",
            AppbarBackground = "#ffffff",
            AppbarText = "#1f2328",
            DrawerBackground = "#f3f4f6",
            DrawerText = "#1f2328",
            TextPrimary = "#1f2328",
            TextSecondary = "#57606a",
            Error = "#b42318",
            Divider = "#d8dee4",
            LinesDefault = "#d8dee4",
            ActionDefault = "#57606a",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8ab4ff",
            PrimaryContrastText = "#0b1020",
            ErrorContrastText = "#1a0505",
            Secondary = "#a8b3bf",
            Background = "#15171a",
            Surface = "#1d2024",
            AppbarBackground = "#15171a",
            AppbarText = "#e6e8eb",
            DrawerBackground = "#1a1c20",
            DrawerText = "#e6e8eb",
            TextPrimary = "#e6e8eb",
            TextSecondary = "#a8b3bf",
            Error = "#ff8a80",
            Divider = "#30353b",
            LinesDefault = "#30353b",
            ActionDefault = "#a8b3bf",
        },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "272px", AppbarHeight = "56px" },
    };
}

/// <summary>Light, dark, or whatever the system says (the default, and a choice one can return to).</summary>
public enum ThemeMode { System, Light, Dark }

/// <summary>
/// The reader's theme for this page: the choice (a cookie, so static pages get it too) and the system's
/// preference (a cookie theme.js keeps current, and MudBlazor's watcher once interactive).
/// </summary>
public sealed class ThemeState(ThemeMode mode, bool systemDark)
{
    public const string ModeCookie = "chatai-theme";
    public const string SystemCookie = "chatai-system-dark";

    public ThemeMode Mode { get; private set; } = mode;
    public bool SystemDark { get; private set; } = systemDark;
    public bool IsDark => Mode == ThemeMode.Dark || (Mode == ThemeMode.System && SystemDark);
    public event Action? Changed;

    public static ThemeMode ParseMode(string? value) =>
        Enum.TryParse<ThemeMode>(value, ignoreCase: true, out var mode) ? mode : ThemeMode.System;

    public void Set(ThemeMode mode)
    {
        Mode = mode;
        Changed?.Invoke();
    }

    public void SetSystemDark(bool dark)
    {
        if (SystemDark == dark) return;
        SystemDark = dark;
        Changed?.Invoke();
    }
}
