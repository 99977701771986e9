using ChatAi.Core.Data;
using Microsoft.Extensions.Hosting;

namespace ChatAi.Core.Chats;

/// <summary>On shutdown, replies still generating are stored as interrupted rather than left "generating".</summary>
internal sealed class GenerationShutdown(GenerationRegistry generations) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) =>
        generations.StopAllAsync(MessageStatus.Interrupted, TimeSpan.FromSeconds(5));
}
