using Microsoft.JSInterop;

namespace ChatAi.Web.Components.Layout;

/// <summary>The one place a theme choice is applied: the page's theme now, the cookie for the next pages.</summary>
internal static class ThemeChoice
{
    public static async Task ApplyAsync(IJSRuntime js, ThemeState theme, ThemeMode mode)
    {
        theme.Set(mode);
        try { await js.InvokeVoidAsync("chatAiTheme.save", mode.ToString().ToLowerInvariant(), theme.IsDark); }
        catch (JSDisconnectedException) { }
        catch (JSException) { }
    }
}
