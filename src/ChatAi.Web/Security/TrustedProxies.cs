using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace ChatAi.Web.Security;

/// <summary>
/// Section <c>ChatAi:ForwardedHeaders</c>: the reverse proxies whose <c>X-Forwarded-For</c> / <c>X-Forwarded-Proto</c>
/// the app believes. Off by default: with no proxy listed, the client is the connection's peer and forwarded headers
/// are ignored (anyone can send one, so trusting them from any peer, even a loopback one, would let a client pick
/// the address its sign-in limit is counted for). Behind deploy/nginx on the same machine set
/// <c>ChatAi:ForwardedHeaders:KnownProxies:0=127.0.0.1</c>.
/// </summary>
internal sealed class TrustedProxiesOptions
{
    public const string SectionName = "ChatAi:ForwardedHeaders";

    /// <summary>Proxy addresses, such as <c>127.0.0.1</c> or <c>10.0.0.5</c>.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation, such as <c>10.0.0.0/24</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];

    public bool Any => KnownProxies.Length > 0 || KnownNetworks.Length > 0;
}

internal static class TrustedProxies
{
    public static IHostApplicationBuilder AddChatAiTrustedProxies(this IHostApplicationBuilder builder)
    {
        // Read now: a bad address should stop the start with the key to fix, not fail the first request.
        var trusted = builder.Configuration.GetSection(TrustedProxiesOptions.SectionName).Get<TrustedProxiesOptions>() ?? new();
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear(); // the defaults trust loopback
            options.KnownIPNetworks.Clear();
            foreach (var proxy in trusted.KnownProxies)
                options.KnownProxies.Add(IPAddress.TryParse(proxy.Trim(), out var address) ? address
                    : throw new InvalidOperationException($"{TrustedProxiesOptions.SectionName}:KnownProxies entry '{proxy}' is not an IP address."));
            foreach (var network in trusted.KnownNetworks)
                options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network.Trim(), out var parsed) ? parsed
                    : throw new InvalidOperationException($"{TrustedProxiesOptions.SectionName}:KnownNetworks entry '{network}' is not a CIDR network such as 10.0.0.0/24."));
        });
        builder.Services.AddOptions<TrustedProxiesOptions>().BindConfiguration(TrustedProxiesOptions.SectionName);
        return builder;
    }

    /// <summary>Applies forwarded headers from the configured proxies only; nothing when none is configured.</summary>
    public static IApplicationBuilder UseChatAiTrustedProxies(this IApplicationBuilder app)
    {
        var trusted = app.ApplicationServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<TrustedProxiesOptions>>().Value;
        return trusted.Any ? app.UseForwardedHeaders() : app;
    }
}
