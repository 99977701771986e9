using ChatAi.Core.Chats;
using ChatAi.Tests.Fakes;
using ChatAi.Tests.Infrastructure;

namespace ChatAi.Tests.Chats;

/// <summary>On SQLite; Postgres/PostgresChatSettingsTests runs the same scenarios on PostgreSQL.</summary>
public sealed class ChatSettingsTests() : ChatSettingsScenarios(TestDatabase.Sqlite);

/// <summary>A chat's instructions and parameters: stored, checked, scoped to the owner, and sent to both providers in their wire formats.</summary>
public abstract class ChatSettingsScenarios(Func<TestDatabase> database) : IAsyncLifetime
{
    protected const string DefaultPrompt = "You are the configured default prompt.";
    private FakeProviders _fakes = null!;
    private ChatAiApplication _app = null!;
    private string _user = "";
    private ChatService Chats => _app.Chats;
    private ReplyService Replies => _app.Replies;

    public async Task InitializeAsync()
    {
        _fakes = await FakeProviders.StartAsync();
        _app = _fakes.CreateApp(extra: new Dictionary<string, string?>
        {
            ["ChatAi:MaxSendsPerMinute"] = "1000",
            ["ChatAi:MaxChatWritesPerMinute"] = "20",
            ["ChatAi:SystemPrompt"] = DefaultPrompt,
        }, database: database());
        _ = _app.Server;
        _user = await _app.CreateUserAsync(TestUsers.NewEmail());
    }

    public async Task DisposeAsync()
    {
        _app.Dispose();
        await _fakes.DisposeAsync();
    }

    /// <summary>Sends in an existing chat and returns the reply request the fake received (not the title request).</summary>
    private async Task<RecordedRequest> ReplyRequestAsync(FakeHttpServer fake, Guid chatId, string text, bool regenerate = false)
    {
        var generation = regenerate ? await Replies.RegenerateAsync(_user, chatId) : await Replies.SendAsync(_user, chatId, text);
        await generation.Completion.WaitAsync(TimeSpan.FromSeconds(20));
        return fake.Requests.Last(r => r.Body.Contains(text) && !r.Body.Contains("title of at most"));
    }

    [Fact]
    public async Task SettingsAreStoredTidiedAndReadBackOnlyByTheOwner()
    {
        var mallory = await _app.CreateUserAsync(TestUsers.NewEmail("mallory"));
        var chat = await Chats.CreateChatAsync(_user);

        var saved = await Chats.SetChatSettingsAsync(_user, chat.Id, new ChatSettings("  Answer like a pirate.  ", 0.333, 512));

        Assert.Equal(new ChatSettings("Answer like a pirate.", 0.33, 512), saved!.Settings);
        Assert.Equal(new ChatSettings("Answer like a pirate.", 0.33, 512), await Chats.GetChatSettingsAsync(_user, chat.Id));
        Assert.Equal(saved.Settings, (await Chats.FindChatAsync(_user, chat.Id))!.Settings);
        Assert.Null(await Chats.GetChatSettingsAsync(mallory, chat.Id));
        Assert.Null(await Chats.SetChatSettingsAsync(mallory, chat.Id, new ChatSettings("pwned")));
        Assert.Null(await Chats.UpdateChatAsync(mallory, chat.Id, new ChatUpdate(Instructions: "pwned")));
        Assert.Equal("Answer like a pirate.", (await Chats.GetChatSettingsAsync(_user, chat.Id))!.Instructions);

        // A partial update keeps what it does not name; empty instructions clear them.
        await Chats.UpdateChatAsync(_user, chat.Id, new ChatUpdate(Temperature: 1.5));
        Assert.Equal(new ChatSettings("Answer like a pirate.", 1.5, 512), await Chats.GetChatSettingsAsync(_user, chat.Id));
        await Chats.UpdateChatAsync(_user, chat.Id, new ChatUpdate(Instructions: ""));
        Assert.Equal(new ChatSettings(null, 1.5, 512), await Chats.GetChatSettingsAsync(_user, chat.Id));
        await Chats.SetChatSettingsAsync(_user, chat.Id, ChatSettings.None);
        Assert.True((await Chats.GetChatSettingsAsync(_user, chat.Id))!.IsDefault);
    }

