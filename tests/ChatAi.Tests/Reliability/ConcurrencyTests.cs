using System.Collections.Concurrent;
using ChatAi.Core.Chats;
using ChatAi.Core.Data;
using ChatAi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace ChatAi.Tests.Reliability;

/// <summary>SQLite under concurrent streams and readers: nothing locked, nothing lost.</summary>
[Trait("Category", "Reliability")]
public sealed class ConcurrencyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task FiftyUsersStreamingAtOnceWithReadersLoseNothing()
    {
        await using var fakes = await FakeProviders.StartAsync();
        // Not the provider timeouts are under test: with both cores busy a healthy stream can pause for seconds.
        using var app = fakes.CreateApp(extra: new Dictionary<string, string?>
        {
            ["ChatAi:Providers:Timeouts:FirstTokenSeconds"] = "60",
            ["ChatAi:Providers:Timeouts:IdleSeconds"] = "60",
        });
        _ = app.Server;
        var users = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => app.CreateUserAsync(TestUsers.NewEmail($"load{i}"))));
        var errors = new ConcurrentQueue<Exception>();
        using var stopReaders = new CancellationTokenSource();
        var reads = 0;

        // Readers: sidebars and chat panes polling while everyone streams.
        var readers = Enumerable.Range(0, 10).Select(r => Task.Run(async () =>
        {
            while (!stopReaders.IsCancellationRequested)
            {
                try
                {
                    var user = users[r * 5];
                    foreach (var chat in await app.Chats.ListChatsAsync(user, 30))
                        await app.Chats.GetMessagesAsync(user, chat.Id);
                    Interlocked.Increment(ref reads);
                }
                catch (Exception e) { errors.Enqueue(e); }
                await Task.Delay(5);
            }
        })).ToList();

        var started = DateTime.UtcNow;
        var outcomes = await Task.WhenAll(users.Select(async (user, i) =>
        {
            try
            {
                var generation = await app.Replies.SendAsync(user, Guid.NewGuid(), $"user {i} says hello to the model with several words",
                    new ModelChoice("openai", "fault-trickle-40"), createChat: true);
                return (await generation.Completion.WaitAsync(TimeSpan.FromSeconds(60))).Message;
            }
            catch (Exception e)
            {
                errors.Enqueue(e);
                return null;
            }
        }));
        var elapsed = DateTime.UtcNow - started;
        await stopReaders.CancelAsync();
        await Task.WhenAll(readers);

        Assert.Empty(errors);
        Assert.All(outcomes, m => Assert.Equal(MessageStatus.Complete, m!.Status));
        await using var db = app.CreateDbContext();
        Assert.Equal(50, await db.Messages.CountAsync(m => m.Role == MessageRole.User));
        var replies = await db.Messages.Where(m => m.Role == MessageRole.Assistant).ToListAsync();
        Assert.Equal(50, replies.Count);
        Assert.All(replies, m => Assert.StartsWith("Echo: user ", m.Content));
        Assert.All(replies, m => Assert.Equal(MessageStatus.Complete, m.Status));
        output.WriteLine($"figure: load (SQLite) | 50 users streaming at once + 10 readers | {elapsed.TotalSeconds:F1} s, {reads} reader sweeps, 0 errors, database is locked: 0 | user messages lost: 0 of 50, replies complete: 50 of 50");
    }

    [Fact]
    public async Task TwoSendsToOneChatAtOnceGiveOneGenerationAndOneClearRefusal()
    {
        await using var fakes = await FakeProviders.StartAsync();
        using var app = fakes.CreateApp();
        _ = app.Server;
        var user = await app.CreateUserAsync(TestUsers.NewEmail());
        var chat = await app.Chats.CreateChatAsync(user);

        for (var round = 0; round < 5; round++)
        {
            var gate = new TaskCompletionSource();
            var sends = Enumerable.Range(0, 2).Select(i => Task.Run(async () =>
            {
                await gate.Task;
                return await app.Replies.SendAsync(user, chat.Id, $"round {round} send {i}", new ModelChoice("openai", "fault-trickle-40"));
            })).ToList();
            gate.SetResult();
            var results = await Task.WhenAll(sends.Select(async s =>
            {
                try { return (Generation?)await s; }
                catch (ChatException e) when (e.Kind == ChatErrorKind.Conflict) { return null; }
            }));
            var started = Assert.Single(results, g => g is not null);
            await started!.Completion.WaitAsync(TimeSpan.FromSeconds(20));
        }
        await using var db = app.CreateDbContext();
        Assert.Equal(5, await db.Messages.CountAsync(m => m.ChatId == chat.Id && m.Role == MessageRole.User));
        Assert.Equal(5, await db.Messages.CountAsync(m => m.ChatId == chat.Id && m.Role == MessageRole.Assistant && m.Status == MessageStatus.Complete));
        output.WriteLine("figure: double send | 5 rounds of 2 simultaneous sends to one chat | 5 generations, 5 clear refusals (409 Conflict) | duplicate replies: 0");
    }
}
