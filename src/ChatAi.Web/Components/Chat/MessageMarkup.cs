using System.Globalization;
using System.Net;
using System.Text;
using ChatAi.Core.Data;
using ChatAi.Web.Rendering;
using Microsoft.AspNetCore.Components;

namespace ChatAi.Web.Components.Chat;

/// <summary>
/// What a message shows that never handles an event (a reply's model label and time, its text, its status), as one
/// piece of markup: the same elements <see cref="MessageItem"/> renders, in one render frame instead of about ten, so a
/// finished message in <see cref="MessageList"/> needs no component of its own (bench figure 6).
/// </summary>
internal static class MessageMarkup
{
    /// <summary>The time a message was written, in the reader's zone, as shown on hover.</summary>
    public static string Time(Message message, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(message.CreatedAt, DateTimeKind.Utc), zone)
            .ToString("ddd d MMM yyyy, HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Why a reply did not complete; null for a complete or streaming one.</summary>
    public static string? StatusText(Message message) => message.Status switch
    {
        MessageStatus.Complete or MessageStatus.Streaming => null,
        MessageStatus.Stopped => "Stopped.",
        MessageStatus.Truncated => message.Error ?? "The reply hit the length limit.",
        MessageStatus.Blocked => message.Error ?? "The provider refused to answer.",
        MessageStatus.Interrupted => message.Error ?? "The reply was interrupted.",
        _ => message.Error ?? "The reply failed.",
    };

    public static string ArticleClass(Message message) => message.Role == MessageRole.User ? "message message-user" : "message message-assistant";

    public static string StatusName(MessageStatus status) => status switch
    {
        MessageStatus.Complete => "complete",
        MessageStatus.Streaming => "streaming",
        _ => status.ToString().ToLowerInvariant(),
    };

    /// <summary>The label, text and status of a finished message: user text escaped, a reply's markdown made safe by MarkdownRenderer.</summary>
    public static MarkupString Body(Message message, TimeZoneInfo zone)
    {
        var time = WebUtility.HtmlEncode(Time(message, zone));
        var html = new StringBuilder();
        if (message.Role == MessageRole.User)
        {
            html.Append("<div class=\"message-text\" title=\"").Append(time).Append("\">").Append(WebUtility.HtmlEncode(message.Content)).Append("</div>");
        }
        else
        {
            html.Append("<div class=\"message-model\" title=\"").Append(time).Append("\">").Append(Svg.Provider(message.Provider).Value)
                .Append("<span class=\"message-model-name\">").Append(WebUtility.HtmlEncode(message.Model ?? "Assistant")).Append("</span>")
                .Append("<time datetime=\"").Append(message.CreatedAt.ToString("O", CultureInfo.InvariantCulture)).Append("\" class=\"message-time\">")
                .Append(time).Append("</time></div>");
            if (message.Content.Length > 0) html.Append("<div class=\"message-markdown\">").Append(MarkdownRenderer.ToHtml(message.Content)).Append("</div>");
        }
        if (StatusText(message) is { } status)
            html.Append("<div class=\"message-status\" role=\"status\">").Append(WebUtility.HtmlEncode(status)).Append("</div>");
        return new MarkupString(html.ToString());
    }

    /// <summary>The copy button: chat.js asks the page for the message's text when it is clicked (no handler here).</summary>
    public static readonly MarkupString CopyButton = new("""<button type="button" class="message-action copy-message" title="Copy" aria-label="Copy message">Copy</button>""");
}
