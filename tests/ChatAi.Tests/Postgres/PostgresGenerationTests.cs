using ChatAi.Tests.Chats;
using ChatAi.Tests.Infrastructure;

namespace ChatAi.Tests.Postgres;

/// <summary>Generation against the fake providers (Chats/GenerationTests.cs) on a real PostgreSQL server.</summary>
public sealed class PostgresGenerationTests() : GenerationScenarios(TestDatabase.Postgres);
