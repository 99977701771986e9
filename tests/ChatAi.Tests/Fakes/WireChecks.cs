using System.Text.Json;

namespace ChatAi.Tests.Fakes;

/// <summary>
/// What the fakes refuse, as the real APIs do (400 naming the field): a body that is not the provider's request
/// shape, an unknown field, a system prompt, temperature or output limit in the wrong place or out of range
/// (WIRE.md §1 and §2). Null means the request is well formed.
/// </summary>
public static class WireChecks
{
    private static readonly HashSet<string> OpenAiFields =
    [
        "model", "messages", "stream", "stream_options", "temperature", "max_completion_tokens", "max_tokens", "top_p", "n", "stop",
        "presence_penalty", "frequency_penalty", "seed", "user", "tools", "tool_choice", "parallel_tool_calls", "response_format",
        "logprobs", "top_logprobs", "logit_bias", "store", "metadata", "reasoning_effort", "modalities", "service_tier",
    ];
    private static readonly HashSet<string> OpenAiRoles = ["system", "developer", "user", "assistant", "tool"];
    private static readonly HashSet<string> GeminiFields = ["contents", "systemInstruction", "generationConfig", "safetySettings", "tools", "toolConfig", "cachedContent"];
    private static readonly HashSet<string> GeminiConfigFields =
    [
        "temperature", "maxOutputTokens", "topP", "topK", "candidateCount", "stopSequences", "seed", "presencePenalty", "frequencyPenalty",
        "responseMimeType", "responseSchema", "thinkingConfig",
    ];

