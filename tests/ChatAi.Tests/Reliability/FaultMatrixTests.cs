using ChatAi.Core.Chats;
using ChatAi.Core.Data;
using ChatAi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace ChatAi.Tests.Reliability;

/// <summary>
/// Every fault the fake providers can play, through the real clients and ChatService: each ends in a
/// stored, honest status with a readable message, the user's message is kept, and the next send works.
/// </summary>
[Trait("Category", "Reliability")]
public sealed class FaultMatrixTests(ITestOutputHelper output)
{
    // (provider, fault model, how it must end)
    public static readonly (string Provider, string Model, MessageStatus Expected)[] Faults =
    [
        ("openai", "fault-401", MessageStatus.Failed), ("openai", "fault-403", MessageStatus.Failed),
        ("openai", "fault-404", MessageStatus.Failed), ("openai", "fault-400-context", MessageStatus.Failed),
        ("openai", "fault-429-quota", MessageStatus.Failed), ("openai", "fault-429-rate", MessageStatus.Failed),
        ("openai", "fault-429-retry-after-999999", MessageStatus.Failed), ("openai", "fault-429-no-retry-after", MessageStatus.Failed),
        ("openai", "fault-500", MessageStatus.Failed), ("openai", "fault-503", MessageStatus.Failed),
        ("openai", "fault-slow-headers-5000", MessageStatus.Failed), ("openai", "fault-stall-after-2", MessageStatus.Failed),
        ("openai", "fault-truncate-after-2", MessageStatus.Failed), ("openai", "fault-abort-after-2", MessageStatus.Failed),
        ("openai", "fault-error-after-1", MessageStatus.Failed), ("openai", "fault-event-error-after-1", MessageStatus.Failed),
        ("openai", "fault-redirect", MessageStatus.Failed), ("openai", "fault-content-filter", MessageStatus.Blocked),
        ("openai", "fault-length", MessageStatus.Truncated), ("openai", "fault-split-7", MessageStatus.Complete),
        ("openai", "fault-keepalive", MessageStatus.Complete),
        ("gemini", "fault-400-key", MessageStatus.Failed), ("gemini", "fault-400", MessageStatus.Failed),
        ("gemini", "fault-403", MessageStatus.Failed), ("gemini", "fault-404", MessageStatus.Failed),
        ("gemini", "fault-429-minute-1", MessageStatus.Failed), ("gemini", "fault-429-day", MessageStatus.Failed),
        ("gemini", "fault-500", MessageStatus.Failed), ("gemini", "fault-503", MessageStatus.Failed),
        ("gemini", "fault-504", MessageStatus.Failed), ("gemini", "fault-stall-after-1", MessageStatus.Failed),
        ("gemini", "fault-truncate-after-2", MessageStatus.Failed), ("gemini", "fault-abort-after-2", MessageStatus.Failed),
        ("gemini", "fault-error-after-1", MessageStatus.Failed), ("gemini", "fault-redirect", MessageStatus.Failed),
        ("gemini", "fault-block-prompt", MessageStatus.Blocked), ("gemini", "fault-block-midstream", MessageStatus.Blocked),
        ("gemini", "fault-max-tokens", MessageStatus.Truncated), ("gemini", "fault-lf", MessageStatus.Complete),
        ("gemini", "fault-cr", MessageStatus.Complete), ("gemini", "fault-split-7", MessageStatus.Complete),
        ("gemini", "fault-keepalive", MessageStatus.Complete),
    ];

    [Fact]
    public async Task EveryUpstreamFaultEndsHonestlyAndTheNextSendWorks()
    {
        await using var fakes = await FakeProviders.StartAsync();
        var extra = new Dictionary<string, string?> { ["ChatAi:MaxSendsPerMinute"] = "1000", ["ChatAi:MaxConcurrentGenerations"] = "16" };
        foreach (var (provider, models) in new[] { ("OpenAI", "openai"), ("Gemini", "gemini") }.Select(p => (p.Item1, Faults.Where(f => f.Provider == p.Item2).ToList())))
            for (var i = 0; i < models.Count; i++) extra[$"ChatAi:Providers:{provider}:Models:{100 + i}"] = models[i].Model;
        using var app = fakes.CreateApp(extra: extra);
        _ = app.Server;
        var user = await app.CreateUserAsync(TestUsers.NewEmail("faults"));
        var upstreamBefore = fakes.OpenAi.RequestCount + fakes.Gemini.RequestCount;
        var sends = 0;

        await Parallel.ForEachAsync(Faults, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (fault, _) =>
        {
            var chatId = Guid.NewGuid();
            var generation = await app.Replies.SendAsync(user, chatId, $"fault {fault.Model} please", new ModelChoice(fault.Provider, fault.Model), createChat: true);
            var reply = (await generation.Completion.WaitAsync(TimeSpan.FromSeconds(30))).Message;
            Assert.True(fault.Expected == reply.Status, $"{fault.Provider} {fault.Model}: expected {fault.Expected}, got {reply.Status} ({reply.Error})");
            if (reply.Status != MessageStatus.Complete)
            {
                Assert.False(string.IsNullOrWhiteSpace(reply.Error), $"{fault.Model}: no message for the user");
                Assert.DoesNotContain("CANARY", reply.Error);
            }
            // The chat goes on: the next send with a healthy model completes.
            var next = await app.Replies.SendAsync(user, chatId, "and again", new ModelChoice(fault.Provider, fault.Provider == "openai" ? "gpt-4o-mini" : "gemini-2.5-flash"));
            Assert.Equal(MessageStatus.Complete, (await next.Completion.WaitAsync(TimeSpan.FromSeconds(30))).Message.Status);
            Interlocked.Add(ref sends, 2);
        });

        await using var db = app.CreateDbContext();
        var userMessages = await db.Messages.CountAsync(m => m.Role == MessageRole.User);
        Assert.Equal(sends, userMessages);
        Assert.Equal(0, await db.Messages.CountAsync(m => m.Status == MessageStatus.Streaming));
        var upstream = fakes.OpenAi.RequestCount + fakes.Gemini.RequestCount - upstreamBefore;
        output.WriteLine($"figure: faults | {Faults.Length} upstream fault scenarios (OpenAI {Faults.Count(f => f.Provider == "openai")}, Gemini {Faults.Count(f => f.Provider == "gemini")}) | {sends} sends, {upstream} upstream requests incl. retries and titles | user messages lost: {sends - userMessages}, replies stuck generating: 0");
    }
}