    [Theory]
    [InlineData("too long", null, null)]
    [InlineData("nul\0byte", null, null)]
    [InlineData(null, -0.1, null)]
    [InlineData(null, 2.01, null)]
    [InlineData(null, double.NaN, null)]
    [InlineData(null, null, 0)]
    [InlineData(null, null, ChatSettings.MaxReplyTokensLimit + 1)]
    public async Task InvalidSettingsAreRefusedAndNothingChanges(string? instructions, double? temperature, int? maxReplyTokens)
    {
        if (instructions == "too long") instructions = new string('x', ChatSettings.MaxInstructionsLength + 1);
        var settings = new ChatSettings(instructions, temperature, maxReplyTokens);
        var chat = await Chats.CreateChatAsync(_user);
        await Chats.SetChatSettingsAsync(_user, chat.Id, new ChatSettings("Keep me", 1, 100));

        var set = await Assert.ThrowsAsync<ChatException>(() => Chats.SetChatSettingsAsync(_user, chat.Id, settings));
        var patch = await Assert.ThrowsAsync<ChatException>(() => Chats.UpdateChatAsync(_user, chat.Id,
            new ChatUpdate(Instructions: settings.Instructions, Temperature: settings.Temperature, MaxReplyTokens: settings.MaxReplyTokens)));

        Assert.Equal((ChatErrorKind.Validation, ChatErrorKind.Validation), (set.Kind, patch.Kind));
        Assert.Equal(new ChatSettings("Keep me", 1, 100), await Chats.GetChatSettingsAsync(_user, chat.Id));
    }

    [Fact]
    public async Task SettingsWritesCountAsChatWrites()
    {
        var chat = await Chats.CreateChatAsync(_user);
        for (var i = 1; i < 20; i++) await Chats.SetChatSettingsAsync(_user, chat.Id, new ChatSettings(MaxReplyTokens: i));

        var error = await Assert.ThrowsAsync<ChatException>(() => Chats.SetChatSettingsAsync(_user, chat.Id, new ChatSettings(MaxReplyTokens: 99)));

        Assert.Equal(ChatErrorKind.RateLimited, error.Kind);
        Assert.Equal(19, (await Chats.GetChatSettingsAsync(_user, chat.Id))!.MaxReplyTokens);
    }

    [Fact]
    public async Task OpenAiReceivesTheChatsInstructionsAsTheSystemMessageWithTemperatureAndMaxCompletionTokens()
    {
        var chat = await Chats.CreateChatAsync(_user, model: "gpt-4o-mini");
        await Chats.SetChatSettingsAsync(_user, chat.Id, new ChatSettings("Answer like a pirate.", 0.25, 300));

        var request = await ReplyRequestAsync(_fakes.OpenAi, chat.Id, "ahoy there");

        Assert.Equal(new SentSettings("Answer like a pirate.", 0.25, 300), SentSettings.FromOpenAi(request));
        // Regenerate answers with the same settings.
        var again = await ReplyRequestAsync(_fakes.OpenAi, chat.Id, "ahoy there", regenerate: true);
        Assert.NotSame(request, again);
        Assert.Equal(new SentSettings("Answer like a pirate.", 0.25, 300), SentSettings.FromOpenAi(again));
    }

    [Fact]
    public async Task GeminiReceivesTheChatsInstructionsAsSystemInstructionAndTheParametersInGenerationConfig()
    {
        var chat = await Chats.CreateChatAsync(_user, model: "gemini-2.5-flash");
        await Chats.SetChatSettingsAsync(_user, chat.Id, new ChatSettings("Answer in French.", 1.5, 2048));

        var request = await ReplyRequestAsync(_fakes.Gemini, chat.Id, "good morning");

        Assert.Equal(new SentSettings("Answer in French.", 1.5, 2048), SentSettings.FromGemini(request));
        Assert.Contains("\"generationConfig\":{\"maxOutputTokens\":2048,\"temperature\":1.5}", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutSettingsBothProvidersGetTheConfiguredPromptAndNoParameters()
    {
        var gpt = await Chats.CreateChatAsync(_user, model: "gpt-4o-mini");
        var gemini = await Chats.CreateChatAsync(_user, model: "gemini-2.5-flash");

        var openAiRequest = await ReplyRequestAsync(_fakes.OpenAi, gpt.Id, "plain question");
        var geminiRequest = await ReplyRequestAsync(_fakes.Gemini, gemini.Id, "plain question");

        Assert.Equal(new SentSettings(DefaultPrompt, null, null), SentSettings.FromOpenAi(openAiRequest));
        Assert.Equal(new SentSettings(DefaultPrompt, null, null), SentSettings.FromGemini(geminiRequest));
        Assert.DoesNotContain("generationConfig", geminiRequest.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTitleRequestKeepsItsOwnInstructionAndLimit()
    {
        var chatId = Guid.NewGuid();
        await Chats.CreateChatAsync(_user, chatId, model: "gpt-4o-mini");
        await Chats.SetChatSettingsAsync(_user, chatId, new ChatSettings("Answer like a pirate.", 0.25, 300));

        await ReplyRequestAsync(_fakes.OpenAi, chatId, "first words here");
        await Replies.WaitForTitleAsync(chatId, TimeSpan.FromSeconds(20));

        var title = SentSettings.FromOpenAi(_fakes.OpenAi.Requests.Single(r => r.Body.Contains("title of at most")));
        Assert.DoesNotContain("pirate", title.System, StringComparison.Ordinal);
        Assert.Equal((null, 20), (title.Temperature, title.MaxTokens));
    }
}
