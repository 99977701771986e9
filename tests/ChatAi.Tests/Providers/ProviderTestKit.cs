using ChatAi.Core.Providers;
using ChatAi.Core.Providers.Gemini;
using ChatAi.Core.Providers.OpenAI;
using ChatAi.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatAi.Tests.Providers;

/// <summary>Providers wired to the fake servers with test-sized timeouts and retry waits.</summary>
internal static class ProviderTestKit
{
    public const string OpenAiKey = "sk-test-SECRET-0123456789abcdefCANY";
    public const string GeminiKey = "AIzaTEST-SECRET-0123456789abcdef";

    public static ProviderOptions Options(
        string? openAiBaseUrl = null,
        string? geminiBaseUrl = null,
        int maxRetries = 2,
        TimeSpan? firstToken = null,
        TimeSpan? idle = null,
        TimeSpan? maxRetryAfter = null) => new()
    {
        OpenAI = new ProviderEndpointOptions
        {
            ApiKey = OpenAiKey,
            BaseUrl = openAiBaseUrl ?? "http://127.0.0.1:9/v1",
            Models = ["gpt-4o-mini"],
            DefaultModel = "gpt-4o-mini",
        },
        Gemini = new ProviderEndpointOptions
        {
            ApiKey = GeminiKey,
            BaseUrl = geminiBaseUrl ?? "http://127.0.0.1:9",
            Models = ["gemini-2.5-flash"],
            DefaultModel = "gemini-2.5-flash",
        },
        Timeouts = new ProviderTimeoutOptions
        {
            Connect = TimeSpan.FromSeconds(2),
            FirstToken = firstToken ?? TimeSpan.FromSeconds(5),
            Idle = idle ?? TimeSpan.FromSeconds(5),
        },
        Retry = new ProviderRetryOptions
        {
            MaxRetries = maxRetries,
            MaxRetryAfter = maxRetryAfter ?? TimeSpan.FromMilliseconds(200),
            BaseBackoff = TimeSpan.FromMilliseconds(10),
        },
    };

    public static OpenAiProvider OpenAi(FakeOpenAiServer server, int maxRetries = 2, TimeSpan? firstToken = null, TimeSpan? idle = null, TimeSpan? maxRetryAfter = null) =>
        new(Options(openAiBaseUrl: server.BaseUrl, maxRetries: maxRetries, firstToken: firstToken, idle: idle, maxRetryAfter: maxRetryAfter),
            NullLogger<OpenAiProvider>.Instance);

    public static GeminiProvider Gemini(FakeGeminiServer server, int maxRetries = 2, TimeSpan? firstToken = null, TimeSpan? idle = null, TimeSpan? maxRetryAfter = null) =>
        new(Options(geminiBaseUrl: server.BaseUrl, maxRetries: maxRetries, firstToken: firstToken, idle: idle, maxRetryAfter: maxRetryAfter),
            NullLogger<GeminiProvider>.Instance);

    public static ModelRequest Request(string model, string lastUserText = "Hello there friend", int? maxOutputTokens = null) => new(
        model,
        "You are a test assistant.",
        [
            new ModelMessage(ModelRole.User, "First question"),
            new ModelMessage(ModelRole.Assistant, "First answer"),
            new ModelMessage(ModelRole.User, lastUserText),
        ],
        maxOutputTokens);

    /// <summary>The whole stream: its text, its finish, and the exception that ended it instead, if any.</summary>
    public static async Task<StreamResult> CollectAsync(IModelProvider provider, ModelRequest request, CancellationToken cancellationToken = default)
    {
        var texts = new List<string>();
        var finishes = new List<StreamFinished>();
        try
        {
            await foreach (var e in provider.StreamAsync(request, cancellationToken))
            {
                Assert.Empty(finishes); // nothing may follow the finish
                switch (e)
                {
                    case TextDelta delta: texts.Add(delta.Text); break;
                    case StreamFinished finished: finishes.Add(finished); break;
                }
            }
        }
        catch (ModelProviderException ex)
        {
            Assert.Empty(finishes);
            return new StreamResult(texts, null, ex);
        }
        return new StreamResult(texts, Assert.Single(finishes), null);
    }

    public static async Task<ModelProviderException> FailureAsync(IModelProvider provider, ModelRequest request)
    {
        var result = await CollectAsync(provider, request);
        return result.Error ?? throw new Xunit.Sdk.XunitException($"Expected a failure but the stream finished: {result.Finished}");
    }

    public static void AssertNoSecret(ModelProviderException ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            Assert.DoesNotContain(OpenAiKey, e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(GeminiKey, e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("CANY", e.Message, StringComparison.Ordinal);
        }
    }
}

internal sealed record StreamResult(IReadOnlyList<string> Texts, StreamFinished? Finished, ModelProviderException? Error)
{
    public string Text => string.Concat(Texts);
}
