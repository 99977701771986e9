using ChatAi.Core.Data;

namespace ChatAi.Core.Chats;

public sealed partial class ChatService
{
    /// <summary>What the UI's composer calls: store the user's message (the reply comes with the model issue).</summary>
    public Task<Message> SendAsync(string userId, Guid chatId, string? content, bool createChat = false, CancellationToken ct = default) =>
        AddUserMessageAsync(userId, chatId, content, createChat, ct);
}
