using ChatAi.Core.Chats;
using ChatAi.Core.Chats.Search;
using ChatAi.Core.Data;
using ChatAi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChatAi.Tests.Search;

/// <summary>Search on SQLite (FTS5); Postgres/PostgresSearchTests runs the same scenarios on PostgreSQL (tsvector).</summary>
public sealed class SearchTests() : SearchScenarios(TestDatabase.Sqlite);

/// <summary>Search across a user's chats, once per database: the database's own index, kept in step by the database.</summary>
public abstract class SearchScenarios : IDisposable
{
    private readonly ChatAiApplication _app;
    private ChatService Chats => _app.Chats;

    protected SearchScenarios(Func<TestDatabase> database)
    {
        _app = new ChatAiApplication(database: database());
        _ = _app.Server; // start: migrates the database
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task FindsChatsByTitleFirstThenByMessageTextWithTheWordsHighlighted()
    {
        var user = await _app.CreateUserAsync(TestUsers.NewEmail());
        var trip = await Chats.CreateChatAsync(user, title: "Lisbon trip");
        await Chats.AddUserMessageAsync(user, trip.Id, "Which trams go up to the castle?");
        var food = await Chats.CreateChatAsync(user, title: "Dinner ideas");
        var message = await Chats.AddUserMessageAsync(user, food.Id, "Where do people in Lisbon eat grilled sardines at night?");

        var hits = (await Chats.SearchAsync(user, "lisbon")).Hits;

        Assert.Equal([(trip.Id, (long?)null), (food.Id, message.Id)], hits.Select(h => (h.ChatId, h.MessageId)));
        Assert.Equal("Dinner ideas", hits[1].ChatTitle);
        Assert.Equal(["Lisbon"], Marked(hits[0].Snippet));
        Assert.Equal(["Lisbon"], Marked(hits[1].Snippet));
        Assert.Equal([message.Id], (await Chats.SearchAsync(user, "grilled SARDINES")).Hits.Select(h => h.MessageId));
        Assert.Equal([message.Id], (await Chats.SearchAsync(user, "sard")).Hits.Select(h => h.MessageId)); // the last word is a prefix
        Assert.Empty((await Chats.SearchAsync(user, "sardines castle")).Hits); // every word must match
    }

    [Fact]
    public async Task AnotherUsersWordsAreNeverFound()
    {
        var alice = await _app.CreateUserAsync(TestUsers.NewEmail("alice"));
        var mallory = await _app.CreateUserAsync(TestUsers.NewEmail("mallory"));
        var secret = await Chats.CreateChatAsync(alice, title: "Zanzibar plans");
        await Chats.AddUserMessageAsync(alice, secret.Id, "The zanzibar password is swordfish");
        var own = await Chats.CreateChatAsync(mallory, title: "Groceries");
        await Chats.AddUserMessageAsync(mallory, own.Id, "milk and bread");

        Assert.Empty((await Chats.SearchAsync(mallory, "zanzibar")).Hits);
        Assert.Empty((await Chats.SearchAsync(mallory, "swordfish")).Hits);
        Assert.Equal(2, (await Chats.SearchAsync(alice, "zanzibar")).Hits.Count);
        Assert.All((await Chats.SearchAsync(mallory, "milk")).Hits, h => Assert.Equal(own.Id, h.ChatId));

        // The index holds each row's owner as a token; typing someone's token as text only ever finds one's own words.
        var aliceToken = "u" + Convert.ToHexStringLower(System.Text.Encoding.UTF8.GetBytes(alice));
        var typed = await Chats.AddUserMessageAsync(mallory, own.Id, $"{aliceToken} zanzibar");
        Assert.Equal([typed.Id], (await Chats.SearchAsync(mallory, "zanzibar")).Hits.Select(h => h.MessageId));
        var asTyped = aliceToken[..SearchQuery.MaxTermLength]; // its start, as a prefix: longer words are not searched
        Assert.Equal([typed.Id], (await Chats.SearchAsync(mallory, asTyped)).Hits.Select(h => h.MessageId));
        Assert.Empty((await Chats.SearchAsync(alice, asTyped)).Hits);
    }

    [Fact]
    public async Task EditsRenamesFinishedRepliesAndDeletesKeepTheIndexInStepAndAStreamingReplyIsLeftOutUntilItEnds()
    {
        var user = await _app.CreateUserAsync(TestUsers.NewEmail());
        var chat = await Chats.CreateChatAsync(user, title: "Quartz notes");
        var kept = await Chats.AddUserMessageAsync(user, chat.Id, "obsidian and basalt");
        await using (var db = _app.CreateDbContext())
        {
            // A reply as the generation runner writes it: an empty row, then its text growing (not searchable yet), then
            // its final save, which may write no new text (a stop right after a save) and only end the streaming.
            var reply = new Message { ChatId = chat.Id, Role = MessageRole.Assistant, Content = "", Status = MessageStatus.Streaming, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
            db.Messages.Add(reply);
            await db.SaveChangesAsync();
            await db.Messages.Where(m => m.Id == reply.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Content, "Granite is"));
            Assert.Empty((await Chats.SearchAsync(user, "granite")).Hits);
            await db.Messages.Where(m => m.Id == reply.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Content, "Granite is igneous"));
            await db.Messages.Where(m => m.Id == reply.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MessageStatus.Stopped));
            Assert.Equal([reply.Id], (await Chats.SearchAsync(user, "igneous")).Hits.Select(h => h.MessageId));
            // A finished message whose text changes (an edit) is indexed again.
            await db.Messages.Where(m => m.Id == reply.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Content, "Marble is metamorphic"));
            Assert.Empty((await Chats.SearchAsync(user, "granite")).Hits);
            Assert.Equal([reply.Id], (await Chats.SearchAsync(user, "metamorphic")).Hits.Select(h => h.MessageId));
            await db.Messages.Where(m => m.Id == reply.Id).ExecuteDeleteAsync();
            Assert.Empty((await Chats.SearchAsync(user, "marble")).Hits);

