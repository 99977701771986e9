using System.Text.Json;
using ChatAi.Core.Providers;
using ChatAi.Tests.Fakes;
using static ChatAi.Tests.Providers.ProviderTestKit;

namespace ChatAi.Tests.Providers;

public sealed class GeminiProviderTests : IAsyncLifetime
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
        Assert.Equal(FinishReason.Stop, result.Finished!.Reason);
        Assert.Null(result.Finished.Detail);
        // promptTokenCount is the fake's word count of all texts (5 + 2 + 2 + 3); candidatesTokenCount one per chunk.
        Assert.Equal(new TokenUsage(12, 4), result.Finished.Usage);
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
        Assert.Equal(FinishReason.Stop, result.Finished!.Reason);
        Assert.NotNull(result.Finished.Usage);
    }

    [Fact]
    public async Task BlockedPromptFinishesAsContentFilterWithTheBlockReason()
    {
        using var provider = Gemini(_server);

        var result = await CollectAsync(provider, Request("fault-block-prompt"));

        Assert.Empty(result.Texts);
        Assert.Equal(FinishReason.ContentFilter, result.Finished!.Reason);
        Assert.Equal("SAFETY", result.Finished.Detail);
        Assert.Equal(new TokenUsage(12, 0), result.Finished.Usage);
    }

    [Fact]
    public async Task ReplyBlockedMidStreamKeepsTheTextAndFinishesAsContentFilter()
    {
        using var provider = Gemini(_server);

        var result = await CollectAsync(provider, Request("fault-block-midstream"));

        Assert.Equal(GeminiWire.BlockedFirstPart, result.Text);
        Assert.Equal(FinishReason.ContentFilter, result.Finished!.Reason);
        Assert.Equal("SAFETY", result.Finished.Detail);
        Assert.Equal(new TokenUsage(8, 5), result.Finished.Usage);
    }

    [Fact]
    public async Task MaxTokensFinishesAsLength()
    {
        using var provider = Gemini(_server);

        var result = await CollectAsync(provider, Request("fault-max-tokens"));

        Assert.Equal(FinishReason.Length, result.Finished!.Reason);
        Assert.Equal("MAX_TOKENS", result.Finished.Detail);
    }

    [Theory]
    [InlineData("RECITATION", FinishReason.ContentFilter)]
    [InlineData("PROHIBITED_CONTENT", FinishReason.ContentFilter)]
    [InlineData("SPII", FinishReason.ContentFilter)]
    [InlineData("LANGUAGE", FinishReason.Other)]
    public async Task MapsOtherFinishReasonsWithTheirDetail(string finishReason, FinishReason expected)
    {
        _server.Enqueue(FakeGeminiServer.Stream(finishReason: finishReason));
        using var provider = Gemini(_server);

        var result = await CollectAsync(provider, Request("gemini-2.5-flash"));

        Assert.Equal(expected, result.Finished!.Reason);
        Assert.Equal(finishReason, result.Finished.Detail);
    }

    [Fact]
    public async Task SkipsThoughtPartsOfThinkingModels()
    {
        _server.Enqueue(FakeGeminiServer.Events(
            """data: {"candidates": [{"content": {"parts": [{"text": "Let me think","thought": true},{"text": "Answer"}],"role": "model"},"finishReason": "STOP","index": 0}],"usageMetadata": {"promptTokenCount": 3,"candidatesTokenCount": 1,"thoughtsTokenCount": 9,"totalTokenCount": 13}}""" + "\n\n"));
        using var provider = Gemini(_server);

        var result = await CollectAsync(provider, Request("gemini-2.5-pro"));

        Assert.Equal("Answer", result.Text);
        Assert.Equal(new TokenUsage(3, 1), result.Finished!.Usage);
    }

    [Fact]
    public async Task WithoutAKeyFailsAsNotConfiguredWithoutCallingTheServer()
    {
        var options = Options(geminiBaseUrl: _server.BaseUrl);
        using var provider = new Core.Providers.Gemini.GeminiProvider(
            new ProviderOptions { Gemini = new ProviderEndpointOptions { BaseUrl = _server.BaseUrl, Models = ["m"], DefaultModel = "m" }, Timeouts = options.Timeouts },
            Microsoft.Extensions.Logging.Abstractions.NullLogger<Core.Providers.Gemini.GeminiProvider>.Instance);

        var error = await FailureAsync(provider, Request("m"));

        Assert.Equal(ProviderErrorKind.NotConfigured, error.Kind);
        Assert.Contains("GEMINI_API_KEY", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _server.RequestCount);
    }
}
