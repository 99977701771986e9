namespace ChatAi.Tests.Fakes;

/// <summary>
/// Gemini <c>streamGenerateContent?alt=sse</c> bytes as in /work/shared/WIRE.md §2: pretty <c>": "</c>
/// separators, no [DONE]. Events are written here with LF; the server sends them with CRLF.
/// </summary>
public static class GeminiWire
{
    public const string ContentType = "text/event-stream";
    public const string ErrorContentType = "application/json; charset=UTF-8";
    private const string Tail = "\"modelVersion\": \"gemini-2.5-flash\",\"responseId\": \"FAKEresp01\"}\n\n";

    public static string ContentChunk(string text, int promptTokens) =>
        $$"""data: {"candidates": [{"content": {"parts": [{"text": {{OpenAiWire.Json(text)}}}],"role": "model"},"index": 0}],"usageMetadata": {"promptTokenCount": {{promptTokens}},"totalTokenCount": {{promptTokens}},"promptTokensDetails": [{"modality": "TEXT","tokenCount": {{promptTokens}}}]},""" + Tail;

    public static string FinalChunk(string text, string finishReason, int promptTokens, int candidateTokens) =>
        $$"""data: {"candidates": [{"content": {"parts": [{"text": {{OpenAiWire.Json(text)}}}],"role": "model"},"finishReason": "{{finishReason}}","index": 0}],"usageMetadata": {"promptTokenCount": {{promptTokens}},"candidatesTokenCount": {{candidateTokens}},"totalTokenCount": {{promptTokens + candidateTokens}},"promptTokensDetails": [{"modality": "TEXT","tokenCount": {{promptTokens}}}]},""" + Tail;

    public static string PromptBlocked(string blockReason = "SAFETY") =>
        $$"""data: {"promptFeedback": {"blockReason": "{{blockReason}}","safetyRatings": [{"category": "HARM_CATEGORY_SEXUALLY_EXPLICIT","probability": "NEGLIGIBLE"},{"category": "HARM_CATEGORY_HATE_SPEECH","probability": "NEGLIGIBLE"},{"category": "HARM_CATEGORY_HARASSMENT","probability": "NEGLIGIBLE"},{"category": "HARM_CATEGORY_DANGEROUS_CONTENT","probability": "HIGH"}]},"usageMetadata": {"promptTokenCount": 12,"totalTokenCount": 12},"modelVersion": "gemini-2.5-flash","responseId": "FAKEblock1"}""" + "\n\n";

    public const string BlockedFirstPart = "Here is the first part";

    public static string ResponseBlockedFirst() =>
        $$"""data: {"candidates": [{"content": {"parts": [{"text": "{{BlockedFirstPart}}"}],"role": "model"},"index": 0}],"modelVersion": "gemini-2.5-flash","responseId": "FAKEblock2"}""" + "\n\n";

    public static string ResponseBlockedSafety() =>
        """data: {"candidates": [{"finishReason": "SAFETY","index": 0,"safetyRatings": [{"category": "HARM_CATEGORY_DANGEROUS_CONTENT","probability": "HIGH","blocked": true},{"category": "HARM_CATEGORY_HARASSMENT","probability": "NEGLIGIBLE"},{"category": "HARM_CATEGORY_HATE_SPEECH","probability": "NEGLIGIBLE"},{"category": "HARM_CATEGORY_SEXUALLY_EXPLICIT","probability": "NEGLIGIBLE"}]}],"usageMetadata": {"promptTokenCount": 8,"candidatesTokenCount": 5,"totalTokenCount": 13},"modelVersion": "gemini-2.5-flash","responseId": "FAKEblock2"}""" + "\n\n";

    public const string MidStreamError = """{"error": {"code": 500, "message": "An internal error has occurred.", "status": "INTERNAL"}}""";

    public const string ApiKeyInvalid = """
        {
          "error": {
            "code": 400,
            "message": "API key not valid. Please pass a valid API key.",
            "status": "INVALID_ARGUMENT",
            "details": [
              {"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "API_KEY_INVALID", "domain": "googleapis.com", "metadata": {"service": "generativelanguage.googleapis.com"}},
              {"@type": "type.googleapis.com/google.rpc.LocalizedMessage", "locale": "en-US", "message": "API key not valid. Please pass a valid API key."}
            ]
          }
        }
        """;

    public const string ContentsMissing = """{"error": {"code": 400, "message": "* GenerateContentRequest.contents: contents is not specified\n", "status": "INVALID_ARGUMENT"}}""";
    public const string PermissionDenied = """{"error": {"code": 403, "message": "The caller does not have permission", "status": "PERMISSION_DENIED"}}""";
    public const string Internal = """{"error": {"code": 500, "message": "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting", "status": "INTERNAL"}}""";
    public const string Unavailable = """{"error": {"code": 503, "message": "The model is overloaded. Please try again later.", "status": "UNAVAILABLE"}}""";
    public const string DeadlineExceeded = """{"error": {"code": 504, "message": "Deadline expired before operation could complete.", "status": "DEADLINE_EXCEEDED"}}""";

    public static string NotFound(string model) =>
        $$$"""{"error": {"code": 404, "message": "models/{{{model}}} is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.", "status": "NOT_FOUND"}}""";

    /// <summary>A 429 RESOURCE_EXHAUSTED; <paramref name="perDay"/> picks the daily quota id, <paramref name="retryDelay"/> null leaves RetryInfo out.</summary>
    public static string ResourceExhausted(bool perDay, string? retryDelay)
    {
        var quotaId = perDay ? "GenerateRequestsPerDayPerProjectPerModel-FreeTier" : "GenerateRequestsPerMinutePerProjectPerModel-FreeTier";
        var retryInfo = retryDelay is null ? "" : ",\n  {\"@type\": \"type.googleapis.com/google.rpc.RetryInfo\", \"retryDelay\": \"" + retryDelay + "\"}";
        return $$$"""
            {"error": {"code": 429, "message": "You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.", "status": "RESOURCE_EXHAUSTED", "details": [
              {"@type": "type.googleapis.com/google.rpc.QuotaFailure", "violations": [{"quotaMetric": "generativelanguage.googleapis.com/generate_content_free_tier_requests", "quotaId": "{{{quotaId}}}", "quotaDimensions": {"location": "global", "model": "gemini-2.5-flash"}, "quotaValue": "10"}]},
              {"@type": "type.googleapis.com/google.rpc.Help", "links": [{"description": "Learn more about Gemini API quotas", "url": "https://ai.google.dev/gemini-api/docs/rate-limits"}]}{{{retryInfo}}}]}}
            """;
    }
}
