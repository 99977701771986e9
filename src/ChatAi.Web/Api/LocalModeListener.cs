using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace ChatAi.Web.Api;

/// <summary>
/// When local mode is on, adds its own listener, <c>http://localhost:{ChatAi:Api:LocalModePort}</c> (loopback
/// only), to the addresses the server binds, next to the main ones (<c>ASPNETCORE_URLS</c>, <c>--urls</c>,
/// <c>ASPNETCORE_HTTP_PORTS</c>, else the default <c>http://localhost:5000</c>). It runs before the server starts.
/// Endpoints configured in a <c>Kestrel:Endpoints</c> section replace this list, as they replace <c>--urls</c>;
/// then add the local endpoint there yourself.
/// </summary>
internal sealed class LocalModeListener(IServer server, IConfiguration configuration, IOptions<ApiOptions> options) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.LocalModeOn || server.Features.Get<IServerAddressesFeature>() is not { Addresses.IsReadOnly: false } feature) return Task.CompletedTask;
        var addresses = feature.Addresses;
        // The server fills in the configured addresses only when the list is empty; adding ours would hide them.
        if (addresses.Count == 0)
            foreach (var address in Configured()) addresses.Add(address);
        addresses.Add($"http://localhost:{options.Value.LocalModePort.ToString(CultureInfo.InvariantCulture)}");
        return Task.CompletedTask;
    }

    /// <summary>What ASP.NET Core would bind without us: urls, else the HTTP(S) ports, else its default.</summary>
    private IEnumerable<string> Configured()
    {
        static string[] Split(string? value) => value?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        var urls = Split(configuration[WebHostDefaults.ServerUrlsKey]);
        if (urls.Length > 0) return urls;
        var ports = Split(configuration["http_ports"]).Select(p => $"http://*:{p}")
            .Concat(Split(configuration["https_ports"]).Select(p => $"https://*:{p}")).ToArray();
        return ports.Length > 0 ? ports : ["http://localhost:5000"];
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// On local mode's listener, refuses (400) every request that carries a proxy header or a Host other than
/// <c>localhost</c>, <c>127.0.0.1</c> or <c>[::1]</c> with the listener's port: such a request was relayed by
/// something, or addressed by a name an attacker's page may control (DNS rebinding), so it is not this machine's user.
/// </summary>
internal sealed class LocalListenerGuard(RequestDelegate next, LocalMode localMode)
{
    private static readonly string[] ProxyHeaders =
        ["Forwarded", "Via", "X-Real-IP", "True-Client-IP", "CF-Connecting-IP", "X-Client-IP", "X-Cluster-Client-IP",
         "Fastly-Client-IP", "Client-IP", "X-ProxyUser-IP", "X-Host", "X-Forwarded-Server"];

    private static readonly string[] ProxyHeaderPrefixes = ["X-Forwarded-", "X-Original-"];

    public Task InvokeAsync(HttpContext context)
    {
        if (!localMode.IsLocalListener(context)) return next(context);
        if (Refusal(context.Request) is not { } reason) return next(context);
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return ApiPaths.IsApi(context.Request.Path)
            ? ApiErrors.WriteAsync(context, StatusCodes.Status400BadRequest, reason)
            : context.Response.WriteAsync(reason);
    }

    private string? Refusal(HttpRequest request)
    {
        foreach (var header in request.Headers.Keys)
            if (ProxyHeaders.Contains(header, StringComparer.OrdinalIgnoreCase)
                || ProxyHeaderPrefixes.Any(p => header.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
                return $"Local mode's address does not answer requests that came through a proxy ({header} header). " +
                       "Point proxies at the main address and sign in there.";
        var port = localMode.Port.ToString(CultureInfo.InvariantCulture);
        string[] canonical = [$"localhost:{port}", $"127.0.0.1:{port}", $"[::1]:{port}"];
        if (!canonical.Contains(request.Host.Value, StringComparer.OrdinalIgnoreCase))
            return $"Local mode's address only answers requests addressed to localhost:{port}, 127.0.0.1:{port} or [::1]:{port}.";
        return null;
    }
}
