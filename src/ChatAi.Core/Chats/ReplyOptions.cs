using ChatAi.Core.Configuration;
using Microsoft.Extensions.AI;

namespace ChatAi.Core.Chats;

/// <summary>
/// The model request for a chat's reply: its instructions as the system message (M.E.AI's
/// <see cref="ChatOptions.Instructions"/>, which each provider sends in its own wire format), its temperature and
/// longest reply; each falls back to the configured default. Title generation builds its own request and gets none of these.
/// </summary>
public static class ReplyOptions
{
    public static ChatOptions For(string model, ChatSettings? settings, ChatAiOptions defaults) => new()
    {
        ModelId = model,
        Instructions = settings?.Instructions ?? defaults.SystemPrompt,
        Temperature = (float?)(settings?.Temperature ?? defaults.DefaultTemperature),
        MaxOutputTokens = settings?.MaxReplyTokens ?? defaults.DefaultMaxReplyTokens,
    };

    internal static ChatOptions For(Generation generation, ChatAiOptions defaults) => For(generation.Model, generation.Settings, defaults);
}
