using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ChatAi.Tests.Fakes;

/// <summary>
/// A real HTTP server on 127.0.0.1 with a random port, so the product's real clients are exercised end
/// to end. Records every request and client disconnect; a test can queue a scenario for the next
/// request. A second loopback listener serves as a redirect target and records what reached it.
/// </summary>
public abstract class FakeHttpServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<FakeScenario> _queue = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<RecordedRequest> _redirected = [];
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;
    private WebApplication? _redirectApp;

    /// <summary>The origin, e.g. <c>http://127.0.0.1:41234</c>; valid after <see cref="StartAsync"/>.</summary>
    public string Origin { get; private set; } = "";

    /// <summary>The second listener's origin; requests reaching it are in <see cref="RedirectedRequests"/>.</summary>
    public string RedirectOrigin { get; private set; } = "";

    /// <summary>What a client sets as its base URL (OpenAI appends <c>/v1</c>).</summary>
    public abstract string BaseUrl { get; }

    public IReadOnlyList<RecordedRequest> Requests { get { lock (_lock) return _requests.ToList(); } }
    public IReadOnlyList<RecordedRequest> RedirectedRequests { get { lock (_lock) return _redirected.ToList(); } }
    public int RequestCount { get { lock (_lock) return _requests.Count; } }

    /// <summary>Runs <paramref name="scenario"/> for the next request instead of the one its model name asks for.</summary>
    public void Enqueue(FakeScenario scenario) => _queue.Enqueue(scenario);

    /// <summary>Starts both listeners and returns <see cref="BaseUrl"/>.</summary>
    public async Task<string> StartAsync()
    {
        (_app, Origin) = await StartListenerAsync(ServeAsync);
        (_redirectApp, RedirectOrigin) = await StartListenerAsync(async context =>
        {
            var request = await RecordAsync(context, _redirected);
            await context.Response.WriteAsync("redirect target reached");
            request.MarkFinished();
        });
        return BaseUrl;
    }

    /// <summary>The scenario a request asks for by model name or <c>X-Fault</c> header.</summary>
    protected abstract FakeScenario SelectScenario(RecordedRequest request);

    private async Task ServeAsync(HttpContext context)
    {
        var request = await RecordAsync(context, _requests);
        var exchange = new FakeExchange(context, request, RedirectOrigin, _stopping.Token);
        using var registration = context.RequestAborted.Register(() =>
        {
            if (!exchange.AbortedByServer) request.MarkDisconnected();
        });
        var scenario = _queue.TryDequeue(out var queued) ? queued : SelectScenario(request);
        try
        {
            await scenario(exchange);
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client left (or the scenario aborted): nothing more to send.
        }
        finally
        {
            request.MarkFinished();
        }
    }

    private async Task<RecordedRequest> RecordAsync(HttpContext context, List<RecordedRequest> into)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new RecordedRequest(context.Request.Method, context.Request.Path.Value ?? "", context.Request.QueryString.Value ?? "", headers, body);
        lock (_lock) into.Add(request);
        return request;
    }

    private static async Task<(WebApplication App, string Origin)> StartListenerAsync(RequestDelegate handler)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        // The test folder may hold the app's appsettings.json (Kestrel endpoints, …); the fake wants none of it.
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync();
        var address = app.Urls.Single();
        return (app, address.Replace("localhost", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/'));
    }

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (_stopping.IsCancellationRequested) return;
        await _stopping.CancelAsync();
        foreach (var app in new[] { _app, _redirectApp })
        {
            if (app is null) continue;
            // Stalled scenarios hold connections open; do not wait for them to drain.
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await app.StopAsync(stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
            await app.DisposeAsync();
        }
    }
}
