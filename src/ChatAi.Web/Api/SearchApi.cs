using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Serialization;
using ChatAi.Core.Chats;
using ChatAi.Core.Chats.Search;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ChatAi.Web.Api;

/// <summary><c>GET /api/search?q=</c>: the caller's chats and messages that contain every word, archived chats included.</summary>
internal static class SearchApi
{
    private const int DefaultPageSize = 20;

    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/search").ForApi().WithTags("Search");
        api.MapGet("/", SearchAsync)
            .WithSummary("Search titles and messages of all the caller's chats.")
            .WithDescription("Every word of q must match (the last also as a prefix); punctuation is ignored. Chats whose title matches come first, " +
                "then messages, each best match and newest first. A snippet is plain text; highlights are [start, length] ranges of it in UTF-16 code units.")
            .Errors(400);
        return app;
    }

    private static async Task<Results<Ok<SearchResponse>, ProblemHttpResult>> SearchAsync(
        [FromQuery] string? q, [FromQuery] string? limit, [FromQuery] string? offset, HttpContext http, ClaimsPrincipal user, ChatService chats, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(q)) return ApiErrors.Problem(StatusCodes.Status400BadRequest, "q must name what to search for.");
        if (q.Length > SearchQuery.MaxLength) return ApiErrors.Problem(StatusCodes.Status400BadRequest, $"q must be at most {SearchQuery.MaxLength} characters.");
        var size = DefaultPageSize;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > ChatService.MaxSearchPage))
            return ApiErrors.Problem(StatusCodes.Status400BadRequest, $"limit must be a whole number from 1 to {ChatService.MaxSearchPage}.");
        var skip = 0;
        if (offset is not null && (!int.TryParse(offset, NumberStyles.None, CultureInfo.InvariantCulture, out skip) || skip > ChatService.MaxSearchOffset))
            return ApiErrors.Problem(StatusCodes.Status400BadRequest, $"offset must be a whole number from 0 to {ChatService.MaxSearchOffset}.");
        try
        {
            var page = await chats.SearchAsync(user.Id(), q, size, skip, ct);
            return TypedResults.Ok(new SearchResponse(page.Hits.Select(SearchResultDto.From).ToList(), page.HasMore ? skip + size : null));
        }
        catch (ChatException e)
        {
            return ApiErrors.Problem(http, e);
        }
    }
}

public sealed record SearchResponse(IReadOnlyList<SearchResultDto> Results, [property: JsonPropertyName("next_offset")] int? NextOffset);

/// <summary>One match: <c>message_id</c> is null when the chat's title matched.</summary>
public sealed record SearchResultDto(
    [property: JsonPropertyName("chat_id")] Guid ChatId,
    string Title,
    [property: JsonPropertyName("message_id")] long? MessageId,
    string Snippet,
    IReadOnlyList<int[]> Highlights,
    bool Archived,
    DateTime At)
{
    public static SearchResultDto From(SearchHit hit) => new(hit.ChatId, hit.ChatTitle, hit.MessageId, hit.Snippet.Text,
        hit.Snippet.Highlights.Select(h => new[] { h.Start, h.Length }).ToList(), hit.Archived, hit.At);
}
