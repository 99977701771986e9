using ChatAi.Core.Chats;
using ChatAi.Core.Data;
using ChatAi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChatAi.Tests.Chats;

public sealed class QuotaAndRestartTests
{
    [Fact]
    public async Task SendsOverThePerUserLimitAreRefusedWithoutStoringOrCallingTheModel()
    {
        await using var fakes = await FakeProviders.StartAsync();
        using var app = fakes.CreateApp(extra: new Dictionary<string, string?> { ["ChatAi:MaxSendsPerMinute"] = "2" });
        _ = app.Server;
        var user = await app.CreateUserAsync(TestUsers.NewEmail());
        var chatId = Guid.NewGuid();
        for (var i = 0; i < 2; i++)
            await (await app.Replies.SendAsync(user, chatId, $"m{i}", createChat: true)).Completion.WaitAsync(TimeSpan.FromSeconds(10));
        var before = fakes.OpenAi.RequestCount;

        var error = await Assert.ThrowsAsync<ChatException>(() => app.Replies.SendAsync(user, chatId, "one too many"));
        Assert.Equal(ChatErrorKind.RateLimited, error.Kind);
        Assert.True(error.RetryAfter > TimeSpan.Zero);
        Assert.Equal(before, fakes.OpenAi.RequestCount);
        var other = await app.CreateUserAsync(TestUsers.NewEmail());
        await (await app.Replies.SendAsync(other, Guid.NewGuid(), "my own quota", createChat: true)).Completion.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task WithoutAKeyTheMessageIsKeptAndTheReplySaysWhichVariableToSet()
    {
        using var app = new ChatAiApplication();
        _ = app.Server;
        var user = await app.CreateUserAsync(TestUsers.NewEmail());
        var chatId = Guid.NewGuid();
        var generation = await app.Replies.SendAsync(user, chatId, "is anyone there?", createChat: true);
        var outcome = await generation.Completion.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(ChatErrorKind.ProviderNotConfigured, outcome.Error?.Kind);
        Assert.Contains("OPENAI_API_KEY", outcome.Error!.Message);
        var messages = await app.Chats.GetMessagesAsync(user, chatId) ?? [];
        Assert.Equal(["is anyone there?", ""], messages.Select(m => m.Content));
        Assert.Equal(MessageStatus.Failed, messages[1].Status);
        Assert.Contains("OPENAI_API_KEY", messages[1].Error ?? "");
    }

    [Fact]
    public async Task RepliesLeftGeneratingByACrashAreMarkedInterruptedOnStart()
    {
        var file = Path.Combine(Path.GetTempPath(), $"chatai-restart-{Guid.NewGuid():N}.db");
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:ChatAi"] = $"Data Source={file}" };
        Guid chatId;
        using (var first = new ChatAiApplication(settings: settings))
        {
            _ = first.Server;
            var user = await first.CreateUserAsync(TestUsers.NewEmail());
            chatId = (await first.Chats.CreateChatAsync(user)).Id;
            await using var db = first.CreateDbContext();
            db.Messages.Add(new Message { ChatId = chatId, Role = MessageRole.Assistant, Content = "half a", Status = MessageStatus.Streaming, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        // A second app on the same file plays the restart after a crash.
        using var second = new ChatAiApplication(settings: settings);
        _ = second.Server;
        await using var check = second.CreateDbContext();
        var message = await check.Messages.SingleAsync(m => m.ChatId == chatId);
        Assert.Equal(MessageStatus.Interrupted, message.Status);
        Assert.Equal("half a", message.Content);
    }
}
