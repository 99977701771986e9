namespace ChatAi.Web.Components.Chat;

/// <summary>A user message's new text, to send as a new version beside it (ReplyService.EditAsync).</summary>
public sealed record MessageEdit(long MessageId, string Content);
