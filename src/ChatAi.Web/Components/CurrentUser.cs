using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace ChatAi.Web.Components;

/// <summary>The signed-in user's id for components; every ChatService call is scoped by it.</summary>
internal sealed class CurrentUser(AuthenticationStateProvider authentication)
{
    public async Task<string> GetIdAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return state.User.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("No signed-in user; the page must require authorization.");
    }
}
