using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ChatAi.Tests.Fakes;

/// <summary>A scenario for one request: the primitives below, in any order.</summary>
public delegate Task FakeScenario(FakeExchange exchange);

/// <summary>
/// The building blocks of a fake reply: a status with body and headers, a delay before the headers,
/// raw stream writes (optionally split at a byte offset into two network writes), stalls and aborts.
/// </summary>
public sealed class FakeExchange(HttpContext context, RecordedRequest request, string redirectBaseUrl, CancellationToken serverStopping)
{
    /// <summary>Upper bound on a stall, so a test that forgets to cancel cannot hang the run.</summary>
    public static readonly TimeSpan MaxStall = TimeSpan.FromSeconds(60);

    public HttpContext Context { get; } = context;
    public RecordedRequest Request { get; } = request;

    /// <summary>Fires when the client goes away.</summary>
    public CancellationToken Aborted => Context.RequestAborted;

    internal bool AbortedByServer { get; private set; }

    public Task DelayAsync(TimeSpan delay) => Task.Delay(delay, Aborted);

    /// <summary>A complete non-streaming reply (errors, redirects).</summary>
    public async Task RespondAsync(int status, string body, string contentType = "application/json", params (string Name, string Value)[] headers)
    {
        Context.Response.StatusCode = status;
        foreach (var (name, value) in headers) Context.Response.Headers.Append(name, value);
        if (body.Length > 0) Context.Response.ContentType = contentType;
        await Context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(body), Aborted);
    }

    /// <summary>Sends 200 with the headers now, before any event, as real providers do.</summary>
    public async Task StartStreamAsync(string contentType, params (string Name, string Value)[] headers)
    {
        Context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        Context.Response.StatusCode = 200;
        Context.Response.ContentType = contentType;
        foreach (var (name, value) in headers) Context.Response.Headers.Append(name, value);
        await Context.Response.StartAsync(Aborted);
        await Context.Response.Body.FlushAsync(Aborted);
    }

    /// <summary>Writes raw text and flushes it. With <paramref name="splitAt"/> the bytes go out as two writes with a pause between.</summary>
    public async Task WriteAsync(string raw, int? splitAt = null, TimeSpan? pause = null)
    {
        var bytes = Encoding.UTF8.GetBytes(raw);
        var cut = Math.Clamp(splitAt ?? bytes.Length, 0, bytes.Length);
        await WriteAndFlushAsync(bytes.AsMemory(0, cut));
        if (cut == bytes.Length) return;
        // The pause makes the halves arrive as separate reads on the client.
        await DelayAsync(pause ?? TimeSpan.FromMilliseconds(30));
        await WriteAndFlushAsync(bytes.AsMemory(cut));
    }

    /// <summary>Keeps the connection open and silent until the client leaves, the server stops, or <see cref="MaxStall"/> passes.</summary>
    public async Task StallAsync()
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(Aborted, serverStopping);
        try
        {
            await Task.Delay(MaxStall, either.Token);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Resets the connection mid-reply, as a crashed upstream or proxy would.</summary>
    public void Abort()
    {
        AbortedByServer = true;
        Context.Abort();
    }

    /// <summary>A 3xx to the same path on the second loopback listener, which records whether the key followed.</summary>
    public Task RedirectAsync(int status = 307) =>
        RespondAsync(status, "", headers: ("Location", redirectBaseUrl + Context.Request.Path + Context.Request.QueryString));

    private async Task WriteAndFlushAsync(ReadOnlyMemory<byte> bytes)
    {
        if (bytes.Length == 0) return;
        await Context.Response.Body.WriteAsync(bytes, Aborted);
        await Context.Response.Body.FlushAsync(Aborted);
    }
}
