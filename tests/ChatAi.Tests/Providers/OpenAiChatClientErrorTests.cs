using System.Diagnostics;
using ChatAi.Core.Providers;
using Microsoft.Extensions.AI;
using ChatAi.Tests.Fakes;
using static ChatAi.Tests.Providers.ProviderTestKit;

namespace ChatAi.Tests.Providers;

/// <summary>HTTP errors before the stream starts: their mapping, and how many requests each costs.</summary>
public sealed class OpenAiChatClientErrorTests : IAsyncLifetime
{
    private FakeOpenAiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAiServer.StartNewAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("fault-401", ProviderErrorKind.Unauthorized)]
    [InlineData("fault-403", ProviderErrorKind.Unauthorized)]
    [InlineData("fault-404", ProviderErrorKind.UnknownModel)]
    [InlineData("fault-400-context", ProviderErrorKind.BadRequest)]
    [InlineData("fault-429-quota", ProviderErrorKind.QuotaExhausted)]
    [InlineData("fault-redirect", ProviderErrorKind.MalformedResponse)]
    public async Task NonRetryableErrorsFailAfterExactlyOneRequest(string model, ProviderErrorKind kind)
    {
        using var provider = OpenAi(_server);

        var error = await FailureAsync(provider, Request(model));

        Assert.Equal(kind, error.Kind);
        Assert.Equal(1, _server.RequestCount);
        AssertNoSecret(error);
    }

    [Fact]
    public async Task RejectedKeySaysSoWithoutEchoingAnyPartOfIt()
    {
        using var provider = OpenAi(_server);

        var error = await FailureAsync(provider, Request("fault-401"));

        Assert.Contains("rejected the API key", error.Message, StringComparison.Ordinal);
        Assert.Contains("OPENAI_API_KEY", error.Message, StringComparison.Ordinal);
        Assert.Null(error.InnerException);
        AssertNoSecret(error);
    }

    [Theory]
    [InlineData("fault-500")]
    [InlineData("fault-503")]
    [InlineData("fault-429-no-retry-after")]
    public async Task RetryableErrorsAreTriedMaxRetriesPlusOneTimes(string model)
    {
        using var provider = OpenAi(_server, maxRetries: 2);

        var error = await FailureAsync(provider, Request(model));

        Assert.True(error.Kind is ProviderErrorKind.ServerError or ProviderErrorKind.RateLimited, error.Kind.ToString());
        Assert.Equal(3, _server.RequestCount);
    }

    [Fact]
    public async Task RecoversWhenARetrySucceeds()
    {
        _server.Enqueue(FakeOpenAiServer.Error(500, OpenAiWire.ServerError));
        _server.Enqueue(FakeOpenAiServer.Error(503, OpenAiWire.Overloaded));
        using var provider = OpenAi(_server, maxRetries: 2);

        var result = await CollectAsync(provider, Request("gpt-4o-mini", "Third time"));

        Assert.Null(result.Error);
        Assert.Equal("Echo: Third time", result.Text);
        Assert.Equal(3, _server.RequestCount);
    }

    [Fact]
    public async Task HonorsRetryAfter()
    {
        await WarmUpAsync();
        _server.Enqueue(FakeOpenAiServer.RateLimited("1"));
        using var provider = OpenAi(_server, maxRetryAfter: TimeSpan.FromSeconds(5));
        var clock = Stopwatch.StartNew();

        var result = await CollectAsync(provider, Request("gpt-4o-mini"));

        Assert.Null(result.Error);
        Assert.Equal(2, _server.RequestCount);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(4));
    }

    [Theory]
    [InlineData("999999")]
    [InlineData("-5")]
    [InlineData("abc")]
    [InlineData("1e308")]
    [InlineData("NaN")]
    [InlineData("Wed, 21 Oct 2099 07:28:00 GMT")]
    [InlineData("")]
    public async Task HostileRetryAfterValuesAreCappedAndDoNotHang(string retryAfter)
    {
        await WarmUpAsync();
        using var provider = OpenAi(_server, maxRetries: 2, maxRetryAfter: TimeSpan.FromMilliseconds(200));
        _server.Enqueue(FakeOpenAiServer.RateLimited(retryAfter));
        _server.Enqueue(FakeOpenAiServer.RateLimited(retryAfter));
        _server.Enqueue(FakeOpenAiServer.RateLimited(retryAfter));
        var clock = Stopwatch.StartNew();

        var error = await FailureAsync(provider, Request("gpt-4o-mini"));

        Assert.Equal(ProviderErrorKind.RateLimited, error.Kind);
        Assert.Equal(3, _server.RequestCount);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task RateLimitReportsTheRetryAfterItWasGiven()
    {
        using var provider = OpenAi(_server, maxRetries: 0);

        var error = await FailureAsync(provider, Request("fault-429-retry-after-7"));

        Assert.Equal(ProviderErrorKind.RateLimited, error.Kind);
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
    }

    [Fact]
    public async Task RedirectIsNotFollowedSoTheKeyStaysHome()
    {
        using var provider = OpenAi(_server);

        var error = await FailureAsync(provider, Request("fault-redirect"));

        Assert.Equal(ProviderErrorKind.MalformedResponse, error.Kind);
        Assert.Contains("redirect", error.Message, StringComparison.Ordinal);
        Assert.Empty(_server.RedirectedRequests);
    }

    [Fact]
    public async Task UnreachableServerIsANetworkError()
    {
        await _server.DisposeAsync();
        using var provider = OpenAi(_server, maxRetries: 1);

        var error = await FailureAsync(provider, Request("gpt-4o-mini"));

        Assert.Equal(ProviderErrorKind.Network, error.Kind);
    }
}
