using ChatAi.Core.Providers;

namespace ChatAi.Tests.Providers;

public sealed class RetryDelaysTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(null, "20", 20_000)]
    [InlineData(null, "1.5", 1_500)]
    [InlineData("250", "20", 250)]
    [InlineData(null, "Mon, 10 Mar 2025 12:00:30 GMT", 30_000)]
    [InlineData(null, "Mon, 10 Mar 2025 11:00:00 GMT", 0)]
    [InlineData(null, "999999999", 86_400_000)]
    public void ReadsRetryAfterHeaders(string? retryAfterMs, string retryAfter, double expectedMs)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), RetryDelays.FromHeaders(retryAfterMs, retryAfter, Now));
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("abc")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("")]
    [InlineData(null)]
    public void IgnoresRetryAfterValuesThatMakeNoSense(string? retryAfter)
    {
        Assert.Null(RetryDelays.FromHeaders(null, retryAfter, Now));
    }

    [Theory]
    [InlineData("34s", 34_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("0s", 0)]
    public void ReadsProtobufDurations(string duration, double expectedMs)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), RetryDelays.FromDuration(duration));
    }

    [Theory]
    [InlineData("34")]
    [InlineData("-1s")]
    [InlineData("s")]
    [InlineData("1m")]
    public void RejectsMalformedDurations(string duration)
    {
        Assert.Null(RetryDelays.FromDuration(duration));
    }

    [Fact]
    public void NeverWaitsLongerThanTheCap()
    {
        var options = new ProviderRetryOptions { MaxRetryAfter = TimeSpan.FromSeconds(20), BaseBackoff = TimeSpan.FromSeconds(0.5) };

        Assert.Equal(TimeSpan.FromSeconds(20), RetryDelays.Next(options, 0, TimeSpan.FromDays(1)));
        Assert.Equal(TimeSpan.FromSeconds(3), RetryDelays.Next(options, 0, TimeSpan.FromSeconds(3)));
        Assert.Equal(TimeSpan.FromSeconds(20), RetryDelays.Next(options, 30, null));
    }

    [Fact]
    public void BacksOffExponentiallyWithJitter()
    {
        var options = new ProviderRetryOptions { MaxRetryAfter = TimeSpan.FromSeconds(20), BaseBackoff = TimeSpan.FromSeconds(0.5) };

        Assert.InRange(RetryDelays.Next(options, 0, null).TotalSeconds, 0.4, 0.6);
        Assert.InRange(RetryDelays.Next(options, 2, null).TotalSeconds, 1.6, 2.4);
    }
}
