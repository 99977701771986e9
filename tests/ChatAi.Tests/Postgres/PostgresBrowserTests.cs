using ChatAi.Tests.Browser;
using ChatAi.Tests.Infrastructure;

namespace ChatAi.Tests.Postgres;

/// <summary>
/// The browser suite's database-touching scenarios (Browser/) on a real PostgreSQL server. Same collection as the
/// SQLite browser tests, so no two browser tests ever run at once.
/// </summary>
public sealed class PostgresBrowserFixture : BrowserFixture
{
    protected override TestDatabase CreateDatabase() => TestDatabase.Postgres();
}

[Collection(BrowserCollection.Name)]
public sealed class PostgresChatFlowTests(PostgresBrowserFixture browser) : ChatFlowScenarios(browser);

[Collection(BrowserCollection.Name)]
public sealed class PostgresStreamingTests(PostgresBrowserFixture browser) : StreamingScenarios(browser);

[Collection(BrowserCollection.Name)]
public sealed class PostgresSidebarPagingTests(PostgresBrowserFixture browser) : SidebarPagingScenarios(browser);

[Collection(BrowserCollection.Name)]
public sealed class PostgresChatPrivacyTests(PostgresBrowserFixture browser) : ChatPrivacyScenarios(browser);

[Collection(BrowserCollection.Name)]
public sealed class PostgresTwoTabsTests(PostgresBrowserFixture browser) : TwoTabsScenarios(browser);

[Collection(BrowserCollection.Name)]
public sealed class PostgresSearchBrowserTests(PostgresBrowserFixture browser) : SearchBrowserScenarios(browser);

[Collection(BrowserCollection.Name)]
public sealed class PostgresCompareBrowserTests(PostgresBrowserFixture browser) : CompareBrowserScenarios(browser);
