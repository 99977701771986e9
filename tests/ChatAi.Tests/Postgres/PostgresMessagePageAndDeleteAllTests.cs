using ChatAi.Tests.Chats;
using ChatAi.Tests.Infrastructure;

namespace ChatAi.Tests.Postgres;

/// <summary>Message pages and delete-all (Chats/MessagePageAndDeleteAllTests.cs) on a real PostgreSQL server.</summary>
public sealed class PostgresMessagePageAndDeleteAllTests() : MessagePageAndDeleteAllScenarios(TestDatabase.Postgres);
