using Microsoft.EntityFrameworkCore;

namespace ChatAi.Core.Data;

/// <summary>Serves a provider-specific context (for example <see cref="PostgresChatAiDbContext"/>) to code that asks for <see cref="ChatAiDbContext"/>.</summary>
internal sealed class ChatAiDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<ChatAiDbContext>
    where TContext : ChatAiDbContext
{
    public ChatAiDbContext CreateDbContext() => inner.CreateDbContext();

    public async Task<ChatAiDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}
