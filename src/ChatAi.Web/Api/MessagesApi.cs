using System.Security.Claims;
using System.Text.Json.Serialization;
using ChatAi.Core.Chats;
using ChatAi.Core.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace ChatAi.Web.Api;

/// <summary>
/// A chat's messages (its current path; each message names its parent and siblings), and adding to its tree: send,
/// edit a user message, regenerate the last reply (each answers with the reply: JSON once done, or Server-Sent Events
/// as it grows), and switch the branch shown.
/// </summary>
internal static class MessagesApi
{
    public static IEndpointRouteBuilder MapMessagesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/chats/{id:guid}").ForApi().WithTags("Messages");
        api.MapGet("/messages", ListMessagesAsync)
            .WithSummary("The chat's current path, oldest first; every message has parent_id and its siblings (other versions).").Errors(404);
        api.MapGet("/messages/{messageId:long}", GetMessageAsync).WithSummary("One message of the chat, on any branch.").Errors(404);
        api.MapPost("/messages", SendMessageAsync).Errors(ApiErrorDocs.Send);
        api.MapPost("/messages/{messageId:long}/edit", EditMessageAsync)
            .WithSummary("Edit a user message: a new version beside it (same parent) with a fresh reply, now the current path; the old version stays.")
            .Errors(ApiErrorDocs.Send);
        api.MapPost("/regenerate", RegenerateAsync)
            .WithSummary("Answer the current path's last user message again: a new reply beside the last one, which stays as a sibling.")
            .Errors(ApiErrorDocs.Send);
        api.MapPut("/branch", SwitchBranchAsync)
            .WithSummary("Show the branch through message_id (down to its newest reply); remembered for every client. Answers the new current path.")
            .Errors([.. ApiErrorDocs.Body, 404, 409, 429]);
        api.MapCompareApi();
        return app;
    }

    private static async Task<Results<Ok<List<MessageDto>>, ProblemHttpResult>> ListMessagesAsync(
        Guid id, ClaimsPrincipal user, ChatService chats, CancellationToken ct) =>
        await chats.GetMessagesAsync(user.Id(), id, ct) is { } messages
            ? TypedResults.Ok(messages.Select(MessageDto.From).ToList())
            : ApiErrors.Problem(StatusCodes.Status404NotFound, ChatException.ChatNotFound().Message);

    private static async Task<Results<Ok<MessageDto>, ProblemHttpResult>> GetMessageAsync(
        Guid id, long messageId, ClaimsPrincipal user, ChatService chats, CancellationToken ct) =>
        await chats.FindMessageAsync(user.Id(), id, messageId, ct) is { } message
            ? TypedResults.Ok(MessageDto.From(message))
            : ApiErrors.Problem(StatusCodes.Status404NotFound, ChatService.MessageNotFound().Message);

    /// <summary>Stores the user's message and answers with the reply: <c>201</c> JSON once it is done, or an SSE stream as it grows.</summary>
    private static Task<Results<Created<MessageDto>, ReplyStreamResult, ProblemHttpResult>> SendMessageAsync(
        Guid id, SendMessageRequest request, HttpContext http, ChatService chats, ReplyService replies, CancellationToken ct) =>
        ReplyAsync(id, http, chats, replies, () => replies.SendAsync(http.User.Id(), id, request.Content, new ModelChoice(request.Provider, request.Model), createChat: false, ct), describe: false, ct);

    private static Task<Results<Created<MessageDto>, ReplyStreamResult, ProblemHttpResult>> EditMessageAsync(
        Guid id, long messageId, SendMessageRequest request, HttpContext http, ChatService chats, ReplyService replies, CancellationToken ct) =>
        ReplyAsync(id, http, chats, replies, () => replies.EditAsync(http.User.Id(), id, messageId, request.Content, new ModelChoice(request.Provider, request.Model), ct), describe: true, ct);

    private static Task<Results<Created<MessageDto>, ReplyStreamResult, ProblemHttpResult>> RegenerateAsync(
        Guid id, RegenerateRequest request, HttpContext http, ChatService chats, ReplyService replies, CancellationToken ct) =>
        ReplyAsync(id, http, chats, replies, () => replies.RegenerateAsync(http.User.Id(), id, new ModelChoice(request.Provider, request.Model), ct), describe: true, ct);

    private static async Task<Results<Ok<List<MessageDto>>, ProblemHttpResult>> SwitchBranchAsync(
        Guid id, SwitchBranchRequest request, HttpContext http, ChatService chats, CancellationToken ct)
    {
        var userId = http.User.Id();
        try
        {
            if (await chats.SwitchBranchAsync(userId, id, request.MessageId, ct: ct) is null)
                return ApiErrors.Problem(StatusCodes.Status404NotFound, ChatException.ChatNotFound().Message);
            var path = await chats.GetMessagesAsync(userId, id, ct);
            return TypedResults.Ok((path ?? []).Select(MessageDto.From).ToList());
        }
        catch (ChatException e)
        {
            return ApiErrors.Problem(http, e);
        }
    }

    /// <summary>
    /// Starts a reply and answers with it: <c>201</c> JSON once it is done, or an SSE stream as it grows. With
    /// <paramref name="describe"/> (a reply that has siblings) the JSON answer reads them; a send's reply has none.
    /// </summary>
    private static async Task<Results<Created<MessageDto>, ReplyStreamResult, ProblemHttpResult>> ReplyAsync(
        Guid id, HttpContext http, ChatService chats, ReplyService replies, Func<Task<Generation>> start, bool describe, CancellationToken ct)
    {
        try
        {
            var generation = await start();
            if (WantsEventStream(http.Request)) return new ReplyStreamResult(replies, generation);

            var outcome = await generation.Completion.WaitAsync(ct);
            if (outcome.Error is { } failure) return ApiErrors.Problem(http, failure);
            await replies.WaitForTitleAsync(id, Replies.TitleWait);
            var reply = describe ? await chats.FindMessageAsync(http.User.Id(), id, outcome.Message.Id, ct) ?? outcome.Message : outcome.Message;
            return TypedResults.Created($"/api/chats/{id}/messages/{reply.Id}", MessageDto.From(reply));
        }
        catch (ChatException e)
        {
            return ApiErrors.Problem(http, e);
        }
    }

    private static bool WantsEventStream(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase));
}

