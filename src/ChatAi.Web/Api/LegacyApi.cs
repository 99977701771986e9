using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChatAi.Core.Chats;
using ChatAi.Core.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ChatAi.Web.Api;

/// <summary>
/// The original Django back end's endpoints (seed 000), kept byte-compatible: snake_case fields,
/// <c>{"error": …}</c> bodies, paths with or without the trailing slash.
/// </summary>
internal static class LegacyApi
{
    private const int DayListSize = 10;

    public static IEndpointRouteBuilder MapLegacyApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("").ForApi(legacy: true).WithTags("Original API");
        api.MapPost("/prompt_gpt/", PromptGptAsync).Errors(ApiErrorDocs.Send);
        api.MapPost("/prompt_gemini/", PromptGeminiAsync).Errors(ApiErrorDocs.Send);
        api.MapGet("/get_chat_messages/{chat_id}/", GetChatMessagesAsync).Errors(400, 404);
        api.MapGet("/todays_chat/", TodaysChatsAsync).Errors(400);
        api.MapGet("/yesterdays_chat/", YesterdaysChatsAsync).Errors(400);
        api.MapGet("/seven_days_chat/", SevenDaysChatsAsync).Errors(400);
        return app;
    }

    private static Task<Results<Created<PromptReply>, JsonHttpResult<LegacyError>>> PromptGptAsync(
        PromptRequest request, HttpContext http, ReplyService replies, CancellationToken ct) => PromptAsync("openai", request, http, replies, ct);

    private static Task<Results<Created<PromptReply>, JsonHttpResult<LegacyError>>> PromptGeminiAsync(
        PromptRequest request, HttpContext http, ReplyService replies, CancellationToken ct) => PromptAsync("gemini", request, http, replies, ct);

    private static async Task<Results<Created<PromptReply>, JsonHttpResult<LegacyError>>> PromptAsync(
        string provider, PromptRequest request, HttpContext http, ReplyService replies, CancellationToken ct)
    {
        if (request.ChatId is not { ValueKind: not JsonValueKind.Null } idField
            || idField.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(idField.GetString()))
            return ApiErrors.Legacy(StatusCodes.Status400BadRequest, "Chat ID was not provided.");
        if (idField.ValueKind != JsonValueKind.String || !Guid.TryParse(idField.GetString(), out var chatId))
            return ApiErrors.Legacy(StatusCodes.Status400BadRequest, "Chat ID must be a UUID.");
        try
        {
            var generation = await replies.SendAsync(http.User.Id(), chatId, request.Content, new ModelChoice(provider, request.Model), createChat: true, ct);
            var outcome = await generation.Completion.WaitAsync(ct);
            if (outcome.Error is { } failure) return ApiErrors.Legacy(http, failure);
            await replies.WaitForTitleAsync(chatId, Replies.TitleWait);
            return TypedResults.Created((string?)null, new PromptReply(outcome.Message.Content));
        }
        catch (ChatException e)
        {
            return ApiErrors.Legacy(http, e);
        }
    }

    private static async Task<Results<Ok<List<LegacyMessage>>, JsonHttpResult<LegacyError>>> GetChatMessagesAsync(
        [FromRoute(Name = "chat_id")] string chatId, ClaimsPrincipal user, ChatService chats, CancellationToken ct)
    {
        if (!Guid.TryParse(chatId, out var id)) return ApiErrors.Legacy(StatusCodes.Status400BadRequest, "Chat ID must be a UUID.");
        var messages = await chats.GetMessagesAsync(user.Id(), id, ct);
        if (messages is null) return ApiErrors.Legacy(StatusCodes.Status404NotFound, ChatException.ChatNotFound().Message);
        return TypedResults.Ok(messages.Where(WireNames.ShownInOriginalViews).Select(LegacyMessage.From).ToList());
    }

    private static Task<Results<Ok<List<LegacyChat>>, JsonHttpResult<LegacyError>>> TodaysChatsAsync(
        [FromQuery] string? tz, [FromHeader(Name = "X-Timezone")] string? zoneHeader, ClaimsPrincipal user, ChatService chats, UserTimeZones zones, CancellationToken ct) =>
        DayListAsync(DayGroup.Today, Either(tz, zoneHeader), user, chats, zones, ct);

    private static Task<Results<Ok<List<LegacyChat>>, JsonHttpResult<LegacyError>>> YesterdaysChatsAsync(
        [FromQuery] string? tz, [FromHeader(Name = "X-Timezone")] string? zoneHeader, ClaimsPrincipal user, ChatService chats, UserTimeZones zones, CancellationToken ct) =>
        DayListAsync(DayGroup.Yesterday, Either(tz, zoneHeader), user, chats, zones, ct);

    private static Task<Results<Ok<List<LegacyChat>>, JsonHttpResult<LegacyError>>> SevenDaysChatsAsync(
        [FromQuery] string? tz, [FromHeader(Name = "X-Timezone")] string? zoneHeader, ClaimsPrincipal user, ChatService chats, UserTimeZones zones, CancellationToken ct) =>
        DayListAsync(DayGroup.Previous7Days, Either(tz, zoneHeader), user, chats, zones, ct);

    private static string? Either(string? query, string? header) => string.IsNullOrWhiteSpace(query) ? header : query;

    /// <summary>One day list, with "today" computed now, in the caller's zone: asked for, else saved, else the default.</summary>
    private static async Task<Results<Ok<List<LegacyChat>>, JsonHttpResult<LegacyError>>> DayListAsync(
        DayGroup group, string? zoneName, ClaimsPrincipal user, ChatService chats, UserTimeZones zones, CancellationToken ct)
    {
        var userId = user.Id();
        TimeZoneInfo zone;
        if (string.IsNullOrWhiteSpace(zoneName)) zone = await zones.GetUserTimeZoneAsync(userId, ct);
        else if (!TimeZones.TryFind(zoneName.Trim(), out zone))
            return ApiErrors.Legacy(StatusCodes.Status400BadRequest,
                $"Unknown time zone '{(zoneName.Length > 64 ? zoneName[..64] + "…" : zoneName)}'. Use an IANA name such as Europe/Berlin.");
        var (from, to) = DayGroups.Range(group, chats.UtcNow, zone);
        var list = await chats.ListChatsCreatedAsync(userId, from, to, DayListSize, ct);
        return TypedResults.Ok(list.Select(LegacyChat.From).ToList());
    }
}

/// <summary><c>{"chat_id": "&lt;uuid&gt;", "content": "…", "model": "…"?}</c>; the id is read loosely so a wrong type gets the right sentence.</summary>
public sealed record PromptRequest([property: JsonPropertyName("chat_id")] JsonElement? ChatId, string? Content, string? Model);

public sealed record PromptReply(string Reply);

public sealed record LegacyMessage(long Id, string Role, string Content, [property: JsonPropertyName("created_at")] DateTime CreatedAt)
{
    public static LegacyMessage From(Message m) => new(m.Id, WireNames.Role(m.Role), m.Content, m.CreatedAt);
}

public sealed record LegacyChat(Guid Id, string Title, [property: JsonPropertyName("created_at")] DateTime CreatedAt)
{
    public static LegacyChat From(ChatSummary c) => new(c.Id, c.Title, c.CreatedAt);
}
