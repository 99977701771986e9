using System.Collections.Concurrent;
using ChatAi.Core.Data;
using ChatAi.Core.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace ChatAi.Core.Chats;

/// <summary>
/// Asks the model for a short title after a chat's first message, beside the reply: it never delays
/// or fails the reply, and when it fails the first-words title simply stays.
/// </summary>
public sealed class TitleGenerator(
    IDbContextFactory<ChatAiDbContext> dbFactory, ModelClients clients, ChatNotifier notifier, ILogger<TitleGenerator> logger)
{
    private const string Instruction =
        "Write a title of at most 5 words for a conversation that starts with the user's message. " +
        "Reply with the title only: no quotes, no punctuation at the end, no markdown.";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly ConcurrentDictionary<Guid, Task> _pending = new();

    public void Start(string userId, Guid chatId, string fallbackTitle, string provider, string model, string firstMessage)
    {
        var task = Task.Run(() => RunAsync(userId, chatId, fallbackTitle, provider, model, firstMessage));
        _pending[chatId] = task;
        _ = task.ContinueWith(_ => _pending.TryRemove(new KeyValuePair<Guid, Task>(chatId, task)), TaskScheduler.Default);
    }

    /// <summary>Waits (bounded) for a chat's title, so a synchronous API answer can list the chat with it.</summary>
    public Task WaitAsync(Guid chatId, TimeSpan max) =>
        _pending.TryGetValue(chatId, out var task) ? Task.WhenAny(task, Task.Delay(max)) : Task.CompletedTask;

    private async Task RunAsync(string userId, Guid chatId, string fallbackTitle, string provider, string model, string firstMessage)
    {
        try
        {
            using var timeout = new CancellationTokenSource(Timeout);
            var excerpt = firstMessage.Length > 2000 ? firstMessage[..2000] : firstMessage;
            var request = new ChatOptions { ModelId = model, Instructions = Instruction, MaxOutputTokens = 20 };
            var response = await clients.For(provider).GetResponseAsync([new ChatMessage(ChatRole.User, excerpt)], request, timeout.Token);
            var title = Clean(response.Text);
            if (title is null) return;
            await using var db = await dbFactory.CreateDbContextAsync();
            // Only replace the automatic title: a rename by the user in the meantime wins.
            var updated = await db.Chats.Where(c => c.Id == chatId && c.UserId == userId && c.Title == fallbackTitle)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Title, title));
            if (updated == 0) return;
            // The sidebar and the open chat's header both show the title; the reply may have finished already.
            notifier.ChatListChanged(userId);
            notifier.ChatChanged(chatId);
        }
        catch (Exception e) when (e is ModelProviderException or OperationCanceledException or DbUpdateException)
        {
            logger.LogInformation("No model title for chat {ChatId} ({Reason}); keeping the first words", chatId, e.GetType().Name);
        }
    }

    /// <summary>At most five plain words from the model's answer, or null when nothing usable came back.</summary>
    internal static string? Clean(string raw)
    {
        var line = raw.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        var plain = new string(line.Where(c => !char.IsControl(c) && c is not ('"' or '*' or '#' or '`' or '<' or '>' or '“' or '”')).ToArray());
        if (plain.StartsWith("Title:", StringComparison.OrdinalIgnoreCase)) plain = plain[6..];
        var title = Titles.FromFirstWords(plain).TrimEnd('.', '!', ':', ';', ',');
        return title.Length == 0 || title == ChatService.NewChatTitle ? null : title;
    }
}
