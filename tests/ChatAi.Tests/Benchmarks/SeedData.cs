using ChatAi.Core.Data;

namespace ChatAi.Tests.Benchmarks;

/// <summary>Bulk rows for the benchmarks, written straight through EF Core (far faster than one ChatService call each).</summary>
public static class SeedData
{
    /// <summary>
    /// <paramref name="count"/> chats for the user: <paramref name="today"/> of them created in the last minutes,
    /// the rest spread over the past year; <paramref name="pinned"/> of the older ones pinned.
    /// </summary>
    public static async Task AddChatsAsync(BenchHost host, string userId, int count, int today = 0, int pinned = 0, int seed = 1)
    {
        var random = new Random(seed);
        var now = DateTime.UtcNow;
        for (var start = 0; start < count; start += 2000)
        {
            await using var db = await host.DbFactory.CreateDbContextAsync();
            for (var i = start; i < Math.Min(count, start + 2000); i++)
            {
                var created = i < today ? now.AddSeconds(-i - 1) : now.AddDays(-1 - random.NextDouble() * 364);
                var active = i < today ? created : created.AddMinutes(random.Next(0, 600));
                db.Chats.Add(new Chat
                {
                    Id = Guid.CreateVersion7(created),
                    UserId = userId,
                    Title = $"Chat {i}: {Words[i % Words.Length]} and {Words[(i * 7) % Words.Length]}",
                    CreatedAt = created,
                    LastActivityAt = active,
                    Pinned = i >= today && i < today + pinned,
                    Provider = "openai",
                    Model = "gpt-4o-mini",
                });
            }
            await db.SaveChangesAsync();
        }
    }

    /// <summary>A chat of <paramref name="count"/> messages alternating user and assistant; returns the last message's id.</summary>
    public static async Task<long> AddMessagesAsync(BenchHost host, Guid chatId, int count)
    {
        var now = DateTime.UtcNow.AddHours(-1);
        await using var db = await host.DbFactory.CreateDbContextAsync();
        var messages = new List<Message>();
        for (var i = 0; i < count; i++)
        {
            var user = i % 2 == 0;
            messages.Add(new Message
            {
                ChatId = chatId,
                Role = user ? MessageRole.User : MessageRole.Assistant,
                Content = user ? $"Question {i}: how does {Words[i % Words.Length]} relate to {Words[(i * 3) % Words.Length]}?" : AssistantReply(i),
                CreatedAt = now.AddMilliseconds(i),
                UpdatedAt = now.AddMilliseconds(i),
                Status = MessageStatus.Complete,
                Provider = user ? null : "openai",
                Model = user ? null : "gpt-4o-mini",
            });
        }
        db.Messages.AddRange(messages);
        await db.SaveChangesAsync();
        return messages[^1].Id;
    }

    /// <summary>About 120 words of typical markdown: a paragraph, a list and a short code block.</summary>
    private static string AssistantReply(int i) =>
        $"""
        Here is how **{Words[i % Words.Length]}** works, step by step. The short answer is that it depends on the `{Words[(i + 1) % Words.Length]}` setting and on how the data is laid out.

        1. Start with the {Words[(i + 2) % Words.Length]} and check the inputs.
        2. Apply the *{Words[(i + 3) % Words.Length]}* rule to each item.
        3. Compare the result with the expected output.

        ```csharp
        var total = items.Where(x => x.IsValid).Sum(x => x.Value * {i % 10});
        ```

        In practice this covers most cases; see the [documentation](https://example.com/docs/{i}) for the rest.
        """;

    private static readonly string[] Words =
        ["caching", "indexing", "streaming", "routing", "batching", "hashing", "sorting", "parsing", "logging", "retrying", "sharding", "paging"];
}
