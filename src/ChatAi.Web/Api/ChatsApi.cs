using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Serialization;
using ChatAi.Core.Chats;
using ChatAi.Core.Providers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ChatAi.Web.Api;

/// <summary>The current API's chats: list (keyset-paged), create, read, rename/pin/switch model, archive/restore, delete.</summary>
internal static class ChatsApi
{
    private const int DefaultPageSize = 50;

    public static IEndpointRouteBuilder MapChatsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/chats").ForApi().WithTags("Chats");
        api.MapGet("/", ListChatsAsync).Errors(400);
        api.MapPost("/", CreateChatAsync).Errors([.. ApiErrorDocs.Body, 403, 404, 409, 429]);
        api.MapGet("/{id:guid}", GetChatAsync).Errors(404);
        api.MapPatch("/{id:guid}", UpdateChatAsync).Errors([.. ApiErrorDocs.Body, 404, 429]);
        api.MapDelete("/{id:guid}", DeleteChatAsync).Errors(404);
        api.MapPost("/{id:guid}/archive", (Guid id, HttpContext http, ChatService chats, ModelCatalog models, CancellationToken ct) => SetArchivedAsync(id, true, http, chats, models, ct))
            .WithSummary("Archive a chat: it leaves the list (see ?archived=true) but keeps its messages and is still found by search.").Errors(404, 429);
        api.MapPost("/{id:guid}/restore", (Guid id, HttpContext http, ChatService chats, ModelCatalog models, CancellationToken ct) => SetArchivedAsync(id, false, http, chats, models, ct))
            .WithSummary("Restore an archived chat to the list.").Errors(404, 429);
        return app;
    }

    private static async Task<Results<Ok<ChatListPage>, ProblemHttpResult>> ListChatsAsync(
        [FromQuery] string? limit, [FromQuery] string? before, [FromQuery] bool? pinned, [FromQuery] bool? archived, ClaimsPrincipal user, ChatService chats, ModelCatalog models, CancellationToken ct)
    {
        var size = DefaultPageSize;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > ChatService.MaxPageSize))
            return ApiErrors.Problem(StatusCodes.Status400BadRequest, $"limit must be a whole number from 1 to {ChatService.MaxPageSize}.");
        ChatCursor? cursor = null;
        if (before is not null && !ChatCursor.TryParse(before, out cursor))
            return ApiErrors.Problem(StatusCodes.Status400BadRequest, "before must be the next_cursor of an earlier page.");
        var page = await chats.ListChatsAsync(user.Id(), size, cursor, pinned, archived ?? false, ct);
        var next = page.Count == size ? ChatCursor.After(page[^1]).ToString() : null;
        return TypedResults.Ok(new ChatListPage(page.Select(c => ChatDto.From(c, models)).ToList(), next));
    }

    private static async Task<Results<Created<ChatDto>, ProblemHttpResult>> CreateChatAsync(
        CreateChatRequest request, HttpContext http, ChatService chats, PresetService presets, ModelCatalog models, CancellationToken ct)
    {
        Guid? id = null;
        if (request.Id is not null)
        {
            if (!Guid.TryParse(request.Id, out var parsed)) return ApiErrors.Problem(StatusCodes.Status400BadRequest, "Chat ID must be a UUID.");
            id = parsed;
        }
        if (request.PresetId is not null) return await PresetsApi.CreateChatFromPresetAsync(request, id, http, presets, models, ct);
        try
        {
            var chat = await chats.CreateChatAsync(http.User.Id(), id, request.Title, request.Provider, request.Model, ct);
            return TypedResults.Created($"/api/chats/{chat.Id}", ChatDto.From(chat, models));
        }
        catch (ChatException e)
        {
            return ApiErrors.Problem(http, e);
        }
    }

    private static async Task<Results<Ok<ChatDto>, ProblemHttpResult>> GetChatAsync(Guid id, ClaimsPrincipal user, ChatService chats, ModelCatalog models, CancellationToken ct) =>
        await chats.FindChatAsync(user.Id(), id, ct) is { } chat
            ? TypedResults.Ok(ChatDto.From(chat, models))
            : ApiErrors.Problem(StatusCodes.Status404NotFound, ChatException.ChatNotFound().Message);

    private static async Task<Results<Ok<ChatDto>, ProblemHttpResult>> UpdateChatAsync(
        Guid id, UpdateChatRequest request, HttpContext http, ChatService chats, ModelCatalog models, CancellationToken ct)
    {
        var userId = http.User.Id();
        try
        {
            var chat = await chats.UpdateChatAsync(userId, id, new ChatUpdate(request.Title, request.Pinned, request.Provider, request.Model,
                request.Instructions, request.Temperature, request.MaxReplyTokens), ct);
            return chat is null
                ? ApiErrors.Problem(StatusCodes.Status404NotFound, ChatException.ChatNotFound().Message)
                : TypedResults.Ok(ChatDto.From(chat, models));
        }
        catch (ChatException e)
        {
            return ApiErrors.Problem(http, e);
        }
    }

    private static async Task<Results<Ok<ChatDto>, ProblemHttpResult>> SetArchivedAsync(Guid id, bool archived, HttpContext http, ChatService chats, ModelCatalog models, CancellationToken ct)
    {
        try
        {
            return await chats.SetArchivedAsync(http.User.Id(), id, archived, ct) is { } chat
                ? TypedResults.Ok(ChatDto.From(chat, models))
                : ApiErrors.Problem(StatusCodes.Status404NotFound, ChatException.ChatNotFound().Message);
        }
        catch (ChatException e)
        {
            return ApiErrors.Problem(http, e);
        }
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteChatAsync(Guid id, ClaimsPrincipal user, ChatService chats, CancellationToken ct)
    {
        return await chats.DeleteChatAsync(user.Id(), id, ct)
            ? TypedResults.NoContent()
            : ApiErrors.Problem(StatusCodes.Status404NotFound, ChatException.ChatNotFound().Message);
    }
}

