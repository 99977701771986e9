using ChatAi.Tests.Chats;
using ChatAi.Tests.Infrastructure;

namespace ChatAi.Tests.Postgres;

/// <summary>The message tree (Chats/MessageTreeTests.cs) on a real PostgreSQL server.</summary>
public sealed class PostgresMessageTreeTests() : MessageTreeScenarios(TestDatabase.Postgres);
