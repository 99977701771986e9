using ChatAi.Tests.Chats;
using ChatAi.Tests.Infrastructure;

namespace ChatAi.Tests.Postgres;

/// <summary>Per-chat settings (Chats/ChatSettingsTests.cs), presets (Chats/PresetTests.cs) and their browser journeys on a real PostgreSQL server.</summary>
public sealed class PostgresChatSettingsTests() : ChatSettingsScenarios(TestDatabase.Postgres);

public sealed class PostgresPresetTests() : PresetScenarios(TestDatabase.Postgres);

[Collection(ChatAi.Tests.Browser.BrowserCollection.Name)]
public sealed class PostgresChatSettingsBrowserTests(PostgresBrowserFixture browser) : ChatAi.Tests.Browser.ChatSettingsBrowserScenarios(browser);