/// <summary>With <c>preset_id</c> the chat takes the preset's model, instructions and parameters (then leave out provider and model).</summary>
public sealed record CreateChatRequest(string? Id, string? Title, string? Provider, string? Model,
    [property: JsonPropertyName("preset_id")] string? PresetId = null);

/// <summary>Fields left out (or null) stay as they are; <c>"instructions": ""</c> clears them (PUT /api/chats/{id}/settings resets all three).</summary>
public sealed record UpdateChatRequest(string? Title, bool? Pinned, string? Provider, string? Model,
    string? Instructions = null, double? Temperature = null, [property: JsonPropertyName("max_reply_tokens")] int? MaxReplyTokens = null);

/// <summary>One page of <c>GET /api/chats</c> (not the chat page of the UI, <c>Components/Pages/ChatPage.razor</c>).</summary>
public sealed record ChatListPage(IReadOnlyList<ChatDto> Chats, [property: JsonPropertyName("next_cursor")] string? NextCursor);

/// <summary>
/// A chat; <c>provider</c>/<c>model</c> are what its next reply will use; <c>archived</c> ones are left out of the list
/// unless asked for. <c>instructions</c>, <c>temperature</c> and <c>max_reply_tokens</c> appear when set, and only on
/// single-chat answers (absent means the server's default).
/// </summary>
public sealed record ChatDto(
    Guid Id,
    string Title,
    [property: JsonPropertyName("created_at")] DateTime CreatedAt,
    [property: JsonPropertyName("updated_at")] DateTime UpdatedAt,
    bool Pinned,
    string Provider,
    string Model,
    bool Archived,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Instructions = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Temperature = null,
    [property: JsonPropertyName("max_reply_tokens"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? MaxReplyTokens = null)
{
    public static ChatDto From(ChatSummary chat, ModelCatalog models)
    {
        var (provider, model) = models.CurrentModel(chat);
        return new(chat.Id, chat.Title, chat.CreatedAt, chat.LastActivityAt, chat.Pinned, provider, model, chat.Archived,
            chat.Settings?.Instructions, chat.Settings?.Temperature, chat.Settings?.MaxReplyTokens);
    }
}
