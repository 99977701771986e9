using System.Globalization;
using ChatAi.Core.Data;

namespace ChatAi.Core.Chats;

/// <summary>
/// A chat's own system prompt (instructions), temperature and longest reply in tokens. A null means the
/// configured default (<see cref="Configuration.ChatAiOptions"/>); the same three make up a preset's parameters.
/// </summary>
public sealed record ChatSettings(string? Instructions = null, double? Temperature = null, int? MaxReplyTokens = null)
{
    public const int MaxInstructionsLength = ChatPreset.MaxInstructionsLength;
    public const double MinTemperature = 0;
    public const double MaxTemperature = 2;

    /// <summary>The longest reply a chat may ask for; both providers' current models allow at least this many output tokens.</summary>
    public const int MaxReplyTokensLimit = 65_536;

    public static readonly ChatSettings None = new();

    public bool IsDefault => this == None;

    public static ChatSettings Of(Chat chat) => new(chat.Instructions, chat.Temperature, chat.MaxReplyTokens);

    public static ChatSettings Of(ChatPreset preset) => new(preset.Instructions, preset.Temperature, preset.MaxReplyTokens);

    internal void ApplyTo(Chat chat) => (chat.Instructions, chat.Temperature, chat.MaxReplyTokens) = (Instructions, Temperature, MaxReplyTokens);

    internal void ApplyTo(ChatPreset preset) => (preset.Instructions, preset.Temperature, preset.MaxReplyTokens) = (Instructions, Temperature, MaxReplyTokens);

    /// <summary>These settings checked and tidied (blank instructions become none), or a Validation error naming the field.</summary>
    public ChatSettings Validated() => new(ValidInstructions(Instructions), ValidTemperature(Temperature), ValidMaxReplyTokens(MaxReplyTokens));

    internal static string? ValidInstructions(string? instructions)
    {
        if (string.IsNullOrWhiteSpace(instructions)) return null;
        var trimmed = instructions.Trim();
        if (trimmed.Length > MaxInstructionsLength)
            throw Invalid($"The instructions are longer than the limit of {MaxInstructionsLength} characters.");
        if (trimmed.Contains('\0')) throw Invalid("The instructions contain a NUL character.");
        return trimmed;
    }

    internal static double? ValidTemperature(double? temperature)
    {
        if (temperature is not { } t) return null;
        if (!double.IsFinite(t) || t < MinTemperature || t > MaxTemperature)
            throw Invalid($"The temperature must be a number from {MinTemperature} to {MaxTemperature.ToString(CultureInfo.InvariantCulture)}.");
        return Math.Round(t, 2);
    }

    internal static int? ValidMaxReplyTokens(int? tokens) => tokens is null or (>= 1 and <= MaxReplyTokensLimit)
        ? tokens
        : throw Invalid($"The longest reply must be from 1 to {MaxReplyTokensLimit} tokens.");

    private static ChatException Invalid(string message) => new(ChatErrorKind.Validation, message);
}
