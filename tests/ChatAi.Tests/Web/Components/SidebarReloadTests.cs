using Bunit;
using ChatAi.Core.Chats;
using ChatAi.Web.Components.Chat;
using Microsoft.Extensions.DependencyInjection;

namespace ChatAi.Tests.Web.Components;

/// <summary>
/// The sidebar reloads its list whenever the user's chats change; reloads overlap when changes come quickly (a send,
/// then its title). Here the first reload's answer is held back until a later reload has been shown.
/// </summary>
public sealed class SidebarReloadTests : ComponentTestContext
{
    private readonly HeldLoader _loader;

    public SidebarReloadTests()
    {
        _loader = new HeldLoader(App.Chats);
        Services.AddScoped<ChatListLoader>(_ => _loader);
    }

    [Fact]
    public async Task AnOlderReloadThatFinishesLastDoesNotPutItsStaleListBack()
    {
        var chat = await Chats.CreateChatAsync(UserId, title: "First words");
        var cut = Render<ChatSidebar>();
        cut.WaitForAssertion(() => Assert.Equal("First words", cut.Find(".chat-item-title").TextContent));

        // The first reload reads the list with "Middle" and is held before it answers.
        var held = _loader.HoldNext();
        await Chats.UpdateChatAsync(UserId, chat.Id, new ChatUpdate(Title: "Middle"));
        await held.Reached.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // A second reload starts after it, reads "Final" and is shown.
        await Chats.UpdateChatAsync(UserId, chat.Id, new ChatUpdate(Title: "Final"));
        cut.WaitForAssertion(() => Assert.Equal("Final", cut.Find(".chat-item-title").TextContent));

        // The first answers last: its list (with "Middle") must not replace the newer one.
        Assert.Equal("Middle", Assert.Single(held.Answer!.Recent).Title);
        held.Release();
        await held.Answered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await cut.InvokeAsync(() => { }); // the sidebar's continuation after the held answer ran before this (one dispatcher, in order)
        Assert.Equal("Final", cut.Find(".chat-item-title").TextContent);
        Assert.Single(cut.FindAll(".chat-item"));
    }

    /// <summary>Reads the list as the app does; a call made after <see cref="HoldNext"/> keeps its answer until released.</summary>
    private sealed class HeldLoader(ChatService chats) : ChatListLoader(chats)
    {
        private Hold? _next;

        public Hold HoldNext() => _next = new Hold();

        public override async Task<ChatList> LoadAsync(string userId, int keep)
        {
            var hold = Interlocked.Exchange(ref _next, null);
            var list = await base.LoadAsync(userId, keep);
            if (hold is null) return list;
            hold.Answer = list;
            hold.Reached.TrySetResult();
            await hold.Released.Task;
            hold.Answered.TrySetResult();
            return list;
        }
    }

    private sealed class Hold
    {
        public ChatList? Answer { get; set; }
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Answered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public void Release() => Released.TrySetResult();
    }
}
