using System.Text.Json;
using ChatAi.Core.Providers;
using Microsoft.Extensions.AI;
using ChatAi.Tests.Fakes;
using static ChatAi.Tests.Providers.ProviderTestKit;

namespace ChatAi.Tests.Providers;

public sealed class GeminiChatClientTests : IAsyncLifetime
{
    private FakeGeminiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeGeminiServer.StartNewAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task StreamsTheReplyInChunksThenFinishesWithStopAndUsage()
    {
        using var provider = Gemini(_server);

        var result = await CollectAsync(provider, Request("gemini-2.5-flash", "Hello there friend"));

        Assert.Null(result.Error);
        Assert.Equal(["Echo: ", "Hello ", "there ", "friend"], result.Texts);
        Assert.Equal(ChatFinishReason.Stop, result.Finish);
        // promptTokenCount is the fake's word count of all texts (5 + 2 + 2 + 3); candidatesTokenCount one per chunk.
        Assert.Equal((12, 4), result.Usage);
        Assert.Equal(1, _server.RequestCount);
    }

    [Fact]
    public async Task SendsTheKeyOnlyInTheHeaderAndTheConversationWithGeminiRoles()
    {
        using var provider = Gemini(_server);

        await CollectAsync(provider, Request("gemini-2.5-flash", "Last words", maxOutputTokens: 321));

        var request = Assert.Single(_server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1beta/models/gemini-2.5-flash:streamGenerateContent", request.Path);
        Assert.Equal("?alt=sse", request.Query);
        Assert.Equal(GeminiKey, request.Header("x-goog-api-key"));
        Assert.Null(request.Header("Authorization"));
        Assert.DoesNotContain(GeminiKey, request.Path + request.Query, StringComparison.Ordinal);
        Assert.DoesNotContain("key=", request.Query, StringComparison.Ordinal);

        using var body = JsonDocument.Parse(request.Body);
        var root = body.RootElement;
        Assert.Equal("You are a test assistant.", root.GetProperty("systemInstruction").GetProperty("parts")[0].GetProperty("text").GetString());
        Assert.Equal(321, root.GetProperty("generationConfig").GetProperty("maxOutputTokens").GetInt32());
        var contents = root.GetProperty("contents").EnumerateArray()
            .Select(c => (c.GetProperty("role").GetString(), c.GetProperty("parts")[0].GetProperty("text").GetString()))
            .ToList();
        Assert.Equal([("user", "First question"), ("model", "First answer"), ("user", "Last words")], contents);
    }

    [Theory]
    [InlineData("fault-lf")]
    [InlineData("fault-cr")]
    [InlineData("fault-split-1")]
    [InlineData("fault-split-9")]
    [InlineData("fault-split-171")]
    [InlineData("fault-keepalive")]
    [InlineData("fault-trickle-20")]
    public async Task ReadsAnyFramingSplitOrPacedStream(string model)
    {
        using var provider = Gemini(_server);

        var result = await CollectAsync(provider, Request(model, "Grüße 👋 aus Köln"));

        Assert.Null(result.Error);
        Assert.Equal("Echo: Grüße 👋 aus Köln", result.Text);
        Assert.Equal(ChatFinishReason.Stop, result.Finish);
        Assert.NotNull(result.Usage);
    }

    [Fact]
    public async Task BlockedPromptFinishesAsContentFilterWithTheBlockReason()
    {
        using var provider = Gemini(_server);

        var result = await CollectAsync(provider, Request("fault-block-prompt"));

        Assert.Empty(result.Texts);
        Assert.Equal(ChatFinishReason.ContentFilter, result.Finish);
        Assert.Equal("SAFETY", result.Detail);
        Assert.Equal((12, 0), result.Usage);
    }

    [Fact]
    public async Task ReplyBlockedMidStreamKeepsTheTextAndFinishesAsContentFilter()
    {
        using var provider = Gemini(_server);

        var result = await CollectAsync(provider, Request("fault-block-midstream"));

        Assert.Equal(GeminiWire.BlockedFirstPart, result.Text);
        Assert.Equal(ChatFinishReason.ContentFilter, result.Finish);
        Assert.Equal("SAFETY", result.Detail);
        Assert.Equal((8, 5), result.Usage);
    }

    [Fact]
    public async Task MaxTokensFinishesAsLength()
    {
        using var provider = Gemini(_server);

        var result = await CollectAsync(provider, Request("fault-max-tokens"));

        Assert.Equal(ChatFinishReason.Length, result.Finish);
        Assert.Equal("MAX_TOKENS", result.Detail);
    }

    [Theory]
    [InlineData("RECITATION", "content_filter")]
    [InlineData("PROHIBITED_CONTENT", "content_filter")]
    [InlineData("SPII", "content_filter")]
    [InlineData("LANGUAGE", "LANGUAGE")]
    public async Task MapsOtherFinishReasonsWithTheirDetail(string finishReason, string expected)
    {
        _server.Enqueue(FakeGeminiServer.Stream(finishReason: finishReason));
        using var provider = Gemini(_server);

        var result = await CollectAsync(provider, Request("gemini-2.5-flash"));

        Assert.Equal(expected, result.Finish?.Value);
        Assert.Equal(finishReason, result.Detail);
    }

    [Fact]
    public async Task SkipsThoughtPartsOfThinkingModels()
    {
        _server.Enqueue(FakeGeminiServer.Events(
            """data: {"candidates": [{"content": {"parts": [{"text": "Let me think","thought": true},{"text": "Answer"}],"role": "model"},"finishReason": "STOP","index": 0}],"usageMetadata": {"promptTokenCount": 3,"candidatesTokenCount": 1,"thoughtsTokenCount": 9,"totalTokenCount": 13}}""" + "\n\n"));
        using var provider = Gemini(_server);

        var result = await CollectAsync(provider, Request("gemini-2.5-pro"));

        Assert.Equal("Answer", result.Text);
        Assert.Equal((3, 1), result.Usage);
    }

    [Fact]
    public async Task WithoutAKeyFailsAsNotConfiguredWithoutCallingTheServer()
    {
        using var provider = Gemini(_server, withKey: false);

        var error = await FailureAsync(provider, Request("m"));

        Assert.Equal(ProviderErrorKind.NotConfigured, error.Kind);
        Assert.Contains("GEMINI_API_KEY", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _server.RequestCount);
    }
}
