using ChatAi.Core.Configuration;
using ChatAi.Core.Data;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

using static ChatAi.Core.Chats.ChatRules;

namespace ChatAi.Core.Chats;

/// <summary>
/// What a turn runs on this instance: the chat is held for it from before its messages are written
/// (<see cref="GenerationRegistry"/>), each reply streams in the background (<see cref="GenerationRunner"/>) and outlives
/// the request that started it, and a new chat's title is asked for beside its first reply (<see cref="TitleGenerator"/>).
/// Stopping a chat's replies, before a delete too, happens here.
/// </summary>
public sealed class ReplyRuns(GenerationRegistry generations, GenerationRunner runner, TitleGenerator titles, IOptions<ChatAiOptions> options)
{
    /// <summary>Holds the chat for this turn's replies on this instance, within the user's limit of replies generating at once.</summary>
    internal void Reserve(string userId, Guid chatId, int replies = 1)
    {
        var limit = options.Value.MaxConcurrentGenerations;
        // A busy chat is a Conflict even when the user's limit is also reached: the chat is what to wait for.
        if (generations.Holds(chatId)) throw StillGenerating();
        if (generations.CountFor(userId) + replies > limit)
            throw new ChatException(ChatErrorKind.RateLimited,
                $"You already have {limit} replies generating. Wait for one to finish.", TimeSpan.FromSeconds(5));
        if (!generations.TryReserve(chatId, userId, replies)) throw StillGenerating();
    }

    /// <summary>Frees the chat at once (its turn could not be stored).</summary>
    internal void Release(Guid chatId) => generations.Release(chatId);

    /// <summary>Adds a reply to its chat's held turn; from now on it is found here and only its end frees the chat.</summary>
    internal void Activate(Generation generation) => generations.Activate(generation);

    /// <summary>Runs an activated reply in the background; it outlives the caller's request.</summary>
    internal void Run(Generation generation, IReadOnlyList<ChatMessage> conversation) =>
        _ = Task.Run(async () =>
        {
            // The chat is free again before anyone learns the reply ended, so an immediate next send is not refused.
            try { await runner.RunAsync(generation, conversation, () => generations.Release(generation)); }
            finally { generations.Release(generation); }
        }, CancellationToken.None);

    /// <summary>No key for the provider: the stored failed reply is the whole answer, and the chat is free at once.</summary>
    internal Generation FinishNotConfigured(Generation generation, Message reply)
    {
        generations.Activate(generation);
        generations.Release(generation);
        generation.Finish(new GenerationOutcome(reply, ReplyEnding.NotConfigured(reply.Error!).Error));
        return generation;
    }

    /// <summary>Asks the model for a title for a chat's first message, beside its reply.</summary>
    internal void StartTitle(string userId, Guid chatId, string fallbackTitle, string provider, string model, string firstMessage) =>
        titles.Start(userId, chatId, fallbackTitle, provider, model, firstMessage);

    internal Task WaitForTitleAsync(Guid chatId, TimeSpan max) => titles.WaitAsync(chatId, max);

    /// <summary>The (first) reply generating here in this chat, if the chat is the caller's.</summary>
    internal Generation? Find(string userId, Guid chatId) => generations.Find(userId, chatId);

    /// <summary>This reply while it generates here, if the chat is the caller's.</summary>
    internal Generation? Find(string userId, Guid chatId, long replyId) => generations.Find(userId, chatId, replyId);

    /// <summary>Stops the replies generating here in this chat (both of a compare), keeping what arrived. False when none is running.</summary>
    internal bool Stop(string userId, Guid chatId)
    {
        var running = generations.FindAll(userId, chatId);
        foreach (var generation in running) generation.Stop(MessageStatus.Stopped);
        return running.Count > 0;
    }

    /// <summary>Stops one reply generating here (one side of a compare), keeping what arrived. False when it is not running here.</summary>
    internal bool Stop(string userId, Guid chatId, long replyId)
    {
        if (generations.Find(userId, chatId, replyId) is not { } generation) return false;
        generation.Stop(MessageStatus.Stopped);
        return true;
    }
}
