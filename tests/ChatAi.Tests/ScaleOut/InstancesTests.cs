using ChatAi.Core.Chats;
using ChatAi.Core.Data;
using ChatAi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChatAi.Tests.ScaleOut;

/// <summary>Two app instances on one PostgreSQL database, as behind a load balancer.</summary>
public sealed class InstancesTests
{
    [Fact]
    public async Task OneReplyPerChatAcrossInstancesAndStopFromTheOtherInstance()
    {
        await using var fakes = await FakeProviders.StartAsync();
        var database = TestDatabase.Postgres();
        using var a = fakes.CreateApp(database: database);
        using var b = fakes.CreateApp(database: database);
        _ = a.Server;
        _ = b.Server;
        var user = await a.CreateUserAsync(TestUsers.NewEmail());
        var chatId = Guid.NewGuid();

        var onA = await a.Replies.SendAsync(user, chatId, "a long answer please with many words to stream slowly",
            new ModelChoice("openai", "fault-trickle-150"), createChat: true);
        while (onA.Length == 0) await Task.Delay(20);

        // B sees the chat and the reply so far, but cannot start a second reply in it.
        var seenFromB = await b.Chats.GetMessagesAsync(user, chatId);
        Assert.Equal(MessageStatus.Streaming, seenFromB![^1].Status);
        Assert.Null(b.Replies.FindGeneration(user, chatId));
        var refused = await Assert.ThrowsAsync<ChatException>(() => b.Replies.SendAsync(user, chatId, "me too"));
        Assert.Equal(ChatErrorKind.Conflict, refused.Kind);

        // Stop pressed on B reaches the generation on A through the database.
        var stopAsked = DateTime.UtcNow;
        Assert.True(await b.Replies.StopAsync(user, chatId));
        var outcome = await onA.Completion.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(DateTime.UtcNow - stopAsked < TimeSpan.FromSeconds(2.5), "the stop took too long to cross instances");
        Assert.Equal(MessageStatus.Stopped, outcome.Message.Status);
        var final = await b.Chats.GetMessagesAsync(user, chatId);
        Assert.Equal(MessageStatus.Stopped, final![^1].Status);
        Assert.Equal(outcome.Message.Content, final[^1].Content);
        Assert.DoesNotContain(final, m => m.Content == "me too");
    }

    [Fact]
    public async Task OnlyRepliesWhoseInstanceStoppedBeatingAreMarkedInterruptedOnStart()
    {
        var database = TestDatabase.Postgres();
        Guid chatId;
        long live, dead;
        using (var first = new ChatAiApplication(database: database))
        {
            _ = first.Server;
            var user = await first.CreateUserAsync(TestUsers.NewEmail());
            chatId = (await first.Chats.CreateChatAsync(user)).Id;
            var other = (await first.Chats.CreateChatAsync(user)).Id;
            await using var db = first.CreateDbContext();
            var now = DateTime.UtcNow;
            var liveReply = new Message { ChatId = chatId, Role = MessageRole.Assistant, Content = "still going", Status = MessageStatus.Streaming, CreatedAt = now, UpdatedAt = now };
            var deadReply = new Message { ChatId = other, Role = MessageRole.Assistant, Content = "cut off", Status = MessageStatus.Streaming, CreatedAt = now.AddMinutes(-5), UpdatedAt = now.AddMinutes(-5) };
            db.Messages.AddRange(liveReply, deadReply);
            await db.SaveChangesAsync();
            (live, dead) = (liveReply.Id, deadReply.Id);
        }
        using var second = new ChatAiApplication(database: database);
        _ = second.Server;
        await using var check = second.CreateDbContext();
        Assert.Equal(MessageStatus.Streaming, (await check.Messages.SingleAsync(m => m.Id == live)).Status);
        Assert.Equal(MessageStatus.Interrupted, (await check.Messages.SingleAsync(m => m.Id == dead)).Status);
    }
}
