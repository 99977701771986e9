using ChatAi.Core.Configuration;
using ChatAi.Core.Data;
using ChatAi.Core.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

using static ChatAi.Core.Chats.ChatRules;

namespace ChatAi.Core.Chats;

/// <summary>Which model to use for a send; nulls mean the chat's current choice, then the default.</summary>
public sealed record ModelChoice(string? Provider = null, string? Model = null);

/// <summary>
/// The replies: send, regenerate, edit and compare store the user's turn, then start its reply (two for a compare) on the
/// server, which outlives the caller; stop ends them. Like <see cref="ChatService"/> (the chats themselves), every call
/// names the acting user and sees only that user's chats: another user's chat answers exactly like one that does not exist.
/// </summary>
public sealed partial class ReplyService(
    IDbContextFactory<ChatAiDbContext> dbFactory,
    IOptions<ChatAiOptions> options,
    TimeProvider clock,
    ChatNotifier notifier,
    ModelCatalog providers,
    UserQuota quota,
    TurnWriter turns,
    ReplyRuns runs)
{
    private ChatAiOptions Options => options.Value;

    private DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Stores the user's message first, then starts the reply on the server and returns at once. The
    /// reply outlives the caller: watch <see cref="Generation"/> or await its completion.
    /// </summary>
    public async Task<Generation> SendAsync(string userId, Guid chatId, string? content, ModelChoice? choice = null,
        bool createChat = false, CancellationToken ct = default)
    {
        var text = ValidContent(content, Options.MaxMessageChars);
        return await StartAsync(userId, chatId, new TurnTarget(text), choice, createChat, ct);
    }

    /// <summary>
    /// Answers the current path's last user message again: a new reply beside the last one, which stays as a sibling
    /// (Regenerate), or the first reply to an unanswered message (Retry).
    /// </summary>
    public Task<Generation> RegenerateAsync(string userId, Guid chatId, ModelChoice? choice = null, CancellationToken ct = default) =>
        StartAsync(userId, chatId, new TurnTarget(null), choice, createChat: false, ct);

    /// <summary>
    /// Edits a sent user message: a new user message with <paramref name="content"/> beside it (same parent), and a reply
    /// to it, which becomes the current path. The original and its replies stay as a sibling branch.
    /// </summary>
    public async Task<Generation> EditAsync(string userId, Guid chatId, long messageId, string? content, ModelChoice? choice = null,
        CancellationToken ct = default)
    {
        var text = ValidContent(content, Options.MaxMessageChars);
        return await StartAsync(userId, chatId, new TurnTarget(text, EditOf: messageId), choice, createChat: false, ct);
    }

    /// <summary>What a turn adds: the user's text (a send, or an edit of <paramref name="EditOf"/>), or none (a new reply only).</summary>
    private sealed record TurnTarget(string? UserText, long? EditOf = null);
}
