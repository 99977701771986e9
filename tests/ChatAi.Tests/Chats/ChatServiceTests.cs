using ChatAi.Core.Chats;
using ChatAi.Core.Data;
using ChatAi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChatAi.Tests.Chats;

/// <summary>The chat rules on SQLite; Postgres/PostgresChatServiceTests runs the same scenarios on PostgreSQL.</summary>
public sealed class ChatServiceTests() : ChatServiceScenarios(TestDatabase.Sqlite);

/// <summary>ChatService's scenarios, once per database (each subclass picks one).</summary>
public abstract class ChatServiceScenarios : IDisposable
{
    private readonly ChatAiApplication _app;
    private ChatService Chats => _app.Chats;
    private UserTimeZones Zones => _app.Zones;

    protected ChatServiceScenarios(Func<TestDatabase> database)
    {
        _app = new ChatAiApplication(database: database());
        _ = _app.Server; // start: migrates the database
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task AnotherUsersChatIsNotFoundAndNothingIsWritten()
    {
        var alice = await _app.CreateUserAsync(TestUsers.NewEmail("alice"));
        var mallory = await _app.CreateUserAsync(TestUsers.NewEmail("mallory"));
        var chat = await Chats.CreateChatAsync(alice, title: "Alice's plans");
        await Chats.AddUserMessageAsync(alice, chat.Id, "secret");

        Assert.Null(await Chats.FindChatAsync(mallory, chat.Id));
        Assert.Null(await Chats.GetMessagesAsync(mallory, chat.Id));
        Assert.Null(await Chats.UpdateChatAsync(mallory, chat.Id, new ChatUpdate(Title: "pwned")));
        Assert.False(await Chats.DeleteChatAsync(mallory, chat.Id));
        var send = await Assert.ThrowsAsync<ChatException>(() => Chats.AddUserMessageAsync(mallory, chat.Id, "hi", createChat: true));
        Assert.Equal(ChatErrorKind.NotFound, send.Kind);
        var create = await Assert.ThrowsAsync<ChatException>(() => Chats.CreateChatAsync(mallory, chat.Id));
        Assert.Equal(ChatErrorKind.NotFound, create.Kind);

        await using var db = _app.CreateDbContext();
        var stored = await db.Chats.Include(c => c.Messages).SingleAsync(c => c.Id == chat.Id);
        Assert.Equal("Alice's plans", stored.Title);
        Assert.Equal(alice, stored.UserId);
        Assert.Equal(["secret"], stored.Messages.Select(m => m.Content));
        Assert.Empty(await Chats.ListChatsAsync(mallory, 50));
    }

    [Fact]
    public async Task AClientChosenIdStartsTheChatAndItsFirstWordsBecomeTheTitle()
    {
        var user = await _app.CreateUserAsync(TestUsers.NewEmail());
        var id = Guid.NewGuid();
        await Chats.AddUserMessageAsync(user, id, "  Plan a three day trip to Lisbon in May please", createChat: true);
        var chat = await Chats.FindChatAsync(user, id);
        Assert.NotNull(chat);
        Assert.Equal("Plan a three day trip", chat.Title);
        var messages = await Chats.GetMessagesAsync(user, id);
        Assert.Equal(MessageRole.User, Assert.Single(messages!).Role);
    }

    [Theory]
    [InlineData("", ChatErrorKind.Validation)]
    [InlineData("   \n ", ChatErrorKind.Validation)]
    [InlineData("nul\0byte", ChatErrorKind.Validation)]
    public async Task InvalidMessagesAreRefusedAndNothingIsStored(string content, ChatErrorKind kind)
    {
        var user = await _app.CreateUserAsync(TestUsers.NewEmail());
        var id = Guid.NewGuid();
        var error = await Assert.ThrowsAsync<ChatException>(() => Chats.AddUserMessageAsync(user, id, content, createChat: true));
        Assert.Equal(kind, error.Kind);
        Assert.Null(await Chats.FindChatAsync(user, id));
    }

    [Fact]
    public async Task AMessageOverTheLimitIsTooLarge()
    {
        var user = await _app.CreateUserAsync(TestUsers.NewEmail());
        var error = await Assert.ThrowsAsync<ChatException>(() =>
            Chats.AddUserMessageAsync(user, Guid.NewGuid(), new string('x', 32_001), createChat: true));
        Assert.Equal(ChatErrorKind.TooLarge, error.Kind);
        Assert.Contains("32000", error.Message);
    }

    [Fact]
    public async Task RenamePinAndDeleteChangeOnlyTheOwnersChat()
    {
        var user = await _app.CreateUserAsync(TestUsers.NewEmail());
        var chat = await Chats.CreateChatAsync(user);
        await Chats.AddUserMessageAsync(user, chat.Id, "hello");

        var renamed = await Chats.UpdateChatAsync(user, chat.Id, new ChatUpdate(Title: "  Trip ideas  ", Pinned: true));
        Assert.Equal("Trip ideas", renamed!.Title);
        Assert.True(renamed.Pinned);
        await Assert.ThrowsAsync<ChatException>(() => Chats.UpdateChatAsync(user, chat.Id, new ChatUpdate(Title: new string('t', 201))));
        Assert.Single(await Chats.ListChatsAsync(user, 10, pinned: true));

        Assert.True(await Chats.DeleteChatAsync(user, chat.Id));
        Assert.Null(await Chats.FindChatAsync(user, chat.Id));
        await using var db = _app.CreateDbContext();
        Assert.False(await db.Messages.AnyAsync(m => m.ChatId == chat.Id));
    }

    [Fact]
    public async Task KeysetPagesWalkEveryChatOnceNewestActivityFirst()
    {
        var user = await _app.CreateUserAsync(TestUsers.NewEmail());
        var start = DateTime.UtcNow.AddDays(-30);
        await using (var db = _app.CreateDbContext())
        {
            // Pairs share a timestamp so the id tie-breaker is exercised.
            for (var i = 0; i < 45; i++)
                db.Chats.Add(new Chat { Id = Guid.NewGuid(), UserId = user, Title = $"chat {i}", CreatedAt = start, LastActivityAt = start.AddMinutes(i / 2) });
            await db.SaveChangesAsync();
        }

        var seen = new List<ChatSummary>();
        ChatCursor? cursor = null;
        while (true)
        {
            var page = await Chats.ListChatsAsync(user, 10, cursor);
            if (page.Count == 0) break;
            seen.AddRange(page);
            Assert.True(ChatCursor.TryParse(ChatCursor.After(page[^1]).ToString(), out cursor));
        }
        Assert.Equal(45, seen.Count);
        Assert.Equal(45, seen.Select(c => c.Id).Distinct().Count());
        Assert.Equal(seen.OrderByDescending(c => c.LastActivityAt).Select(c => c.LastActivityAt), seen.Select(c => c.LastActivityAt));
    }

    [Fact]
    public async Task DeletingAUserDeletesTheirChatsAndMessages()
    {
        var user = await _app.CreateUserAsync(TestUsers.NewEmail());
        var chat = await Chats.CreateChatAsync(user);
        await Chats.AddUserMessageAsync(user, chat.Id, "bye");
        await using (var db = _app.CreateDbContext())
        {
            await db.Users.Where(u => u.Id == user).ExecuteDeleteAsync();
        }
        await using var check = _app.CreateDbContext();
        Assert.False(await check.Chats.AnyAsync(c => c.Id == chat.Id));
        Assert.False(await check.Messages.AnyAsync(m => m.ChatId == chat.Id));
    }

    [Fact]
    public async Task TheBrowsersTimeZoneIsSavedAndUnknownZonesAreIgnored()
    {
        var user = await _app.CreateUserAsync(TestUsers.NewEmail());
        Assert.Equal("UTC", (await Zones.GetUserTimeZoneAsync(user)).Id);
        Assert.True(await Zones.SetUserTimeZoneAsync(user, "Asia/Tokyo"));
        Assert.False(await Zones.SetUserTimeZoneAsync(user, "Nowhere/Land"));
        Assert.Equal("Asia/Tokyo", (await Zones.GetUserTimeZoneAsync(user)).Id);
    }
}
