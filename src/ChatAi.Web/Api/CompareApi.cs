using System.Security.Claims;
using System.Text.Json.Serialization;
using ChatAi.Core.Chats;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatAi.Web.Api;

/// <summary>
/// Compare: one message answered by two models at once, and stopping one reply. The answer comes at once with the
/// user message and both reply ids; each reply is then read with <c>GET …/messages/{id}</c> (<c>status</c>
/// <c>streaming</c> while it grows) and the user picks one with <c>PUT …/branch</c>.
/// </summary>
internal static class CompareApi
{
    public static RouteGroupBuilder MapCompareApi(this RouteGroupBuilder api)
    {
        api.MapPost("/compare", CompareAsync)
            .WithSummary("Send one message to two different models at once: both replies generate side by side, as siblings under it. "
                + "The chat shows the first until another is picked with PUT …/branch.")
            .Errors([.. ApiErrorDocs.Body, 403, 404, 409, 429]);
        api.MapPost("/messages/{messageId:long}/stop", StopAsync)
            .WithSummary("Stop one reply that is generating (one side of a compare), keeping what arrived.").Errors(404, 409);
        return api;
    }

    private static async Task<Results<Created<CompareResponse>, ProblemHttpResult>> CompareAsync(
        Guid id, CompareRequest request, HttpContext http, ReplyService replies, CancellationToken ct)
    {
        if (request.Models is not [{ } first, { } second])
            return ApiErrors.Problem(StatusCodes.Status400BadRequest, "Name exactly two models to compare: \"models\": [{provider, model}, {provider, model}].");
        try
        {
            var turn = await replies.CompareAsync(http.User.Id(), id, request.Content,
                new ModelChoice(first.Provider, first.Model), new ModelChoice(second.Provider, second.Model), ct: ct);
            var sides = new[] { turn.First, turn.Second }.Select(g => new CompareReplyDto(g.MessageId, g.Provider, g.Model)).ToList();
            return TypedResults.Created($"/api/chats/{id}/messages/{turn.First.MessageId}", new CompareResponse(MessageDto.From(turn.UserMessage), sides));
        }
        catch (ChatException e)
        {
            return ApiErrors.Problem(http, e);
        }
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> StopAsync(
        Guid id, long messageId, ClaimsPrincipal user, ChatService chats, ReplyService replies, CancellationToken ct)
    {
        if (await replies.StopReplyAsync(user.Id(), id, messageId, ct)) return TypedResults.NoContent();
        return await chats.FindMessageAsync(user.Id(), id, messageId, ct) is null
            ? ApiErrors.Problem(StatusCodes.Status404NotFound, ChatService.MessageNotFound().Message)
            : ApiErrors.Problem(StatusCodes.Status409Conflict, "This reply is not generating.");
    }
}

/// <summary><c>{"content": "…", "models": [{"provider": "openai", "model": "gpt-4o-mini"}, {"provider": "gemini", "model": "gemini-2.5-flash"}]}</c>.</summary>
public sealed record CompareRequest(string? Content, List<CompareModel?>? Models);

/// <summary>One side of a compare; a model alone picks the provider that offers it, a provider alone its default model.</summary>
public sealed record CompareModel(string? Provider, string? Model);

/// <summary>The stored user message and its two replies (generating), in the order the models were given.</summary>
public sealed record CompareResponse([property: JsonPropertyName("user_message")] MessageDto UserMessage, IReadOnlyList<CompareReplyDto> Replies);

/// <summary>A compare reply: follow it with <c>GET /api/chats/{id}/messages/{id}</c>, stop it with <c>POST …/messages/{id}/stop</c>.</summary>
public sealed record CompareReplyDto(long Id, string Provider, string Model);
