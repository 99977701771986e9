using Microsoft.Extensions.Hosting;

namespace ChatAi.Core.Data;

/// <summary>Migrates the database before the server starts taking requests (hosted services start first).</summary>
internal sealed class DatabaseInitializer(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => services.InitializeChatAiDatabaseAsync(cancellationToken);
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
