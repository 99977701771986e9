using ChatAi.Core.Providers;
using Microsoft.Extensions.Configuration;

namespace ChatAi.Tests.Providers;

public sealed class ProviderOptionsTests
{
    [Fact]
    public void DefaultsNeedNoConfiguration()
    {
        var options = ProviderOptions.FromConfiguration(Configuration());

        Assert.Null(options.OpenAI.ApiKey);
        Assert.Equal("https://api.openai.com/v1", options.OpenAI.BaseUrl);
        Assert.Equal(["gpt-4o-mini", "gpt-4o", "gpt-4.1-mini"], options.OpenAI.Models);
        Assert.Equal("gpt-4o-mini", options.OpenAI.DefaultModel);
        Assert.Null(options.Gemini.ApiKey);
        Assert.Equal("https://generativelanguage.googleapis.com", options.Gemini.BaseUrl);
        Assert.Equal(["gemini-2.5-flash", "gemini-2.5-pro", "gemini-2.5-flash-lite"], options.Gemini.Models);
        Assert.Equal("gemini-2.5-flash", options.Gemini.DefaultModel);
        Assert.Equal(TimeSpan.FromSeconds(10), options.Timeouts.Connect);
        Assert.Equal(TimeSpan.FromSeconds(60), options.Timeouts.FirstToken);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Timeouts.Idle);
        Assert.Equal(2, options.Retry.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(20), options.Retry.MaxRetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(0.5), options.Retry.BaseBackoff);
    }

    [Fact]
    public void ReadsKeysAndUrlsFromTheConventionalVariablesAndTheRestFromTheSection()
    {
        var options = ProviderOptions.FromConfiguration(Configuration(
            ("OPENAI_API_KEY", "sk-abc"),
            ("OPENAI_BASE_URL", "http://127.0.0.1:5000/v1/"),
            ("GEMINI_API_KEY", "AIza-xyz"),
            ("GEMINI_BASE_URL", "http://127.0.0.1:5001"),
            ("ChatAi:Providers:OpenAI:Models:0", "gpt-a"),
            ("ChatAi:Providers:OpenAI:Models:1", "gpt-b"),
            ("ChatAi:Providers:OpenAI:DefaultModel", "gpt-b"),
            ("ChatAi:Providers:Gemini:Models", "gem-a, gem-b"),
            ("ChatAi:Providers:Timeouts:FirstTokenSeconds", "1.5"),
            ("ChatAi:Providers:Timeouts:IdleSeconds", "4"),
            ("ChatAi:Providers:Timeouts:ConnectSeconds", "3"),
            ("ChatAi:Providers:Retry:MaxRetries", "0"),
            ("ChatAi:Providers:Retry:MaxRetryAfterSeconds", "0.2")));

        Assert.Equal("sk-abc", options.OpenAI.ApiKey);
        Assert.Equal("http://127.0.0.1:5000/v1", options.OpenAI.BaseUrl);
        Assert.Equal(["gpt-a", "gpt-b"], options.OpenAI.Models);
        Assert.Equal("gpt-b", options.OpenAI.DefaultModel);
        Assert.Equal("AIza-xyz", options.Gemini.ApiKey);
        Assert.Equal("http://127.0.0.1:5001", options.Gemini.BaseUrl);
        Assert.Equal(["gem-a", "gem-b"], options.Gemini.Models);
        Assert.Equal("gem-a", options.Gemini.DefaultModel);
        Assert.Equal(TimeSpan.FromSeconds(1.5), options.Timeouts.FirstToken);
        Assert.Equal(TimeSpan.FromSeconds(4), options.Timeouts.Idle);
        Assert.Equal(TimeSpan.FromSeconds(3), options.Timeouts.Connect);
        Assert.Equal(0, options.Retry.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(0.2), options.Retry.MaxRetryAfter);
    }

    [Fact]
    public void ADefaultModelOutsideTheListIsOfferedToo()
    {
        var options = ProviderOptions.FromConfiguration(Configuration(("ChatAi:Providers:Gemini:DefaultModel", "gemini-exp")));

        Assert.Equal("gemini-exp", options.Gemini.DefaultModel);
        Assert.Equal("gemini-exp", options.Gemini.Models[0]);
    }

    [Theory]
    [InlineData("ChatAi:Providers:Timeouts:FirstTokenSeconds", "soon")]
    [InlineData("ChatAi:Providers:Timeouts:IdleSeconds", "-1")]
    [InlineData("ChatAi:Providers:Retry:MaxRetries", "99")]
    [InlineData("OPENAI_BASE_URL", "ftp://example.com")]
    public void MalformedValuesFailNamingTheKey(string key, string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => ProviderOptions.FromConfiguration(Configuration((key, value))));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DescribingAnEndpointDoesNotRevealItsKey()
    {
        var options = ProviderOptions.FromConfiguration(Configuration(("OPENAI_API_KEY", "sk-very-secret")));

        Assert.DoesNotContain("sk-very-secret", options.OpenAI.ToString(), StringComparison.Ordinal);
    }

    internal static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();
}
