using ChatAi.Core.Providers;
using Microsoft.Extensions.AI;
using ChatAi.Tests.Fakes;
using static ChatAi.Tests.Providers.ProviderTestKit;

namespace ChatAi.Tests.Providers;

/// <summary>Streams that break after they started. Gemini has no [DONE]: only a finish reason then EOF completes.</summary>
public sealed class GeminiChatClientStreamFailureTests : IAsyncLifetime
{
    private FakeGeminiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeGeminiServer.StartNewAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task MidStreamErrorEventFailsInsteadOfCompleting()
    {
        using var provider = Gemini(_server);

        var result = await CollectAsync(provider, Request("fault-error-after-2", "Hello there friend"));

        Assert.Equal("Echo: Hello ", result.Text);
        Assert.Null(result.Finish);
        Assert.Equal(ProviderErrorKind.ServerError, result.Error!.Kind);
        Assert.Equal(1, _server.RequestCount);
    }

    [Fact]
    public async Task MidStreamErrorBeforeAnyTextIsRetried()
    {
        using var provider = Gemini(_server, maxRetries: 2);

        var result = await CollectAsync(provider, Request("fault-error-after-0"));

        Assert.Empty(result.Texts);
        Assert.Equal(ProviderErrorKind.ServerError, result.Error!.Kind);
        Assert.Equal(3, _server.RequestCount);
    }

    [Fact]
    public async Task EndOfStreamWithoutFinishReasonIsATruncatedStream()
    {
        using var provider = Gemini(_server);

        var result = await CollectAsync(provider, Request("fault-truncate-after-2", "Hello there friend"));

        Assert.Equal("Echo: Hello ", result.Text);
        Assert.Equal(ProviderErrorKind.TruncatedStream, result.Error!.Kind);
        Assert.Equal(1, _server.RequestCount);
    }

    [Fact]
    public async Task ConnectionResetMidStreamFails()
    {
        using var provider = Gemini(_server);

        var result = await CollectAsync(provider, Request("fault-abort-after-2"));

        Assert.Equal("Echo: Hello ", result.Text);
        Assert.True(result.Error!.Kind is ProviderErrorKind.Network or ProviderErrorKind.TruncatedStream, result.Error.Kind.ToString());
        Assert.Equal(1, _server.RequestCount);
    }

    [Fact]
    public async Task StallAfterTheFirstChunkTimesOutAndHangsUp()
    {
        using var provider = Gemini(_server, idle: TimeSpan.FromMilliseconds(300));

        var result = await CollectAsync(provider, Request("fault-stall-after-1"));

        Assert.Equal("Echo: ", result.Text);
        Assert.Equal(ProviderErrorKind.Timeout, result.Error!.Kind);
        Assert.True(await Assert.Single(_server.Requests).WaitForDisconnectAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task KeepAlivesAloneDoNotHoldOffTheFirstTokenTimeout()
    {
        _server.Enqueue(async x =>
        {
            await x.StartStreamAsync(GeminiWire.ContentType);
            for (var i = 0; i < 50 && !x.Aborted.IsCancellationRequested; i++)
            {
                await x.WriteAsync(": keep-alive\r\n\r\n");
                await x.DelayAsync(TimeSpan.FromMilliseconds(50));
            }
        });
        using var provider = Gemini(_server, firstToken: TimeSpan.FromMilliseconds(400));

        var error = await FailureAsync(provider, Request("gemini-2.5-flash"));

        Assert.Equal(ProviderErrorKind.Timeout, error.Kind);
        Assert.Equal(1, _server.RequestCount);
    }

    [Fact]
    public async Task SlowHeadersTimeOutOnTheFirstTokenWithoutRetrying()
    {
        using var provider = Gemini(_server, firstToken: TimeSpan.FromMilliseconds(1000));

        var error = await FailureAsync(provider, Request("fault-slow-headers-5000"));

        Assert.Equal(ProviderErrorKind.Timeout, error.Kind);
        // Under load the fake may record the request a moment after the client gave up on it.
        for (var i = 0; i < 30 && _server.RequestCount == 0; i++) await Task.Delay(100);
        await Task.Delay(300);
        Assert.Equal(1, _server.RequestCount);
        Assert.True(await _server.Requests[0].WaitForDisconnectAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task CallerCancellationAbortsTheUpstreamRequest()
    {
        using var provider = Gemini(_server);
        using var cancellation = new CancellationTokenSource();
        var texts = new List<string>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var e in provider.StreamAsync(Request("fault-stall-after-1"), cancellation.Token))
            {
                if (e.Text.Length == 0) continue;
                texts.Add(e.Text);
                await cancellation.CancelAsync();
            }
        });

        Assert.Equal(["Echo: "], texts);
        Assert.True(await Assert.Single(_server.Requests).WaitForDisconnectAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task FinishFollowedByAStallStillCompletes()
    {
        // The reply is whole once the finish reason arrived; a server that then forgets to close must not turn it into a failure.
        _server.Enqueue(async x =>
        {
            await x.StartStreamAsync(GeminiWire.ContentType);
            await x.WriteAsync(GeminiWire.FinalChunk("Done.", "STOP", 2, 1).Replace("\n", "\r\n", StringComparison.Ordinal));
            await x.StallAsync();
        });
        using var provider = Gemini(_server, idle: TimeSpan.FromMilliseconds(300));

        var result = await CollectAsync(provider, Request("gemini-2.5-flash"));

        Assert.Null(result.Error);
        Assert.Equal("Done.", result.Text);
        Assert.Equal(ChatFinishReason.Stop, result.Finish);
    }

    [Fact]
    public async Task GarbageEventIsAMalformedResponse()
    {
        _server.Enqueue(FakeGeminiServer.Events("data: {not json\n\n"));
        using var provider = Gemini(_server);

        var error = await FailureAsync(provider, Request("gemini-2.5-flash"));

        Assert.Equal(ProviderErrorKind.MalformedResponse, error.Kind);
        Assert.Equal(1, _server.RequestCount);
    }

    [Fact]
    public async Task AbandoningTheStreamClosesTheUpstreamConnection()
    {
        using var provider = Gemini(_server);

        await foreach (var e in provider.StreamAsync(Request("fault-stall-after-1"), CancellationToken.None))
        {
            if (e.Text.Length > 0) break;
        }

        Assert.True(await Assert.Single(_server.Requests).WaitForDisconnectAsync(TimeSpan.FromSeconds(10)));
    }
}
