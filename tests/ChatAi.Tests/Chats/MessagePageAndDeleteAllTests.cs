using ChatAi.Core.Chats;
using ChatAi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChatAi.Tests.Chats;

/// <summary>Paging a chat's messages and deleting all of a user's chats, on SQLite; Postgres/PostgresMessagePageAndDeleteAllTests runs them on PostgreSQL.</summary>
public sealed class MessagePageAndDeleteAllTests() : MessagePageAndDeleteAllScenarios(TestDatabase.Sqlite);

/// <summary><see cref="ChatService.GetMessagePageAsync"/> and <see cref="ChatService.DeleteAllChatsAsync"/>, once per database.</summary>
public abstract class MessagePageAndDeleteAllScenarios : IDisposable
{
    private readonly ChatAiApplication _app;
    private ChatService Chats => _app.Chats;

    protected MessagePageAndDeleteAllScenarios(Func<TestDatabase> database)
    {
        _app = new ChatAiApplication(database: database());
        _ = _app.Server; // start: migrates the database
    }

    public void Dispose() => _app.Dispose();

    private async Task<(string UserId, Guid ChatId)> ChatWithMessagesAsync(int count)
    {
        var userId = await _app.CreateUserAsync(TestUsers.NewEmail("pages"));
        var chat = await Chats.CreateChatAsync(userId, title: "Long chat");
        for (var i = 1; i <= count; i++) await Chats.AddUserMessageAsync(userId, chat.Id, $"m{i}");
        return (userId, chat.Id);
    }

    [Fact]
    public async Task AChatOpensAtItsNewestPageOldestFirstAndEarlierPagesFollowWithoutGapsOrRepeats()
    {
        var (userId, chatId) = await ChatWithMessagesAsync(7);

        var newest = await Chats.GetMessagePageAsync(userId, chatId, 3);
        Assert.Equal(["m5", "m6", "m7"], newest!.Messages.Select(m => m.Content));
        Assert.True(newest.HasEarlier);

        var earlier = await Chats.GetMessagePageAsync(userId, chatId, 3, beforeId: newest.Messages[0].Id);
        Assert.Equal(["m2", "m3", "m4"], earlier!.Messages.Select(m => m.Content));
        Assert.True(earlier.HasEarlier);

        var first = await Chats.GetMessagePageAsync(userId, chatId, 3, beforeId: earlier.Messages[0].Id);
        Assert.Equal(["m1"], first!.Messages.Select(m => m.Content));
        Assert.False(first.HasEarlier);
    }

    [Fact]
    public async Task FromAMessageOnReturnsEverythingSinceOrAtLeastTheNewestPage()
    {
        var (userId, chatId) = await ChatWithMessagesAsync(6);
        var all = (await Chats.GetMessagePageAsync(userId, chatId, 10))!.Messages;
        Assert.Equal(6, all.Count);

        // Everything from m2 on, more than the limit: the page keeps what the reader had loaded.
        var from = await Chats.GetMessagePageAsync(userId, chatId, 2, fromId: all[1].Id);
        Assert.Equal(["m2", "m3", "m4", "m5", "m6"], from!.Messages.Select(m => m.Content));
        Assert.True(from.HasEarlier);

        // Fewer than the limit from m6 on: the newest page instead.
        var few = await Chats.GetMessagePageAsync(userId, chatId, 3, fromId: all[5].Id);
        Assert.Equal(["m4", "m5", "m6"], few!.Messages.Select(m => m.Content));
    }

    [Fact]
    public async Task AnotherUsersChatHasNoPagesAndAnEmptyChatHasAnEmptyOne()
    {
        var (_, chatId) = await ChatWithMessagesAsync(2);
        var mallory = await _app.CreateUserAsync(TestUsers.NewEmail("mallory"));
        Assert.Null(await Chats.GetMessagePageAsync(mallory, chatId, 50));

        var empty = await Chats.CreateChatAsync(mallory, title: "Empty");
        var page = await Chats.GetMessagePageAsync(mallory, empty.Id, 50);
        Assert.Empty(page!.Messages);
        Assert.False(page.HasEarlier);
    }

    [Fact]
    public async Task DeleteAllDeletesEveryChatOfTheUserWithItsMessagesAndNothingOfAnotherUser()
    {
        var (alice, aliceChat) = await ChatWithMessagesAsync(3);
        await Chats.CreateChatAsync(alice, title: "Second");
        var (bob, bobChat) = await ChatWithMessagesAsync(2);

        Assert.Equal(2, await Chats.DeleteAllChatsAsync(alice));

        Assert.Empty(await Chats.ListChatsAsync(alice, 50));
        Assert.Null(await Chats.FindChatAsync(alice, aliceChat));
        await using var db = _app.CreateDbContext();
        Assert.False(await db.Messages.AnyAsync(m => m.ChatId == aliceChat));
        Assert.Equal(2, await db.Messages.CountAsync(m => m.ChatId == bobChat));
        Assert.NotNull(await Chats.FindChatAsync(bob, bobChat));
        Assert.Equal(0, await Chats.DeleteAllChatsAsync(alice));
    }
}
