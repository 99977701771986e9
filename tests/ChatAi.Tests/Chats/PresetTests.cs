using ChatAi.Core.Chats;
using ChatAi.Tests.Infrastructure;

namespace ChatAi.Tests.Chats;

/// <summary>On SQLite; Postgres/PostgresChatSettingsTests.cs runs the same scenarios on PostgreSQL.</summary>
public sealed class PresetTests() : PresetScenarios(TestDatabase.Sqlite);

/// <summary>A user's presets: checked, limited, private, and the start of new chats.</summary>
public abstract class PresetScenarios(Func<TestDatabase> database) : IAsyncLifetime
{
    private FakeProviders _fakes = null!;
    private ChatAiApplication _app = null!;
    private string _user = "";
    private ChatService Chats => _app.Chats;
    private PresetService Presets => _app.Presets;

    public async Task InitializeAsync()
    {
        _fakes = await FakeProviders.StartAsync();
        _app = _fakes.CreateApp(extra: new Dictionary<string, string?> { ["ChatAi:MaxPresetsPerUser"] = "3" }, database: database());
        _ = _app.Server;
        _user = await _app.CreateUserAsync(TestUsers.NewEmail());
    }

    public async Task DisposeAsync()
    {
        _app.Dispose();
        await _fakes.DisposeAsync();
    }

    private static PresetInput Pirate(string name = "Pirate") => new(name, new ChatSettings("Answer like a pirate.", 0.9, 400), Model: "gemini-2.5-pro");

    [Fact]
    public async Task APresetIsCreatedListedEditedAndDeleted()
    {
        var created = await Presets.CreatePresetAsync(_user, Pirate("  Pirate  "));
        Assert.Equal(("Pirate", "gemini", "gemini-2.5-pro"), (created.Name, created.Provider, created.Model));
        Assert.Equal(new ChatSettings("Answer like a pirate.", 0.9, 400), created.Settings);
        await Presets.CreatePresetAsync(_user, new PresetInput("Editor"));
        Assert.Equal(["Editor", "Pirate"], (await Presets.ListPresetsAsync(_user)).Select(p => p.Name));

        var edited = await Presets.UpdatePresetAsync(_user, created.Id, new PresetInput("Sailor", new ChatSettings(Temperature: 0.1), "openai", "gpt-4o"));
        Assert.Equal(("Sailor", "openai", "gpt-4o", new ChatSettings(Temperature: 0.1)), (edited!.Name, edited.Provider, edited.Model, edited.Settings));
        Assert.Equal(edited, await Presets.FindPresetAsync(_user, created.Id));

        Assert.True(await Presets.DeletePresetAsync(_user, created.Id));
        Assert.False(await Presets.DeletePresetAsync(_user, created.Id));
        Assert.Equal(["Editor"], (await Presets.ListPresetsAsync(_user)).Select(p => p.Name));
    }

    [Fact]
    public async Task AnotherUsersPresetIsNotFoundAndStaysAsItWas()
    {
        var mallory = await _app.CreateUserAsync(TestUsers.NewEmail("mallory"));
        var preset = await Presets.CreatePresetAsync(_user, Pirate());

        Assert.Empty(await Presets.ListPresetsAsync(mallory));
        Assert.Null(await Presets.FindPresetAsync(mallory, preset.Id));
        Assert.Null(await Presets.UpdatePresetAsync(mallory, preset.Id, new PresetInput("pwned")));
        Assert.False(await Presets.DeletePresetAsync(mallory, preset.Id));
        var start = await Assert.ThrowsAsync<ChatException>(() => Presets.CreateChatFromPresetAsync(mallory, preset.Id));
        Assert.Equal(ChatErrorKind.NotFound, start.Kind);
        Assert.Empty(await Chats.ListChatsAsync(mallory, 10));
        var kept = await Presets.FindPresetAsync(_user, preset.Id);
        Assert.Equal((preset.Name, preset.Settings, preset.Model), (kept!.Name, kept.Settings, kept.Model));
        // Mallory may use the same name for a preset of her own.
        Assert.Equal("Pirate", (await Presets.CreatePresetAsync(mallory, Pirate())).Name);
    }

    [Theory]
    [InlineData("", null, null)]
    [InlineData("   ", null, null)]
    [InlineData("long name", null, null)]
    [InlineData("ok", "no-such-model", null)]
    [InlineData("ok", null, 3.5)]
    public async Task InvalidPresetsAreRefused(string name, string? model, double? temperature)
    {
        if (name == "long name") name = new string('n', 101);
        var error = await Assert.ThrowsAsync<ChatException>(() =>
            Presets.CreatePresetAsync(_user, new PresetInput(name, new ChatSettings(Temperature: temperature), Model: model)));
        Assert.Equal(ChatErrorKind.Validation, error.Kind);
        Assert.Empty(await Presets.ListPresetsAsync(_user));
    }

    [Fact]
    public async Task NamesAreUniquePerUserIgnoringCaseAndTheCountIsCapped()
    {
        var first = await Presets.CreatePresetAsync(_user, Pirate());
        var duplicate = await Assert.ThrowsAsync<ChatException>(() => Presets.CreatePresetAsync(_user, Pirate("PIRATE")));
        Assert.Equal(ChatErrorKind.Conflict, duplicate.Kind);
        var second = await Presets.CreatePresetAsync(_user, Pirate("Two"));
        var rename = await Assert.ThrowsAsync<ChatException>(() => Presets.UpdatePresetAsync(_user, second.Id, Pirate("pirate")));
        Assert.Equal(ChatErrorKind.Conflict, rename.Kind);
        Assert.NotNull(await Presets.UpdatePresetAsync(_user, first.Id, Pirate("Pirate"))); // its own name is fine

        await Presets.CreatePresetAsync(_user, Pirate("Three"));
        var fourth = await Assert.ThrowsAsync<ChatException>(() => Presets.CreatePresetAsync(_user, Pirate("Four")));
        Assert.Equal(ChatErrorKind.QuotaExceeded, fourth.Kind);
        Assert.Equal(3, (await Presets.ListPresetsAsync(_user)).Count);
    }

    [Fact]
    public async Task ANewChatFromAPresetTakesItsModelInstructionsAndParameters()
    {
        var preset = await Presets.CreatePresetAsync(_user, Pirate());

        var chat = await Presets.CreateChatFromPresetAsync(_user, preset.Id, title: "Treasure");

        Assert.Equal(("Treasure", "gemini", "gemini-2.5-pro"), (chat.Title, chat.Provider, chat.Model));
        Assert.Equal(new ChatSettings("Answer like a pirate.", 0.9, 400), await Chats.GetChatSettingsAsync(_user, chat.Id));
        // Editing the preset later leaves the chat as it started.
        await Presets.UpdatePresetAsync(_user, preset.Id, new PresetInput("Pirate"));
        Assert.Equal("Answer like a pirate.", (await Chats.GetChatSettingsAsync(_user, chat.Id))!.Instructions);
        var unknown = await Assert.ThrowsAsync<ChatException>(() => Presets.CreateChatFromPresetAsync(_user, Guid.NewGuid()));
        Assert.Equal(ChatErrorKind.NotFound, unknown.Kind);
    }
}
