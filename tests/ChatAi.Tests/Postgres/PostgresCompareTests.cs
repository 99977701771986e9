using ChatAi.Tests.Chats;
using ChatAi.Tests.Infrastructure;

namespace ChatAi.Tests.Postgres;

/// <summary>Compare (Chats/CompareTests.cs) on a real PostgreSQL server.</summary>
public sealed class PostgresCompareTests() : CompareScenarios(TestDatabase.Postgres);