/// <summary><c>{"content": "…", "model": "…"?, "provider": "…"?}</c>; a model alone picks the provider that offers it.</summary>
public sealed record SendMessageRequest(string? Content, string? Model, string? Provider);

/// <summary><c>{}</c>, or <c>{"model": "…", "provider": "…"}</c> to answer with another model.</summary>
public sealed record RegenerateRequest(string? Model, string? Provider);

/// <summary><c>{"message_id": 42}</c>: any message of the chat; the chat then shows the newest path through it.</summary>
public sealed record SwitchBranchRequest([property: JsonPropertyName("message_id")] long MessageId);

/// <summary>
/// A stored message. <c>status</c>: <c>complete</c>, <c>stopped</c>, <c>failed</c>, and also <c>streaming</c>
/// (still generating), <c>blocked</c> (refused by the provider), <c>truncated</c> (length limit), <c>interrupted</c> (server stopped).
/// <c>parent_id</c> is the message it follows (null for a first message); <c>sibling_ids</c> are the versions with the same
/// parent, oldest first (this one included), <c>sibling_index</c> its 1-based place among them: <c>PUT …/branch</c> switches.
/// </summary>
public sealed record MessageDto(
    long Id,
    string Role,
    string Content,
    [property: JsonPropertyName("created_at")] DateTime CreatedAt,
    string Status,
    string? Provider,
    string? Model,
    string? Error,
    TokenUsageDto? Usage,
    [property: JsonPropertyName("parent_id")] long? ParentId,
    [property: JsonPropertyName("sibling_index")] int SiblingIndex,
    [property: JsonPropertyName("sibling_count")] int SiblingCount,
    [property: JsonPropertyName("sibling_ids")] IReadOnlyList<long> SiblingIds)
{
    public static MessageDto From(Message m)
    {
        var siblings = m.Siblings ?? new MessageSiblings(1, [m.Id]);
        return new(m.Id, WireNames.Role(m.Role), m.Content, m.CreatedAt, WireNames.Status(m.Status),
            m.Provider, m.Model, m.Error, TokenUsageDto.From(m), m.ParentId, siblings.Index, siblings.Count, siblings.Ids);
    }
}

public sealed record TokenUsageDto(
    [property: JsonPropertyName("prompt_tokens")] int? PromptTokens,
    [property: JsonPropertyName("completion_tokens")] int? CompletionTokens)
{
    public static TokenUsageDto? From(Message m) =>
        m.PromptTokens is null && m.CompletionTokens is null ? null : new(m.PromptTokens, m.CompletionTokens);
}
