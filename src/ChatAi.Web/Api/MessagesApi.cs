using System.Security.Claims;
using System.Text.Json.Serialization;
using ChatAi.Core.Chats;
using ChatAi.Core.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace ChatAi.Web.Api;

/// <summary>A chat's messages, and sending one: wait for the reply as JSON, or watch it stream as Server-Sent Events.</summary>
internal static class MessagesApi
{
    public static IEndpointRouteBuilder MapMessagesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/chats/{id:guid}/messages").ForApi().WithTags("Messages");
        api.MapGet("/", ListMessagesAsync).Errors(404);
        api.MapGet("/{messageId:long}", GetMessageAsync).Errors(404);
        api.MapPost("/", SendMessageAsync).Errors(ApiErrorDocs.Send);
        return app;
    }

    private static async Task<Results<Ok<List<MessageDto>>, ProblemHttpResult>> ListMessagesAsync(
        Guid id, ClaimsPrincipal user, ChatService chats, CancellationToken ct) =>
        await chats.GetMessagesAsync(user.Id(), id, ct) is { } messages
            ? TypedResults.Ok(messages.Select(MessageDto.From).ToList())
            : ApiErrors.Problem(StatusCodes.Status404NotFound, ChatException.ChatNotFound().Message);

    private static async Task<Results<Ok<MessageDto>, ProblemHttpResult>> GetMessageAsync(
        Guid id, long messageId, ClaimsPrincipal user, ChatService chats, CancellationToken ct) =>
        (await chats.GetMessagesAsync(user.Id(), id, ct))?.FirstOrDefault(m => m.Id == messageId) is { } message
            ? TypedResults.Ok(MessageDto.From(message))
            : ApiErrors.Problem(StatusCodes.Status404NotFound, "Message not found.");

    /// <summary>Stores the user's message and answers with the reply: <c>201</c> JSON once it is done, or an SSE stream as it grows.</summary>
    private static async Task<Results<Created<MessageDto>, ReplyStreamResult, ProblemHttpResult>> SendMessageAsync(
        Guid id, SendMessageRequest request, HttpContext http, ChatService chats, CancellationToken ct)
    {
        var userId = http.User.Id();
        try
        {
            var generation = await chats.SendAsync(userId, id, request.Content, new ModelChoice(request.Provider, request.Model), createChat: false, ct);
            if (WantsEventStream(http.Request)) return new ReplyStreamResult(chats, generation);

            var outcome = await generation.Completion.WaitAsync(ct);
            if (outcome.Error is { } failure) return ApiErrors.Problem(http, failure);
            await chats.WaitForTitleAsync(id, Replies.TitleWait);
            return TypedResults.Created($"/api/chats/{id}/messages/{outcome.Message.Id}", MessageDto.From(outcome.Message));
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

/// <summary>
/// A stored message. <c>status</c>: <c>complete</c>, <c>stopped</c>, <c>failed</c>, and also <c>streaming</c>
/// (still generating), <c>blocked</c> (refused by the provider), <c>truncated</c> (length limit), <c>interrupted</c> (server stopped).
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
    TokenUsageDto? Usage)
{
    public static MessageDto From(Message m) => new(m.Id, WireNames.Role(m.Role), m.Content, m.CreatedAt, WireNames.Status(m.Status),
        m.Provider, m.Model, m.Error, TokenUsageDto.From(m));
}

public sealed record TokenUsageDto(
    [property: JsonPropertyName("prompt_tokens")] int? PromptTokens,
    [property: JsonPropertyName("completion_tokens")] int? CompletionTokens)
{
    public static TokenUsageDto? From(Message m) =>
        m.PromptTokens is null && m.CompletionTokens is null ? null : new(m.PromptTokens, m.CompletionTokens);
}
