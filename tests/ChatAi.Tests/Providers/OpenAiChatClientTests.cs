using System.Text.Json;
using ChatAi.Core.Providers;
using Microsoft.Extensions.AI;
using ChatAi.Tests.Fakes;
using static ChatAi.Tests.Providers.ProviderTestKit;

namespace ChatAi.Tests.Providers;

public sealed class OpenAiChatClientTests : IAsyncLifetime
{
    private FakeOpenAiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAiServer.StartNewAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task StreamsTheReplyInChunksThenFinishesWithStopAndUsage()
    {
        using var provider = OpenAi(_server);

        var result = await CollectAsync(provider, Request("gpt-4o-mini", "Hello there friend"));

        Assert.Null(result.Error);
        Assert.Equal(["Echo: ", "Hello ", "there ", "friend"], result.Texts);
        Assert.Equal(ChatFinishReason.Stop, result.Finish);
        // The fake counts words of all messages (5 + 2 + 2 + 3) and one token per chunk.
        Assert.Equal((12, 4), result.Usage);
        Assert.Equal(1, _server.RequestCount);
    }

    [Fact]
    public async Task SendsBearerKeySystemPromptAndConversationWithStreamUsage()
    {
        using var provider = OpenAi(_server);

        await CollectAsync(provider, Request("gpt-4o-mini", "Last words", maxOutputTokens: 321));

        var request = Assert.Single(_server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal($"Bearer {OpenAiKey}", request.Header("Authorization"));
        Assert.DoesNotContain(OpenAiKey, request.Path + request.Query, StringComparison.Ordinal);

        using var body = JsonDocument.Parse(request.Body);
        var root = body.RootElement;
        Assert.Equal("gpt-4o-mini", root.GetProperty("model").GetString());
        Assert.True(root.GetProperty("stream").GetBoolean());
        Assert.True(root.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
        Assert.Equal(321, root.GetProperty("max_completion_tokens").GetInt32());
        var messages = root.GetProperty("messages").EnumerateArray()
            .Select(m => (m.GetProperty("role").GetString(), Text(m.GetProperty("content"))))
            .ToList();
        Assert.Equal(
            [("system", "You are a test assistant."), ("user", "First question"), ("assistant", "First answer"), ("user", "Last words")],
            messages);
    }

    [Theory]
    [InlineData("fault-split-1")]
    [InlineData("fault-split-7")]
    [InlineData("fault-split-200")]
    [InlineData("fault-keepalive")]
    [InlineData("fault-trickle-20")]
    public async Task ReadsEventsSplitAcrossWritesPacedOrInterleavedWithKeepAlives(string model)
    {
        using var provider = OpenAi(_server);

        var result = await CollectAsync(provider, Request(model, "Split me ✂️ please"));

        Assert.Null(result.Error);
        Assert.Equal("Echo: Split me ✂️ please", result.Text);
        Assert.Equal(ChatFinishReason.Stop, result.Finish);
        Assert.NotNull(result.Usage);
    }

    [Theory]
    [InlineData("fault-length", "length")]
    [InlineData("fault-content-filter", "content_filter")]
    public async Task MapsFinishReasons(string model, string reason)
    {
        using var provider = OpenAi(_server);

        var result = await CollectAsync(provider, Request(model));

        Assert.Equal(reason, result.Finish?.Value);
        Assert.Equal(reason, result.Detail);
    }

    [Fact]
    public async Task UsesTheDefaultModelWhenTheRequestNamesNone()
    {
        using var provider = OpenAi(_server);

        await CollectAsync(provider, Request(""));

        using var body = JsonDocument.Parse(Assert.Single(_server.Requests).Body);
        Assert.Equal("gpt-4o-mini", body.RootElement.GetProperty("model").GetString());
    }

    [Fact]
    public async Task WithoutAKeyFailsAsNotConfiguredWithoutCallingTheServer()
    {
        using var provider = OpenAi(_server, withKey: false);

        var error = await FailureAsync(provider, Request("m"));

        Assert.Equal(ProviderErrorKind.NotConfigured, error.Kind);
        Assert.Contains("OPENAI_API_KEY", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _server.RequestCount);
    }

    private static string Text(JsonElement content) => content.ValueKind == JsonValueKind.String
        ? content.GetString()!
        : string.Concat(content.EnumerateArray().Select(p => p.GetProperty("text").GetString()));
}
