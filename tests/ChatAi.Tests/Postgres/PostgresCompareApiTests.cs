using ChatAi.Tests.Api;

namespace ChatAi.Tests.Postgres;

/// <summary>The compare API (Api/CompareApiTests.cs) on a real PostgreSQL server.</summary>
public sealed class PostgresCompareApiTests(PostgresApiFixture api) : CompareApiScenarios(api), IClassFixture<PostgresApiFixture>;