    /// <summary>An OpenAI Chat Completions request's problem: (message, param).</summary>
    public static (string Message, string? Param)? OpenAi(string body)
    {
        if (Parse(body) is not { } root) return ("We could not parse the JSON body of your request.", null);
        foreach (var field in root.EnumerateObject())
            if (!OpenAiFields.Contains(field.Name)) return ($"Unrecognized request argument supplied: {field.Name}", null);
        if (!root.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.String) return ("you must provide a model parameter", "model");
        if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array || messages.GetArrayLength() == 0)
            return ("'messages' must contain at least one message.", "messages");
        var i = 0;
        foreach (var message in messages.EnumerateArray())
        {
            if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("role", out var role) || !OpenAiRoles.Contains(role.GetString() ?? ""))
                return ($"Invalid value for 'messages[{i}].role'.", $"messages[{i}].role");
            if (!message.TryGetProperty("content", out var content) || content.ValueKind is not (JsonValueKind.String or JsonValueKind.Array))
                return ($"Missing required parameter: 'messages[{i}].content'.", $"messages[{i}].content");
            i++;
        }
        if (Number(root, "temperature") is { } bad) return bad;
        if (root.TryGetProperty("max_tokens", out _) && root.TryGetProperty("max_completion_tokens", out _))
            return ("max_tokens and max_completion_tokens cannot both be set.", "max_tokens");
        return Tokens(root, "max_completion_tokens") ?? Tokens(root, "max_tokens");
    }

    /// <summary>A Gemini generateContent request's problem (the message of its INVALID_ARGUMENT).</summary>
    public static string? Gemini(string body)
    {
        if (Parse(body) is not { } root) return "Invalid JSON payload received.";
        foreach (var field in root.EnumerateObject())
            if (!GeminiFields.Contains(field.Name)) return $"Invalid JSON payload received. Unknown name \"{field.Name}\": Cannot find field.";
        if (!root.TryGetProperty("contents", out var contents) || contents.ValueKind != JsonValueKind.Array || contents.GetArrayLength() == 0)
            return "* GenerateContentRequest.contents: contents is not specified\n";
        if (root.TryGetProperty("systemInstruction", out var system) && !HasTextParts(system))
            return "Invalid value at 'system_instruction': expected a Content with text parts.";
        if (!root.TryGetProperty("generationConfig", out var config)) return null;
        if (config.ValueKind != JsonValueKind.Object) return "Invalid value at 'generation_config': expected an object.";
        foreach (var field in config.EnumerateObject())
            if (!GeminiConfigFields.Contains(field.Name))
                return $"Invalid JSON payload received. Unknown name \"{field.Name}\" at 'generation_config': Cannot find field.";
        if (config.TryGetProperty("temperature", out var t) && (t.ValueKind != JsonValueKind.Number || t.GetDouble() is < 0 or > 2))
            return $"Invalid value at 'generation_config.temperature' ({t.GetRawText()}): must be from 0 to 2.";
        if (config.TryGetProperty("maxOutputTokens", out var max) && (!max.TryGetInt32(out var n) || n < 1))
            return $"Invalid value at 'generation_config.max_output_tokens' ({max.GetRawText()}).";
        return null;
    }

    private static bool HasTextParts(JsonElement content) =>
        content.ValueKind == JsonValueKind.Object && content.TryGetProperty("parts", out var parts) && parts.ValueKind == JsonValueKind.Array
        && parts.GetArrayLength() > 0 && parts.EnumerateArray().All(p => p.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String);

    private static (string, string?)? Number(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && (value.ValueKind != JsonValueKind.Number || value.GetDouble() is < 0 or > 2)
            ? ($"Invalid '{name}': decimal above maximum value. Expected a value <= 2, but got {value.GetRawText()} instead.", name)
            : null;

    private static (string, string?)? Tokens(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && (!value.TryGetInt32(out var n) || n < 1)
            ? ($"Invalid '{name}': integer below minimum value. Expected a value >= 1, but got {value.GetRawText()} instead.", name)
            : null;

    private static JsonElement? Parse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string OpenAiError((string Message, string? Param) problem)
    {
        var param = problem.Param is null ? "null" : OpenAiWire.Json(problem.Param);
        return "{\"error\":{\"message\":" + OpenAiWire.Json(problem.Message) + ",\"type\":\"invalid_request_error\",\"param\":" + param + ",\"code\":null}}";
    }

    public static string GeminiError(string message) =>
        "{\"error\": {\"code\": 400, \"message\": " + OpenAiWire.Json(message) + ", \"status\": \"INVALID_ARGUMENT\"}}";
}

/// <summary>The instructions and parameters a recorded request carried, read from its provider's wire format.</summary>
public sealed record SentSettings(string? System, double? Temperature, int? MaxTokens)
{
    /// <summary>OpenAI: the leading system message, <c>temperature</c>, <c>max_completion_tokens</c> (or the older <c>max_tokens</c>).</summary>
    public static SentSettings FromOpenAi(RecordedRequest request)
    {
        using var document = JsonDocument.Parse(request.Body);
        var root = document.RootElement;
        var first = root.GetProperty("messages")[0];
        var system = first.GetProperty("role").GetString() == "system" ? first.GetProperty("content").GetString() : null;
        var max = root.TryGetProperty("max_completion_tokens", out var m) || root.TryGetProperty("max_tokens", out m) ? m.GetInt32() : (int?)null;
        return new(system, root.TryGetProperty("temperature", out var t) ? Math.Round(t.GetDouble(), 4) : null, max);
    }

    /// <summary>Gemini: <c>systemInstruction</c>'s text, <c>generationConfig.temperature</c> and <c>.maxOutputTokens</c>.</summary>
    public static SentSettings FromGemini(RecordedRequest request)
    {
        using var document = JsonDocument.Parse(request.Body);
        var root = document.RootElement;
        var system = root.TryGetProperty("systemInstruction", out var s)
            ? string.Concat(s.GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("text").GetString()))
            : null;
        if (!root.TryGetProperty("generationConfig", out var config)) return new(system, null, null);
        return new(system,
            config.TryGetProperty("temperature", out var t) ? Math.Round(t.GetDouble(), 4) : null,
            config.TryGetProperty("maxOutputTokens", out var m) ? m.GetInt32() : null);
    }
}
