using ChatAi.Core.Configuration;
using ChatAi.Tests.Data;

namespace ChatAi.Tests.Postgres;

/// <summary>A PostgreSQL database made by the previous release upgrades with nothing lost (Data/UpgradeTests.cs).</summary>
public sealed class PostgresUpgradeTests() : UpgradeScenarios(DatabaseProvider.Postgres);
