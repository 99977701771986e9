using System.Diagnostics;
using ChatAi.Core.Providers;
using Microsoft.Extensions.AI;
using ChatAi.Tests.Fakes;
using static ChatAi.Tests.Providers.ProviderTestKit;

namespace ChatAi.Tests.Providers;

/// <summary>google.rpc errors before the stream starts: their mapping, and how many requests each costs.</summary>
public sealed class GeminiChatClientErrorTests : IAsyncLifetime
{
    private FakeGeminiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeGeminiServer.StartNewAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("fault-400-key", ProviderErrorKind.Unauthorized)]
    [InlineData("fault-403", ProviderErrorKind.Unauthorized)]
    [InlineData("fault-404", ProviderErrorKind.UnknownModel)]
    [InlineData("fault-400", ProviderErrorKind.BadRequest)]
    [InlineData("fault-429-day", ProviderErrorKind.QuotaExhausted)]
    [InlineData("fault-504", ProviderErrorKind.Timeout)]
    [InlineData("fault-redirect", ProviderErrorKind.MalformedResponse)]
    public async Task NonRetryableErrorsFailAfterExactlyOneRequest(string model, ProviderErrorKind kind)
    {
        using var provider = Gemini(_server);

        var error = await FailureAsync(provider, Request(model));

        Assert.Equal(kind, error.Kind);
        Assert.Equal(1, _server.RequestCount);
        AssertNoSecret(error);
    }

    [Fact]
    public async Task InvalidKeySaysTheKeyWasRejected()
    {
        using var provider = Gemini(_server);

        var error = await FailureAsync(provider, Request("fault-400-key"));

        Assert.Contains("rejected the API key", error.Message, StringComparison.Ordinal);
        Assert.Contains("GEMINI_API_KEY", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fault-500")]
    [InlineData("fault-503")]
    [InlineData("fault-429-minute")]
    public async Task RetryableErrorsAreTriedMaxRetriesPlusOneTimes(string model)
    {
        using var provider = Gemini(_server, maxRetries: 2);

        var error = await FailureAsync(provider, Request(model));

        Assert.True(error.Kind is ProviderErrorKind.ServerError or ProviderErrorKind.RateLimited, error.Kind.ToString());
        Assert.Equal(3, _server.RequestCount);
    }

    [Fact]
    public async Task PerMinuteQuotaWaitsTheRetryDelayCappedThenSucceeds()
    {
        await WarmUpAsync();
        // RetryInfo asks for 34 s; the cap (300 ms here) wins.
        _server.Enqueue(FakeGeminiServer.Error(429, GeminiWire.ResourceExhausted(perDay: false, "34s")));
        using var provider = Gemini(_server, maxRetryAfter: TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        var result = await CollectAsync(provider, Request("gemini-2.5-flash", "again"));

        Assert.Null(result.Error);
        Assert.Equal("Echo: again", result.Text);
        Assert.Equal(2, _server.RequestCount);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task ShortRetryDelayIsHonored()
    {
        await WarmUpAsync();
        _server.Enqueue(FakeGeminiServer.Error(429, GeminiWire.ResourceExhausted(perDay: false, "0.6s")));
        using var provider = Gemini(_server, maxRetryAfter: TimeSpan.FromSeconds(5));
        var clock = Stopwatch.StartNew();

        var result = await CollectAsync(provider, Request("gemini-2.5-flash"));

        Assert.Null(result.Error);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(550), TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task RateLimitReportsTheRetryDelay()
    {
        using var provider = Gemini(_server, maxRetries: 0);

        var error = await FailureAsync(provider, Request("fault-429-minute-34"));

        Assert.Equal(ProviderErrorKind.RateLimited, error.Kind);
        Assert.Equal(TimeSpan.FromSeconds(34), error.RetryAfter);
    }

    [Fact]
    public async Task DailyQuotaIsNotRetriedEvenWithRetryInfo()
    {
        _server.Enqueue(FakeGeminiServer.Error(429, GeminiWire.ResourceExhausted(perDay: true, "10s")));
        using var provider = Gemini(_server);

        var error = await FailureAsync(provider, Request("gemini-2.5-flash"));

        Assert.Equal(ProviderErrorKind.QuotaExhausted, error.Kind);
        Assert.Equal(1, _server.RequestCount);
    }

    [Fact]
    public async Task RedirectIsNotFollowedSoTheKeyIsNotForwarded()
    {
        using var provider = Gemini(_server);

        var error = await FailureAsync(provider, Request("fault-redirect"));

        Assert.Equal(ProviderErrorKind.MalformedResponse, error.Kind);
        Assert.Empty(_server.RedirectedRequests);
    }

    [Fact]
    public async Task NonJsonErrorBodyStillMapsByStatus()
    {
        _server.Enqueue(x => x.RespondAsync(502, "<html>Bad Gateway</html>", "text/html"));
        using var provider = Gemini(_server, maxRetries: 0);

        var error = await FailureAsync(provider, Request("gemini-2.5-flash"));

        Assert.Equal(ProviderErrorKind.ServerError, error.Kind);
    }
}
