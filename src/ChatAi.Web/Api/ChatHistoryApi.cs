using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Serialization;
using ChatAi.Core.Chats;
using ChatAi.Core.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ChatAi.Web.Api;

/// <summary>The original flat message log (seed 003), backed by the user's default chat.</summary>
internal static class ChatHistoryApi
{
    private const int DefaultLimit = 100;
    private const int MaxLimit = 500;

    public static IEndpointRouteBuilder MapChatHistoryApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/chat").ForApi(legacy: true).WithTags("Original API (chat history)");
        api.MapGet("/history/", GetHistoryAsync).Errors(400);
        api.MapPost("/history/", AddToHistoryAsync).Errors([.. ApiErrorDocs.Body, 403, 429]);
        api.MapPost("/message/", SendMessageAsync).Errors(ApiErrorDocs.Send);
        return app;
    }

    private static async Task<Results<Ok<List<HistoryRecord>>, JsonHttpResult<LegacyError>>> GetHistoryAsync(
        [FromQuery] string? limit, [FromQuery(Name = "before_id")] string? beforeId, ClaimsPrincipal user, LegacyMessageLog log, CancellationToken ct)
    {
        var size = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size < 1))
            return ApiErrors.Legacy(StatusCodes.Status400BadRequest, $"limit must be a whole number from 1 to {MaxLimit}.");
        long? before = null;
        if (beforeId is not null)
        {
            if (!long.TryParse(beforeId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id < 1)
                return ApiErrors.Legacy(StatusCodes.Status400BadRequest, "before_id must be a message id (a whole number).");
            before = id;
        }
        var page = await log.ListUserMessagesAsync(user.Id(), Math.Min(size, MaxLimit), before, ct);
        return TypedResults.Ok(page.Select(HistoryRecord.From).ToList());
    }

    private static async Task<Results<Created<HistoryRecord>, JsonHttpResult<LegacyError>>> AddToHistoryAsync(
        HistoryRequest request, HttpContext http, LegacyMessageLog log, CancellationToken ct)
    {
        var userId = http.User.Id();
        try
        {
            var message = await log.AddToMessageLogAsync(userId, request.Message, ct);
            return TypedResults.Created((string?)null, HistoryRecord.From(message));
        }
        catch (ChatException e)
        {
            return ApiErrors.Legacy(http, e);
        }
    }

    private static async Task<Results<Ok<HistoryRecord>, JsonHttpResult<LegacyError>>> SendMessageAsync(
        ChatMessageRequest request, HttpContext http, ReplyService replies, LegacyMessageLog log, CancellationToken ct)
    {
        var (text, provider, model) = request;
        var userId = http.User.Id();
        try
        {
            var generation = await log.SendToMessageLogAsync(userId, text, new ModelChoice(provider, model), ct);
            var outcome = await generation.Completion.WaitAsync(ct);
            if (outcome.Error is { } failure) return ApiErrors.Legacy(http, failure);
            await replies.WaitForTitleAsync(generation.ChatId, Replies.TitleWait);
            return TypedResults.Ok(HistoryRecord.From(outcome.Message));
        }
        catch (ChatException e)
        {
            return ApiErrors.Legacy(http, e);
        }
    }
}

/// <summary><c>{"message": "…"}</c>; <c>id</c>, <c>timestamp</c> and <c>role</c> are read-only and ignored if sent.</summary>
public sealed record HistoryRequest(string? Message);

/// <summary><c>{"message": "…", "provider": "openai"|"gemini"?, "model": "…"?}</c></summary>
public sealed record ChatMessageRequest(string? Message, string? Provider, string? Model);

public sealed record HistoryRecord(long Id, string Message, DateTime Timestamp, string Role, [property: JsonPropertyName("chat_id")] Guid ChatId)
{
    public static HistoryRecord From(Message m) => new(m.Id, m.Content, m.CreatedAt, WireNames.Role(m.Role), m.ChatId);
}
