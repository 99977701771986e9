using Microsoft.Extensions.AI;

namespace ChatAi.Core.Providers;

/// <summary>A provider without a key: every call fails as <see cref="ProviderErrorKind.NotConfigured"/>, naming the variable to set.</summary>
internal sealed class UnconfiguredChatClient(string providerName, string keyVariable) : IChatClient
{
    public Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw NotConfigured();

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw NotConfigured();

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    private ModelProviderException NotConfigured() =>
        new(ProviderErrorKind.NotConfigured, $"{providerName} is not configured: set {keyVariable}.");
}
