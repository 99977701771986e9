using System.Globalization;
using ChatAi.Core.Providers;
using ChatAi.Tests.Fakes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace ChatAi.Tests.Providers;

/// <summary>
/// The providers' real client pipelines (OpenTelemetry, retries and timeouts, the provider's client), built by
/// the app's own registration and pointed at the fake servers with test-sized timeouts and retry waits.
/// </summary>
internal static class ProviderTestKit
{
    public const string OpenAiKey = "sk-test-SECRET-0123456789abcdefCANY";
    public const string GeminiKey = "AIzaTEST-SECRET-0123456789abcdef";

    public static ProviderUnderTest OpenAi(FakeOpenAiServer server, int maxRetries = 2, TimeSpan? firstToken = null, TimeSpan? idle = null,
        TimeSpan? maxRetryAfter = null, bool withKey = true) =>
        Build(ModelCatalog.OpenAI, [("OPENAI_BASE_URL", server.BaseUrl), ("OPENAI_API_KEY", withKey ? OpenAiKey : null)],
            maxRetries, firstToken, idle, maxRetryAfter);

    public static ProviderUnderTest Gemini(FakeGeminiServer server, int maxRetries = 2, TimeSpan? firstToken = null, TimeSpan? idle = null,
        TimeSpan? maxRetryAfter = null, bool withKey = true) =>
        Build(ModelCatalog.Gemini, [("GEMINI_BASE_URL", server.BaseUrl), ("GEMINI_API_KEY", withKey ? GeminiKey : null)],
            maxRetries, firstToken, idle, maxRetryAfter);

    private static ProviderUnderTest Build(string id, (string, string?)[] endpoint, int maxRetries, TimeSpan? firstToken, TimeSpan? idle, TimeSpan? maxRetryAfter)
    {
        var settings = endpoint.Where(s => s.Item2 is not null).Select(s => (s.Item1, s.Item2!)).ToList();
        settings.Add(("ChatAi:Providers:OpenAI:Models", "gpt-4o-mini"));
        settings.Add(("ChatAi:Providers:Gemini:Models", "gemini-2.5-flash"));
        settings.Add(("ChatAi:Providers:Timeouts:ConnectSeconds", "2"));
        settings.Add(("ChatAi:Providers:Timeouts:FirstTokenSeconds", Seconds(firstToken ?? TimeSpan.FromSeconds(5))));
        settings.Add(("ChatAi:Providers:Timeouts:IdleSeconds", Seconds(idle ?? TimeSpan.FromSeconds(5))));
        settings.Add(("ChatAi:Providers:Retry:MaxRetries", maxRetries.ToString(CultureInfo.InvariantCulture)));
        settings.Add(("ChatAi:Providers:Retry:MaxRetryAfterSeconds", Seconds(maxRetryAfter ?? TimeSpan.FromMilliseconds(200))));
        settings.Add(("ChatAi:Providers:Retry:BaseBackoffSeconds", "0.01"));
        var services = new ServiceCollection().AddModelProviders(ProviderOptionsTests.Configuration([.. settings])).BuildServiceProvider();
        return new ProviderUnderTest(services, services.GetRequiredKeyedService<IChatClient>(id));
    }

    private static readonly Lazy<Task> Warm = new(async () =>
    {
        await using var openAiServer = await FakeOpenAiServer.StartNewAsync();
        await using var geminiServer = await FakeGeminiServer.StartNewAsync();
        using var openAi = OpenAi(openAiServer);
        using var gemini = Gemini(geminiServer);
        await CollectAsync(openAi, Request("gpt-4o-mini"));
        await CollectAsync(gemini, Request("gemini-2.5-flash"));
    });

    /// <summary>
    /// Runs one call through each pipeline in this process, so a test that times retry waits does not also
    /// time the first call's JIT compilation (seconds on a busy machine).
    /// </summary>
    public static Task WarmUpAsync() => Warm.Value;

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString(CultureInfo.InvariantCulture);

    public static ModelCall Request(string model, string lastUserText = "Hello there friend", int? maxOutputTokens = null) => new(
        [
            new ChatMessage(ChatRole.User, "First question"),
            new ChatMessage(ChatRole.Assistant, "First answer"),
            new ChatMessage(ChatRole.User, lastUserText),
        ],
        new ChatOptions { ModelId = model.Length == 0 ? null : model, Instructions = "You are a test assistant.", MaxOutputTokens = maxOutputTokens });

    /// <summary>The whole stream: its texts, how it finished, its usage, and the exception that ended it instead, if any.</summary>
    public static async Task<StreamResult> CollectAsync(ProviderUnderTest provider, ModelCall call, CancellationToken cancellationToken = default)
    {
        var texts = new List<string>();
        ChatFinishReason? finish = null;
        string? detail = null;
        UsageDetails? usage = null;
        try
        {
            await foreach (var update in provider.StreamAsync(call, cancellationToken))
            {
                if (update.Text.Length > 0)
                {
                    Assert.Null(finish); // no text may follow the finish
                    texts.Add(update.Text);
                }
                if (update.FinishReason is { } reason && finish is null) (finish, detail) = (reason, ProviderFinish.DetailOf(update));
                foreach (var used in update.Contents.OfType<UsageContent>())
                {
                    Assert.Null(usage); // reported once, not once per chunk
                    usage = used.Details;
                }
            }
        }
        catch (ModelProviderException ex)
        {
            return new StreamResult(texts, null, null, null, ex);
        }
        Assert.NotNull(finish);
        return new StreamResult(texts, finish, detail, usage is null ? null : (usage.InputTokenCount ?? 0, usage.OutputTokenCount ?? 0), null);
    }

    public static async Task<ModelProviderException> FailureAsync(ProviderUnderTest provider, ModelCall call)
    {
        var result = await CollectAsync(provider, call);
        return result.Error ?? throw new Xunit.Sdk.XunitException($"Expected a failure but the stream finished: {result.Finish}");
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

/// <summary>A conversation and the options (model, system prompt, output limit) it is sent with.</summary>
internal sealed record ModelCall(IReadOnlyList<ChatMessage> Messages, ChatOptions Options);

/// <summary>A provider's client pipeline and the container that owns it.</summary>
internal sealed class ProviderUnderTest(ServiceProvider services, IChatClient client) : IDisposable
{
    public IChatClient Client { get; } = client;

    public IAsyncEnumerable<ChatResponseUpdate> StreamAsync(ModelCall call, CancellationToken cancellationToken) =>
        Client.GetStreamingResponseAsync(call.Messages, call.Options, cancellationToken);

    public void Dispose() => services.Dispose();
}

internal sealed record StreamResult(
    IReadOnlyList<string> Texts, ChatFinishReason? Finish, string? Detail, (long Input, long Output)? Usage, ModelProviderException? Error)
{
    public string Text => string.Concat(Texts);
}
