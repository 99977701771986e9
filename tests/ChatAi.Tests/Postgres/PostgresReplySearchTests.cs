using ChatAi.Tests.Infrastructure;
using ChatAi.Tests.Search;

namespace ChatAi.Tests.Postgres;

/// <summary>Replies and search (Search/ReplySearchTests.cs) on a real PostgreSQL server.</summary>
public sealed class PostgresReplySearchTests() : ReplySearchScenarios(TestDatabase.Postgres);
