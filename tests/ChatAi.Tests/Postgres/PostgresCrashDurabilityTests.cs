using ChatAi.Core.Configuration;
using ChatAi.Tests.Reliability;

namespace ChatAi.Tests.Postgres;

/// <summary>The app killed while a reply is being generated (Reliability/CrashDurabilityTests.cs), on a real PostgreSQL server.</summary>
public sealed class PostgresCrashDurabilityTests() : CrashDurabilityScenarios(DatabaseProvider.Postgres);
