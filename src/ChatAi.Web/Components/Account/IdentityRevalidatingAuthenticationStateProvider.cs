using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ChatAi.Core.Data;
using ChatAi.Web.Security;

namespace ChatAi.Web.Components.Account;

// This is a server-side AuthenticationStateProvider that revalidates the security stamp for the connected user
// every ChatAi:RevalidationSeconds while an interactive circuit is connected (the template's 30 minutes
// let an open circuit outlive a password change or account deletion for far too long).
internal sealed class IdentityRevalidatingAuthenticationStateProvider(
        ILoggerFactory loggerFactory,
        IServiceScopeFactory scopeFactory,
        IOptions<ChatAi.Core.Configuration.ChatAiOptions> chatAiOptions)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(chatAiOptions.Value.RevalidationSeconds);

    protected override async Task<bool> ValidateAuthenticationStateAsync(
        AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        // Get the user manager from a new scope to ensure it fetches fresh data
        await using var scope = scopeFactory.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        // Deleted, locked-out or re-stamped (password changed) users lose their open circuits too, not only their cookies.
        return await AccountValidity.IsStillValidAsync(userManager, authenticationState.User);
    }
}
