using ChatAi.Tests.Infrastructure;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatAi.Tests.Security;

/// <summary>The circuit's resource limits are the reviewed values (Security/BlazorLimits.cs), not whatever the framework defaults to.</summary>
public sealed class BlazorLimitsTests
{
    [Fact]
    public void TheCircuitAndHubLimitsAreSetExplicitly()
    {
        using var app = new ChatAiApplication();
        var circuit = app.Services.GetRequiredService<IOptions<CircuitOptions>>().Value;
        Assert.Equal(100, circuit.DisconnectedCircuitMaxRetained);
        Assert.Equal(TimeSpan.FromMinutes(3), circuit.DisconnectedCircuitRetentionPeriod);
        Assert.Equal(TimeSpan.FromSeconds(30), circuit.JSInteropDefaultCallTimeout); // the default is a minute
        Assert.Equal(10, circuit.MaxBufferedUnacknowledgedRenderBatches);
        Assert.False(circuit.DetailedErrors);

        // Blazor's hub type is internal; its options are HubOptions<ComponentHub>.
        var hub = Type.GetType("Microsoft.AspNetCore.Components.Server.ComponentHub, Microsoft.AspNetCore.Components.Server", throwOnError: true)!;
        var options = (IOptions<HubOptions>)app.Services.GetRequiredService(typeof(IOptions<>).MakeGenericType(typeof(HubOptions<>).MakeGenericType(hub)));
        Assert.Equal(32 * 1024, options.Value.MaximumReceiveMessageSize);
    }
}
