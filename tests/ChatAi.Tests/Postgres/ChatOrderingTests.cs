using ChatAi.Core.Chats;
using ChatAi.Core.Configuration;
using ChatAi.Core.Data;
using ChatAi.Tests.Infrastructure;

namespace ChatAi.Tests.Postgres;

/// <summary>
/// ChatService.ListChatsAsync breaks timestamp ties with <c>c.Id.CompareTo(cursor.Id) &lt; 0</c>, run by the database
/// (uuid on PostgreSQL, upper-case TEXT on SQLite); both must order ids exactly as <see cref="Guid.CompareTo(Guid)"/> does.
/// </summary>
public sealed class ChatOrderingTests
{
    private static readonly Guid[] Edges =
    [
        new("00000000-0000-0000-0000-000000000001"), new("7fffffff-ffff-ffff-ffff-ffffffffffff"),
        new("80000000-0000-0000-0000-000000000000"), new("ffffffff-ffff-ffff-ffff-fffffffffffe"),
        new("12345678-7fff-0000-0000-000000000000"), new("12345678-8000-0000-0000-000000000000"),
        new("12345678-1234-7fff-0000-000000000000"), new("12345678-1234-8000-0000-000000000000"),
        new("12345678-1234-1234-7f00-000000000000"), new("12345678-1234-1234-8000-000000000000"),
        new("12345678-1234-1234-1234-7f0000000000"), new("12345678-1234-1234-1234-800000000000"),
    ];

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ChatsWithTheSameActivityArePagedInTheOrderDotNetComparesGuids(DatabaseProvider provider)
    {
        using var app = new ChatAiApplication(database: TestDatabase.Create(provider));
        _ = app.Server;
        var user = await app.CreateUserAsync(TestUsers.NewEmail());
        var at = new DateTime(2026, 3, 4, 5, 6, 7, DateTimeKind.Utc);
        var ids = Edges.Concat(Enumerable.Range(0, 12).Select(_ => Guid.NewGuid())).ToList();
        await using (var db = app.CreateDbContext())
        {
            db.Chats.AddRange(ids.Select(id => new Chat { Id = id, UserId = user, CreatedAt = at, LastActivityAt = at }));
            await db.SaveChangesAsync();
        }

        var expected = ids.OrderByDescending(id => id).ToList();
        Assert.Equal(expected, (await app.Chats.ListChatsAsync(user, 100)).Select(c => c.Id));
        var walked = new List<Guid>();
        ChatCursor? cursor = null;
        for (var page = await app.Chats.ListChatsAsync(user, 5); page.Count > 0; page = await app.Chats.ListChatsAsync(user, 5, cursor))
        {
            walked.AddRange(page.Select(c => c.Id));
            cursor = ChatCursor.After(page[^1]);
        }
        Assert.Equal(expected, walked);
    }
}
