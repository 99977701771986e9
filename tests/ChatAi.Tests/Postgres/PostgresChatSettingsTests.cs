using ChatAi.Tests.Chats;
using ChatAi.Tests.Infrastructure;

namespace ChatAi.Tests.Postgres;

/// <summary>Per-chat settings (Chats/ChatSettingsTests.cs) and presets (Chats/PresetTests.cs) on a real PostgreSQL server.</summary>
public sealed class PostgresChatSettingsTests() : ChatSettingsScenarios(TestDatabase.Postgres);

public sealed class PostgresPresetTests() : PresetScenarios(TestDatabase.Postgres);