            // A reply that was streaming when its chat goes: deleting it, never indexed, leaves the index whole.
            db.Messages.Add(new Message { ChatId = chat.Id, Role = MessageRole.Assistant, Content = "Slate", Status = MessageStatus.Streaming, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
            Assert.Empty((await Chats.SearchAsync(user, "slate")).Hits);
        }

        await Chats.UpdateChatAsync(user, chat.Id, new ChatUpdate(Title: "Mineral notes"));
        Assert.Empty((await Chats.SearchAsync(user, "quartz")).Hits);
        Assert.Equal([chat.Id], (await Chats.SearchAsync(user, "mineral")).Hits.Select(h => h.ChatId));
        Assert.Equal([kept.Id], (await Chats.SearchAsync(user, "basalt")).Hits.Select(h => h.MessageId));

        Assert.True(await Chats.DeleteChatAsync(user, chat.Id));
        Assert.Empty((await Chats.SearchAsync(user, "mineral")).Hits);
        Assert.Empty((await Chats.SearchAsync(user, "basalt")).Hits);
        var next = await Chats.CreateChatAsync(user, title: "Quarry");
        var found = await Chats.AddUserMessageAsync(user, next.Id, "slate roofs");
        Assert.Equal([found.Id], (await Chats.SearchAsync(user, "slate")).Hits.Select(h => h.MessageId));
    }

    [Fact]
    public async Task ArchivedChatsLeaveTheListsButAreFoundMarkedAsArchivedAndCanBeRestored()
    {
        var user = await _app.CreateUserAsync(TestUsers.NewEmail());
        var other = await _app.CreateUserAsync(TestUsers.NewEmail("other"));
        var chat = await Chats.CreateChatAsync(user, title: "Old project");
        await Chats.AddUserMessageAsync(user, chat.Id, "the heliotrope deadline");
        var kept = await Chats.CreateChatAsync(user, title: "Current");

        Assert.Null(await Chats.SetArchivedAsync(other, chat.Id, true)); // someone else's chat: not found, not archived
        var archived = await Chats.SetArchivedAsync(user, chat.Id, true);

        Assert.True(archived!.Archived);
        Assert.Equal([kept.Id], (await Chats.ListChatsAsync(user, 10)).Select(c => c.Id));
        Assert.Equal([chat.Id], (await Chats.ListArchivedChatsAsync(user, 10)).Select(c => c.Id));
        Assert.Equal([kept.Id], (await Chats.ListChatsCreatedAsync(user, DateTime.UtcNow.AddDays(-1), DateTime.UtcNow.AddDays(1), 10)).Select(c => c.Id));
        var hit = Assert.Single((await Chats.SearchAsync(user, "heliotrope")).Hits);
        Assert.True(hit.Archived);
        Assert.True((await Chats.FindChatAsync(user, chat.Id))!.Archived);

        Assert.False((await Chats.SetArchivedAsync(user, chat.Id, false))!.Archived);
        Assert.Equal(2, (await Chats.ListChatsAsync(user, 10)).Count);
        Assert.Empty(await Chats.ListArchivedChatsAsync(user, 10));
        Assert.False(Assert.Single((await Chats.SearchAsync(user, "heliotrope")).Hits).Archived);
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("\"unterminated phrase")]
    [InlineData("*")]
    [InlineData("alpha*")]
    [InlineData("NEAR(alpha beta)")]
    [InlineData("-alpha")]
    [InlineData("alpha OR beta AND NOT gamma")]
    [InlineData("Content:alpha")]
    [InlineData("^alpha")]
    [InlineData("((((")]
    [InlineData("alpha & !beta | gamma:*")]
    [InlineData("'); DROP TABLE \"Messages\"; --")]
    [InlineData("\\u0000 \0 \u2028")]
    [InlineData("   ")]
    [InlineData("")]
    [InlineData("😀 emoji 🚀")]
    public async Task HostileQueriesNeverFailAndMatchOnlyWords(string query)
    {
        var user = await _app.CreateUserAsync(TestUsers.NewEmail());
        var chat = await Chats.CreateChatAsync(user, title: "Alpha beta");
        await Chats.AddUserMessageAsync(user, chat.Id, "alpha beta gamma near content");

        var page = await Chats.SearchAsync(user, query);

        Assert.All(page.Hits, h => Assert.Equal(chat.Id, h.ChatId));
        await using var db = _app.CreateDbContext();
        Assert.True(await db.Messages.AnyAsync(m => m.ChatId == chat.Id));
    }

