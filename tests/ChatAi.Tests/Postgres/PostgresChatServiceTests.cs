using ChatAi.Tests.Chats;
using ChatAi.Tests.Infrastructure;

namespace ChatAi.Tests.Postgres;

/// <summary>The chat rules (Chats/ChatServiceTests.cs) on a real PostgreSQL server.</summary>
public sealed class PostgresChatServiceTests() : ChatServiceScenarios(TestDatabase.Postgres);
