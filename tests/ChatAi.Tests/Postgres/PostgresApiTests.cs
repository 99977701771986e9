using ChatAi.Tests.Api;
using ChatAi.Tests.Infrastructure;

namespace ChatAi.Tests.Postgres;

/// <summary>The HTTP API suite (Api/) on a real PostgreSQL server.</summary>
public sealed class PostgresApiFixture : ApiFixture
{
    protected override TestDatabase CreateDatabase() => TestDatabase.Postgres();
}

public sealed class PostgresTightLimitsFixture : TightLimitsFixture
{
    protected override TestDatabase CreateDatabase() => TestDatabase.Postgres();
}

public sealed class PostgresChatsApiTests(PostgresApiFixture api) : ChatsApiScenarios(api), IClassFixture<PostgresApiFixture>;

public sealed class PostgresChatHistoryApiTests(PostgresApiFixture api) : ChatHistoryApiScenarios(api), IClassFixture<PostgresApiFixture>;

public sealed class PostgresLegacyApiTests(PostgresApiFixture api) : LegacyApiScenarios(api), IClassFixture<PostgresApiFixture>;

public sealed class PostgresLegacyDayListTests(PostgresApiFixture api) : LegacyDayListScenarios(api), IClassFixture<PostgresApiFixture>;

public sealed class PostgresMessagesApiTests(PostgresApiFixture api) : MessagesApiScenarios(api), IClassFixture<PostgresApiFixture>;

public sealed class PostgresApiAuthTests(PostgresApiFixture api) : ApiAuthScenarios(api), IClassFixture<PostgresApiFixture>;

public sealed class PostgresApiLimitsTests(PostgresTightLimitsFixture api) : ApiLimitsScenarios(api), IClassFixture<PostgresTightLimitsFixture>;

public sealed class PostgresLongRevalidationFixture : ChatAi.Tests.Security.LongRevalidationFixture
{
    protected override TestDatabase CreateDatabase() => TestDatabase.Postgres();
}

public sealed class PostgresAccountHardeningTests(PostgresLongRevalidationFixture api)
    : ChatAi.Tests.Security.AccountHardeningScenarios(api), IClassFixture<PostgresLongRevalidationFixture>;

public sealed class PostgresSearchApiTests(PostgresApiFixture api) : SearchApiScenarios(api), IClassFixture<PostgresApiFixture>;