    [Fact]
    public async Task AQueryLongerThanTheLimitIsRefusedAndLongMessagesGiveShortSnippets()
    {
        var user = await _app.CreateUserAsync(TestUsers.NewEmail());
        var chat = await Chats.CreateChatAsync(user, title: "Long");
        var words = string.Join(' ', Enumerable.Range(0, 1000).Select(i => $"filler{i}"));
        await Chats.AddUserMessageAsync(user, chat.Id, words + " needle " + words);

        var error = await Assert.ThrowsAsync<ChatException>(() => Chats.SearchAsync(user, new string('a', SearchQuery.MaxLength + 1)));
        Assert.Equal(ChatErrorKind.Validation, error.Kind);
        var hit = Assert.Single((await Chats.SearchAsync(user, new string(' ', 150) + "needle")).Hits);
        Assert.True(hit.Snippet.Text.Length <= SearchSnippet.MaxChars + 4, hit.Snippet.Text);
        Assert.Equal(["needle"], Marked(hit.Snippet));
    }

    [Fact]
    public async Task ResultsArePagedBestFirstThenNewest()
    {
        var user = await _app.CreateUserAsync(TestUsers.NewEmail());
        var chat = await Chats.CreateChatAsync(user, title: "Zoo");
        var ids = new List<long>();
        for (var i = 0; i < 5; i++) ids.Add((await Chats.AddUserMessageAsync(user, chat.Id, $"walrus number {i}")).Id);
        ids.Reverse();

        var first = await Chats.SearchAsync(user, "walrus", limit: 3);
        var second = await Chats.SearchAsync(user, "walrus", limit: 3, offset: 3);

        Assert.True(first.HasMore);
        Assert.False(second.HasMore);
        Assert.Equal(ids, first.Hits.Concat(second.Hits).Select(h => h.MessageId!.Value));
    }

    [Fact]
    public async Task TheNewestHundredMatchesComeBestFirstThenOlderOnesNewestFirstAndPagesNeitherRepeatNorSkip()
    {
        var user = await _app.CreateUserAsync(TestUsers.NewEmail());
        var chat = await Chats.CreateChatAsync(user, title: "Arctic notes");
        var texts = Enumerable.Range(0, SearchRank.Window + 30).Select(i => $"walrus sighting number {i} on the ice floe today").ToList();
        texts[0] = "walrus walrus walrus"; // the best text of all, but older than the newest hundred
        texts[^10] = "walrus walrus on ice"; // the best text of the newest hundred
        var now = DateTime.UtcNow;
        await using (var db = _app.CreateDbContext())
        {
            db.Messages.AddRange(texts.Select((t, i) => new Message
            {
                ChatId = chat.Id, Role = MessageRole.User, Content = t, Status = MessageStatus.Complete, CreatedAt = now.AddSeconds(i), UpdatedAt = now.AddSeconds(i),
            }));
            await db.SaveChangesAsync();
        }
        await using var read = _app.CreateDbContext();
        var ids = await read.Messages.Where(m => m.ChatId == chat.Id).OrderBy(m => m.Id).Select(m => m.Id).ToListAsync();

        var pages = new List<SearchPage>();
        for (var offset = 0; offset < ids.Count; offset += ChatService.MaxSearchPage)
            pages.Add(await Chats.SearchAsync(user, "walrus", limit: ChatService.MaxSearchPage, offset: offset));
        var found = pages.SelectMany(p => p.Hits).Select(h => h.MessageId!.Value).ToList();

        Assert.Equal(ids.Count, found.Distinct().Count());
        Assert.Equal(ids[^10], found[0]);
        Assert.Equal(ids.Skip(ids.Count - SearchRank.Window).Order(), found.Take(SearchRank.Window).Order());
        Assert.Equal(ids.Take(ids.Count - SearchRank.Window).Reverse(), found.Skip(SearchRank.Window));
        Assert.Equal([true, true, false], pages.Select(p => p.HasMore));
    }

    private static IEnumerable<string> Marked(SearchSnippet snippet) => snippet.Highlights.Select(h => snippet.Text.Substring(h.Start, h.Length));
}
