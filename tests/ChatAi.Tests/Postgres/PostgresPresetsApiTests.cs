using ChatAi.Tests.Api;

namespace ChatAi.Tests.Postgres;

/// <summary>Chat settings and presets over HTTP (Api/PresetsApiTests.cs) on a real PostgreSQL server.</summary>
public sealed class PostgresPresetsApiTests(PostgresApiFixture api) : PresetsApiScenarios(api), IClassFixture<PostgresApiFixture>;
