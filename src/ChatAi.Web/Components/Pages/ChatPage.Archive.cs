using ChatAi.Core.Chats;
using MudBlazor;

namespace ChatAi.Web.Components.Pages;

/// <summary>The open chat's Archive / Restore (its header): an archived chat leaves the sidebar and stays in Archived chats and search.</summary>
public sealed partial class ChatPage
{
    private async Task SetArchivedAsync(bool archived)
    {
        try
        {
            if (await Chats.SetArchivedAsync(_userId, ChatId, archived) is { } chat) _chat = chat;
            Snackbar.Add(archived ? "Chat archived. Find it under Archived chats in the account menu." : "Chat restored.", Severity.Normal);
        }
        catch (ChatException e) { Snackbar.Add(e.Message, Severity.Error); }
    }
}
