using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.SignalR;

namespace ChatAi.Web.Security;

/// <summary>
/// The interactive circuit's resource limits, set explicitly so they are reviewed rather than inherited
/// (see the Blazor threat-mitigation guidance: each limit bounds what one client can make the server hold).
/// </summary>
internal static class BlazorLimits
{
    public static IServerSideBlazorBuilder AddChatAiLimits(this IServerSideBlazorBuilder blazor, bool development) =>
        blazor.AddCircuitOptions(options => Configure(options, development)).AddHubOptions(Configure);

    private static void Configure(CircuitOptions options, bool development)
    {
        // Disconnected circuits keep their components (and a streaming chat's state) in server memory until
        // they expire; bound how many, and for how long: long enough for a phone that switches networks.
        options.DisconnectedCircuitMaxRetained = 100;
        options.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(3);
        // Our JS calls (attach a script, scroll, copy) answer in milliseconds; a client that never answers
        // should not hold a server task for the default minute.
        options.JSInteropDefaultCallTimeout = TimeSpan.FromSeconds(30);
        // A reply renders once per batch of tokens; a client that stops acknowledging makes the server stop
        // rendering for it after this many batches instead of queueing them without end.
        options.MaxBufferedUnacknowledgedRenderBatches = 10;
        // Exception details go to the browser console only while developing.
        options.DetailedErrors = development;
    }

    private static void Configure(HubOptions options)
    {
        // 32 KB per message from the client, the default. The composer hands its text to the server as a JS
        // stream reference (Composer.razor), read in chunks, so a 32,000-character message fits; a bound
        // <textarea> would drop the circuit past about 16K characters.
        options.MaximumReceiveMessageSize = 32 * 1024;
    }
}
