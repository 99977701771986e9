using ChatAi.Tests.Fakes;

namespace ChatAi.Tests.Infrastructure;

/// <summary>
/// Both fake providers, started on loopback, plus the settings that point the app at them. The model
/// lists include the fakes' fault names so a chat can pick a failure by switching model.
/// </summary>
public sealed class FakeProviders : IAsyncDisposable
{
    public const string OpenAiKey = "sk-test-CANARY-openai-7f3a9c";
    public const string GeminiKey = "AIza-test-CANARY-gemini-2b8d1e";

    public static readonly string[] OpenAiModels =
        ["gpt-4o-mini", "gpt-4o", "fault-500", "fault-401", "fault-429-quota", "fault-trickle-40", "fault-trickle-150", "fault-stall-after-2",
         "fault-error-after-1", "fault-truncate-after-2", "fault-content-filter", "fault-length"];
    public static readonly string[] GeminiModels =
        ["gemini-2.5-flash", "gemini-2.5-pro", "fault-500", "fault-403", "fault-block-prompt", "fault-block-midstream", "fault-trickle-40", "fault-stall-after-2"];

    private FakeProviders(FakeOpenAiServer openAi, FakeGeminiServer gemini)
    {
        OpenAi = openAi;
        Gemini = gemini;
    }

    public FakeOpenAiServer OpenAi { get; }
    public FakeGeminiServer Gemini { get; }

    public static async Task<FakeProviders> StartAsync() =>
        new(await FakeOpenAiServer.StartNewAsync(), await FakeGeminiServer.StartNewAsync());

    public Dictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?>
        {
            ["OPENAI_API_KEY"] = OpenAiKey,
            ["OPENAI_BASE_URL"] = OpenAi.BaseUrl,
            ["GEMINI_API_KEY"] = GeminiKey,
            ["GEMINI_BASE_URL"] = Gemini.BaseUrl,
            ["ChatAi:Providers:OpenAI:DefaultModel"] = "gpt-4o-mini",
            ["ChatAi:Providers:Gemini:DefaultModel"] = "gemini-2.5-flash",
            ["ChatAi:Providers:Timeouts:FirstTokenSeconds"] = "3",
            ["ChatAi:Providers:Timeouts:IdleSeconds"] = "2",
            ["ChatAi:Providers:Retry:MaxRetries"] = "2",
            ["ChatAi:Providers:Retry:BaseBackoffSeconds"] = "0.05",
            ["ChatAi:Providers:Retry:MaxRetryAfterSeconds"] = "1",
            ["ChatAi:StreamSaveIntervalMs"] = "100",
        };
        for (var i = 0; i < OpenAiModels.Length; i++) settings[$"ChatAi:Providers:OpenAI:Models:{i}"] = OpenAiModels[i];
        for (var i = 0; i < GeminiModels.Length; i++) settings[$"ChatAi:Providers:Gemini:Models:{i}"] = GeminiModels[i];
        return settings;
    }

    /// <summary>An app wired to these fakes; <paramref name="extra"/> settings win.</summary>
    public ChatAiApplication CreateApp(bool kestrel = false, IDictionary<string, string?>? extra = null, TestDatabase? database = null)
    {
        var settings = Settings();
        if (extra is not null) foreach (var (key, value) in extra) settings[key] = value;
        return new ChatAiApplication(kestrel, settings, database);
    }

    public async ValueTask DisposeAsync()
    {
        await OpenAi.DisposeAsync();
        await Gemini.DisposeAsync();
    }
}
