using ChatAi.Core.Providers;
using Microsoft.Extensions.AI;
using ChatAi.Tests.Fakes;
using static ChatAi.Tests.Providers.ProviderTestKit;

namespace ChatAi.Tests.Providers;

/// <summary>Streams that break after they started: the SDK ends silently on these, the provider must not.</summary>
public sealed class OpenAiChatClientStreamFailureTests : IAsyncLifetime
{
    private FakeOpenAiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAiServer.StartNewAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("fault-error-after-2")]
    [InlineData("fault-event-error-after-2")]
    public async Task MidStreamErrorEventFailsInsteadOfCompleting(string model)
    {
        using var provider = OpenAi(_server);

        var result = await CollectAsync(provider, Request(model, "Hello there friend"));

        Assert.Equal(["Echo: ", "Hello "], result.Texts);
        Assert.Null(result.Finish);
        Assert.Equal(ProviderErrorKind.ServerError, result.Error!.Kind);
        // Text already reached the caller, so a retry would duplicate it.
        Assert.Equal(1, _server.RequestCount);
    }

    [Fact]
    public async Task MidStreamErrorBeforeAnyTextIsRetried()
    {
        using var provider = OpenAi(_server, maxRetries: 2);

        var result = await CollectAsync(provider, Request("fault-error-after-0"));

        Assert.Empty(result.Texts);
        Assert.Equal(ProviderErrorKind.ServerError, result.Error!.Kind);
        Assert.Equal(3, _server.RequestCount);
    }

    [Fact]
    public async Task CleanEndWithoutFinishReasonOrDoneIsATruncatedStream()
    {
        using var provider = OpenAi(_server);

        var result = await CollectAsync(provider, Request("fault-truncate-after-2", "Hello there friend"));

        Assert.Equal("Echo: Hello ", result.Text);
        Assert.Equal(ProviderErrorKind.TruncatedStream, result.Error!.Kind);
        Assert.Equal(1, _server.RequestCount);
    }

    [Fact]
    public async Task ConnectionResetMidStreamFails()
    {
        using var provider = OpenAi(_server);

        var result = await CollectAsync(provider, Request("fault-abort-after-2"));

        Assert.Equal("Echo: Hello ", result.Text);
        Assert.True(result.Error!.Kind is ProviderErrorKind.Network or ProviderErrorKind.TruncatedStream, result.Error.Kind.ToString());
        Assert.Equal(1, _server.RequestCount);
    }

    [Fact]
    public async Task StallAfterTheFirstChunkTimesOutAndHangsUp()
    {
        using var provider = OpenAi(_server, idle: TimeSpan.FromMilliseconds(300));

        var result = await CollectAsync(provider, Request("fault-stall-after-1"));

        Assert.Equal("Echo: ", result.Text);
        Assert.Equal(ProviderErrorKind.Timeout, result.Error!.Kind);
        Assert.Contains("stopped sending", result.Error.Message, StringComparison.Ordinal);
        Assert.True(await Assert.Single(_server.Requests).WaitForDisconnectAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task SlowHeadersTimeOutOnTheFirstTokenWithoutRetrying()
    {
        using var provider = OpenAi(_server, firstToken: TimeSpan.FromMilliseconds(1000));

        var error = await FailureAsync(provider, Request("fault-slow-headers-5000"));

        Assert.Equal(ProviderErrorKind.Timeout, error.Kind);
        Assert.Contains("did not start answering", error.Message, StringComparison.Ordinal);
        // Under load the fake may record the request a moment after the client gave up on it.
        for (var i = 0; i < 30 && _server.RequestCount == 0; i++) await Task.Delay(100);
        await Task.Delay(300);
        Assert.Equal(1, _server.RequestCount);
        Assert.True(await _server.Requests[0].WaitForDisconnectAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task SlowButSteadyStreamIsNotATimeout()
    {
        await WarmUpAsync();
        using var provider = OpenAi(_server, firstToken: TimeSpan.FromSeconds(2), idle: TimeSpan.FromSeconds(1));

        var result = await CollectAsync(provider, Request("fault-trickle-150", "one two three four"));

        Assert.Null(result.Error);
        Assert.Equal("Echo: one two three four", result.Text);
    }

    [Fact]
    public async Task CallerCancellationAbortsTheUpstreamRequest()
    {
        using var provider = OpenAi(_server);
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
    public async Task CallerCancellationWhileWaitingForHeadersAbortsTheUpstreamRequest()
    {
        using var provider = OpenAi(_server);
        using var cancellation = new CancellationTokenSource();

        var call = CollectAsync(provider, Request("fault-slow-headers-10000"), cancellation.Token);
        // Cancel once the request is at the server (on a busy machine sending it can take longer than any fixed wait).
        for (var i = 0; i < 100 && _server.RequestCount == 0 && !call.IsCompleted; i++) await Task.Delay(50);
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);

        Assert.True(await Assert.Single(_server.Requests).WaitForDisconnectAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task AbandoningTheStreamClosesTheUpstreamConnection()
    {
        using var provider = OpenAi(_server);

        await foreach (var e in provider.StreamAsync(Request("fault-stall-after-1"), CancellationToken.None))
        {
            if (e.Text.Length > 0) break;
        }

        Assert.True(await Assert.Single(_server.Requests).WaitForDisconnectAsync(TimeSpan.FromSeconds(10)));
    }
}
