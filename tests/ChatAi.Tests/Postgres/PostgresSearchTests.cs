using ChatAi.Tests.Infrastructure;
using ChatAi.Tests.Search;

namespace ChatAi.Tests.Postgres;

/// <summary>Search (Search/SearchTests.cs) on a real PostgreSQL server.</summary>
public sealed class PostgresSearchTests() : SearchScenarios(TestDatabase.Postgres);
