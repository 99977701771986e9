using ChatAi.Core.Configuration;
using ChatAi.Tests.Security;

namespace ChatAi.Tests.Postgres;

/// <summary>Keys encrypted with a configured certificate, shared by two instances on PostgreSQL (Security/KeyEncryptionTests.cs).</summary>
public sealed class PostgresKeyEncryptionTests() : KeyEncryptionScenarios(DatabaseProvider.Postgres);
