using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace ChatAi.Web.Api;

/// <summary>
/// The error answers each endpoint documents in the OpenAPI document: the statuses it names with
/// <see cref="Errors"/>, plus 401 for every endpoint behind the API policy and 429 for every rate-limited one,
/// in the shape its family speaks (<c>{"error": …}</c> or problem details).
/// </summary>
internal static class ApiErrorDocs
{
    /// <summary>What a send can answer besides its reply (the error table in API.md).</summary>
    public static readonly int[] Send = [400, 403, 404, 409, 413, 415, 422, 429, 502, 503, 504];

    /// <summary>What reading a JSON body can answer.</summary>
    public static readonly int[] Body = [400, 413, 415];

    public static RouteHandlerBuilder Errors(this RouteHandlerBuilder builder, params int[] statuses) =>
        builder.WithMetadata(new ErrorStatuses(statuses));

    /// <summary>A group convention: turns the statuses into response metadata once the endpoint's metadata is complete.</summary>
    public static void Describe(EndpointBuilder endpoint)
    {
        var metadata = endpoint.Metadata;
        var statuses = metadata.OfType<ErrorStatuses>().SelectMany(e => e.Statuses).ToList();
        if (ApiAuthenticationHandler.Guards(metadata)) statuses.Add(StatusCodes.Status401Unauthorized);
        if (metadata.OfType<EnableRateLimitingAttribute>().Any()) statuses.Add(StatusCodes.Status429TooManyRequests);
        var legacy = metadata.OfType<LegacyErrorFormat>().Any();
        foreach (var status in statuses.Distinct().Order())
            metadata.Add(legacy
                ? new ProducesResponseTypeMetadata(status, typeof(LegacyError), ["application/json"])
                : new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), ["application/problem+json"]));
    }

    private sealed record ErrorStatuses(int[] Statuses);
}
