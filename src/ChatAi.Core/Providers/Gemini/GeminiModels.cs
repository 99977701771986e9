using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatAi.Core.Providers.Gemini;

// The subset of the Gemini REST schema (v1beta) that a text chat needs. Unknown fields are ignored,
// so new ones (thoughtSignature, modelVersion, …) do not break parsing.

internal sealed record GeminiRequest(
    IReadOnlyList<GeminiContent> Contents,
    GeminiContent? SystemInstruction,
    GeminiGenerationConfig? GenerationConfig);

internal sealed record GeminiContent(IReadOnlyList<GeminiPart>? Parts, string? Role = null);

/// <param name="Thought">True on a thinking model's reasoning summary, which is not part of the answer.</param>
internal sealed record GeminiPart(string? Text, bool? Thought = null);

internal sealed record GeminiGenerationConfig(int? MaxOutputTokens = null, float? Temperature = null)
{
    /// <summary>The config to send, or null (no <c>generationConfig</c> at all) when nothing in it is set.</summary>
    public static GeminiGenerationConfig? From(Microsoft.Extensions.AI.ChatOptions? options) =>
        options?.MaxOutputTokens is null && options?.Temperature is null ? null : new(options.MaxOutputTokens, options.Temperature);
}

internal sealed record GeminiResponse(
    IReadOnlyList<GeminiCandidate>? Candidates,
    GeminiPromptFeedback? PromptFeedback,
    GeminiUsage? UsageMetadata,
    GeminiError? Error);

internal sealed record GeminiCandidate(GeminiContent? Content, string? FinishReason, int? Index);

internal sealed record GeminiPromptFeedback(string? BlockReason);

internal sealed record GeminiUsage(int? PromptTokenCount, int? CandidatesTokenCount, int? TotalTokenCount);

internal sealed record GeminiErrorEnvelope(GeminiError? Error);

/// <param name="Details">google.rpc detail messages, told apart by their <c>@type</c>.</param>
internal sealed record GeminiError(int? Code, string? Message, string? Status, IReadOnlyList<JsonElement>? Details);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GeminiRequest))]
[JsonSerializable(typeof(GeminiResponse))]
[JsonSerializable(typeof(GeminiErrorEnvelope))]
internal sealed partial class GeminiJsonContext : JsonSerializerContext;
