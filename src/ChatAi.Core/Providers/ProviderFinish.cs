using Microsoft.Extensions.AI;

namespace ChatAi.Core.Providers;

/// <summary>
/// A provider's own finish reason (Gemini's <c>SAFETY</c>, <c>RECITATION</c>, …) beside the
/// <see cref="ChatFinishReason"/> it maps to, carried in the update's additional properties.
/// </summary>
public static class ProviderFinish
{
    public const string DetailKey = "chatai.finish_detail";

    /// <summary>The provider's own reason, else the M.E.AI reason's value (<c>content_filter</c>, <c>length</c>).</summary>
    public static string? DetailOf(ChatResponseUpdate update) =>
        update.AdditionalProperties?.TryGetValue(DetailKey, out var detail) == true && detail is string text
            ? text
            : update.FinishReason?.Value;
}
