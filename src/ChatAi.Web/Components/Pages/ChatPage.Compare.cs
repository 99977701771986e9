using ChatAi.Core.Chats;
using ChatAi.Core.Data;
using ChatAi.Web.Components.Chat;
using Microsoft.AspNetCore.Components;

namespace ChatAi.Web.Components.Pages;

/// <summary>The chat page's part in a compare: the turn shown side by side, stopping one reply, picking one.</summary>
public sealed partial class ChatPage
{
    /// <summary>The first side of a compare: the chat's model for its next reply.</summary>
    private ModelChoice FirstModel => Models.CurrentModel(_chat) is var (provider, model) ? new ModelChoice(provider, model) : new();

    /// <summary>The compare's replies in place of the last message while the last turn is a compare (CompareTurnView).</summary>
    private RenderFragment? CompareFragment => _compare is not { } view ? null : builder =>
    {
        builder.OpenComponent<CompareView>(0);
        builder.AddComponentParameter(1, nameof(CompareView.View), view);
        builder.AddComponentParameter(2, nameof(CompareView.OnStop), EventCallback.Factory.Create<long>(this, StopReplyAsync));
        builder.AddComponentParameter(3, nameof(CompareView.OnPick), EventCallback.Factory.Create<Message>(this, PickAsync));
        builder.AddComponentParameter(4, nameof(CompareView.Zone), _zone);
        builder.CloseComponent();
    };

    private async Task StopReplyAsync(long replyId) => await Replies.StopReplyAsync(_userId, ChatId, replyId);

    /// <summary>Continues the chat from this reply: the path moves to it, and the next message goes to the model that wrote it.</summary>
    private async Task PickAsync(Message reply)
    {
        await SwitchAsync(reply.Id);
        if (_error is not null || reply.Provider is null || reply.Model is null) return;
        if (FirstModel != new ModelChoice(reply.Provider, reply.Model)) await ChangeModelAsync(new ModelChoice(reply.Provider, reply.Model));
        await LoadAsync();
    }
}
