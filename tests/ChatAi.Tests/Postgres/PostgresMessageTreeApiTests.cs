using ChatAi.Tests.Api;

namespace ChatAi.Tests.Postgres;

/// <summary>The message tree API (Api/MessageTreeApiTests.cs) on a real PostgreSQL server.</summary>
public sealed class PostgresMessageTreeApiTests(PostgresApiFixture api) : MessageTreeApiScenarios(api), IClassFixture<PostgresApiFixture>;
