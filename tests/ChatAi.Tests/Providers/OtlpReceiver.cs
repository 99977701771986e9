using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ChatAi.Tests.Providers;

/// <summary>
/// A tiny OTLP/HTTP collector on 127.0.0.1: accepts protobuf posts to <c>/v1/traces</c> and <c>/v1/metrics</c>
/// and keeps their raw bytes. Protobuf writes strings as plain UTF-8, so searching the bytes finds attribute
/// names and values without decoding.
/// </summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string Path, byte[] Body)> _posts = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private WebApplication? _app;

    public string Endpoint { get; private set; } = "";

    public IReadOnlyList<(string Path, byte[] Body)> Posts => [.. _posts];

    public static async Task<OtlpReceiver> StartAsync()
    {
        var receiver = new OtlpReceiver();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapPost("/v1/{signal}", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            receiver._posts.Enqueue((context.Request.Path.Value ?? "", body.ToArray()));
            receiver._arrived.Release();
            // An empty Export…ServiceResponse is an empty protobuf message.
            return Results.Bytes([], "application/x-protobuf");
        });
        await app.StartAsync();
        receiver._app = app;
        receiver.Endpoint = app.Urls.Single().Replace("localhost", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        return receiver;
    }

    /// <summary>Waits until some post to <paramref name="path"/> contains every one of <paramref name="texts"/>.</summary>
    public async Task<bool> WaitForAsync(string path, TimeSpan timeout, params string[] texts)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_posts.Any(p => p.Path == path && texts.All(t => Contains(p.Body, t)))) return true;
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left)) return _posts.Any(p => p.Path == path && texts.All(t => Contains(p.Body, t)));
        }
    }

    /// <summary>Whether any exported byte sequence, of any signal, contains <paramref name="text"/>.</summary>
    public bool AnyContains(string text) => _posts.Any(p => Contains(p.Body, text));

    private static bool Contains(byte[] body, string text) => body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        _arrived.Dispose();
    }
}
