using ChatAi.Core.Chats;
using ChatAi.Core.Data;

namespace ChatAi.Web.Api;

/// <summary>What a synchronous endpoint needs around a reply: how long to wait for the title.</summary>
internal static class Replies
{
    /// <summary>How long an answer waits for the model-made title of a new chat, so a list fetched next shows it.</summary>
    public static readonly TimeSpan TitleWait = TimeSpan.FromSeconds(3);
}

/// <summary>The wire names of roles and statuses (lower case, as the original back end wrote them).</summary>
internal static class WireNames
{
    public static string Role(MessageRole role) => role == MessageRole.User ? "user" : "assistant";

    public static string Status(MessageStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>The original flat views leave out assistant placeholders that never got any text (failed before the first word).</summary>
    public static bool ShownInOriginalViews(Message message) => message.Role == MessageRole.User || message.Content.Length > 0;
}
