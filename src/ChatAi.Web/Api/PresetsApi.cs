using System.Security.Claims;
using System.Text.Json.Serialization;
using ChatAi.Core.Chats;
using ChatAi.Core.Providers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatAi.Web.Api;

/// <summary>The current API's presets (named instructions, model and parameters for new chats), and a chat's settings as a whole.</summary>
internal static class PresetsApi
{
    public static IEndpointRouteBuilder MapPresetsApi(this IEndpointRouteBuilder app)
    {
        var presets = app.MapGroup("/api/presets").ForApi().WithTags("Presets");
        presets.MapGet("/", ListAsync);
        presets.MapPost("/", CreateAsync).Errors([.. ApiErrorDocs.Body, 403, 409, 429]);
        presets.MapGet("/{id:guid}", GetAsync).Errors(404);
        presets.MapPut("/{id:guid}", UpdateAsync).Errors([.. ApiErrorDocs.Body, 404, 409, 429]);
        presets.MapDelete("/{id:guid}", DeleteAsync).Errors(404, 429);

        var settings = app.MapGroup("/api/chats").ForApi().WithTags("Chats");
        settings.MapPut("/{id:guid}/settings", SetChatSettingsAsync).Errors([.. ApiErrorDocs.Body, 404, 429]);
        return app;
    }

    /// <summary><c>POST /api/chats</c> with <c>preset_id</c> (ChatsApi hands it over).</summary>
    internal static async Task<Results<Created<ChatDto>, ProblemHttpResult>> CreateChatFromPresetAsync(
        CreateChatRequest request, Guid? id, HttpContext http, PresetService presets, ModelCatalog models, CancellationToken ct)
    {
        if (!Guid.TryParse(request.PresetId, out var presetId)) return NotFound(http, PresetService.PresetNotFound());
        if (request.Provider is not null || request.Model is not null)
            return ApiErrors.Problem(StatusCodes.Status400BadRequest, "Give either preset_id or provider/model: a preset brings its own model.");
        try
        {
            var chat = await presets.CreateChatFromPresetAsync(http.User.Id(), presetId, id, request.Title, ct);
            return TypedResults.Created($"/api/chats/{chat.Id}", ChatDto.From(chat, models));
        }
        catch (ChatException e)
        {
            return ApiErrors.Problem(http, e);
        }
    }

    private static async Task<Ok<PresetList>> ListAsync(ClaimsPrincipal user, PresetService presets, CancellationToken ct) =>
        TypedResults.Ok(new PresetList((await presets.ListPresetsAsync(user.Id(), ct)).Select(PresetDto.From).ToList()));

    private static async Task<Results<Ok<PresetDto>, ProblemHttpResult>> GetAsync(Guid id, HttpContext http, PresetService presets, CancellationToken ct) =>
        await presets.FindPresetAsync(http.User.Id(), id, ct) is { } preset ? TypedResults.Ok(PresetDto.From(preset)) : NotFound(http, PresetService.PresetNotFound());

    private static async Task<Results<Created<PresetDto>, ProblemHttpResult>> CreateAsync(PresetRequest request, HttpContext http, PresetService presets, CancellationToken ct)
    {
        try
        {
            var preset = await presets.CreatePresetAsync(http.User.Id(), request.ToInput(), ct);
            return TypedResults.Created($"/api/presets/{preset.Id}", PresetDto.From(preset));
        }
        catch (ChatException e)
        {
            return ApiErrors.Problem(http, e);
        }
    }

    private static async Task<Results<Ok<PresetDto>, ProblemHttpResult>> UpdateAsync(
        Guid id, PresetRequest request, HttpContext http, PresetService presets, CancellationToken ct)
    {
        try
        {
            return await presets.UpdatePresetAsync(http.User.Id(), id, request.ToInput(), ct) is { } preset
                ? TypedResults.Ok(PresetDto.From(preset))
                : NotFound(http, PresetService.PresetNotFound());
        }
        catch (ChatException e)
        {
            return ApiErrors.Problem(http, e);
        }
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, HttpContext http, PresetService presets, CancellationToken ct)
    {
        try
        {
            return await presets.DeletePresetAsync(http.User.Id(), id, ct) ? TypedResults.NoContent() : NotFound(http, PresetService.PresetNotFound());
        }
        catch (ChatException e)
        {
            return ApiErrors.Problem(http, e);
        }
    }

    private static async Task<Results<Ok<ChatDto>, ProblemHttpResult>> SetChatSettingsAsync(
        Guid id, ChatSettingsRequest request, HttpContext http, ChatService chats, ModelCatalog models, CancellationToken ct)
    {
        try
        {
            return await chats.SetChatSettingsAsync(http.User.Id(), id, request.ToSettings(), ct) is { } chat
                ? TypedResults.Ok(ChatDto.From(chat, models))
                : NotFound(http, ChatException.ChatNotFound());
        }
        catch (ChatException e)
        {
            return ApiErrors.Problem(http, e);
        }
    }

    private static ProblemHttpResult NotFound(HttpContext http, ChatException e) => ApiErrors.Problem(http, e);
}

/// <summary>A chat's three settings at once; a null or missing field goes back to the server's default.</summary>
public sealed record ChatSettingsRequest(string? Instructions, double? Temperature, [property: JsonPropertyName("max_reply_tokens")] int? MaxReplyTokens)
{
    public ChatSettings ToSettings() => new(Instructions, Temperature, MaxReplyTokens);
}

/// <summary>A whole preset (PUT replaces every field); nulls mean the server's defaults.</summary>
public sealed record PresetRequest(
    string? Name, string? Instructions, string? Provider, string? Model, double? Temperature,
    [property: JsonPropertyName("max_reply_tokens")] int? MaxReplyTokens)
{
    public PresetInput ToInput() => new(Name, new ChatSettings(Instructions, Temperature, MaxReplyTokens), Provider, Model);
}

public sealed record PresetList(IReadOnlyList<PresetDto> Presets);

public sealed record PresetDto(
    Guid Id, string Name, string? Instructions, string? Provider, string? Model, double? Temperature,
    [property: JsonPropertyName("max_reply_tokens")] int? MaxReplyTokens,
    [property: JsonPropertyName("created_at")] DateTime CreatedAt)
{
    public static PresetDto From(PresetSummary p) =>
        new(p.Id, p.Name, p.Settings.Instructions, p.Provider, p.Model, p.Settings.Temperature, p.Settings.MaxReplyTokens, p.CreatedAt);
}
