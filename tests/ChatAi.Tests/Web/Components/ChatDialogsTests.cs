using Microsoft.Extensions.DependencyInjection;
using Bunit;
using ChatAi.Web.Components.Chat;
using MudBlazor;

namespace ChatAi.Tests.Web.Components;

/// <summary>A chat's ⋯ menu in the sidebar (one menu shared by the rows): rename and delete through MudBlazor dialogs, pin, and errors as snackbars.</summary>
public sealed class ChatDialogsTests : ComponentTestContext
{
    private async Task<(IRenderedComponent<ChatSidebar> Sidebar, IRenderedComponent<MudDialogProvider> Dialogs, Guid Id)> OpenMenuAsync(string item)
    {
        var (_, dialogs) = RenderProviders();
        Render<MudSnackbarProvider>();
        var chat = await Chats.CreateChatAsync(UserId, title: "Trip to Lisbon");
        var cut = Render<ChatSidebar>();
        cut.WaitForAssertion(() => cut.Find(".chat-item-menu"));
        var button = cut.Find(".chat-item-menu");
        Assert.Equal("Actions for Trip to Lisbon", button.GetAttribute("aria-label"));
        Assert.Equal("menu", button.GetAttribute("aria-haspopup"));
        Assert.Null(button.GetAttribute("aria-expanded")); // the ARIA menu-button pattern: absent while the menu is hidden
        Assert.Empty(cut.FindAll("[role=menu]"));
        await cut.InvokeAsync(() => button.Click());
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find(".chat-item-menu").GetAttribute("aria-expanded")));
        Assert.Equal("Actions for Trip to Lisbon", cut.Find("[role=menu]").GetAttribute("aria-label"));
        var menuItem = cut.FindAll("[role=menuitem]").Single(e => e.TextContent.Trim() == item);
        _ = cut.InvokeAsync(() => menuItem.Click());
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[role=menu]")));
        return (cut, dialogs, chat.Id);
    }

    [Fact]
    public async Task EveryRowSharesOneMenuThatItsButtonOpensAndClosesWithoutMudBlazorComponentsPerRow()
    {
        for (var i = 0; i < 3; i++) await Chats.CreateChatAsync(UserId, title: $"Chat {i}");
        var cut = Render<ChatSidebar>();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll(".chat-item").Count));
        Assert.Empty(cut.FindComponents<MudMenu>());
        Assert.Empty(cut.FindComponents<MudIcon>());
        Assert.Empty(cut.FindComponents<MudButton>());
        var buttons = cut.FindAll(".chat-item-menu");
        await cut.InvokeAsync(() => buttons[1].Click());
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[role=menu]")));
        Assert.Equal([null, "true", null], cut.FindAll(".chat-item-menu").Select(b => b.GetAttribute("aria-expanded")));
        Assert.Equal(cut.FindAll(".chat-item")[1].GetAttribute("data-chat-id"), cut.Find("[role=menu]").GetAttribute("data-chat-id"));
        await cut.InvokeAsync(() => cut.FindAll(".chat-item-menu")[1].Click());
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[role=menu]")));
        Assert.All(cut.FindAll(".chat-item-menu"), b => Assert.Null(b.GetAttribute("aria-expanded")));
    }

    [Fact]
    public async Task RenameOpensADialogWithTheTitleAndSavesTheNewOne()
    {
        var (_, dialogs, id) = await OpenMenuAsync("Rename");
        dialogs.WaitForAssertion(() => Assert.Equal("Trip to Lisbon", dialogs.Find(".chat-rename-input input").GetAttribute("value")));
        Assert.Contains("Rename chat", dialogs.Find(".mud-dialog-title").TextContent);
        await dialogs.InvokeAsync(() => dialogs.Find(".chat-rename-input input").Input("Lisbon with kids"));
        await dialogs.InvokeAsync(() => dialogs.Find("form#rename-chat-form").Submit());
        await WaitUntilAsync(async () => (await Chats.FindChatAsync(UserId, id))?.Title == "Lisbon with kids");
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
    }

    [Fact]
    public async Task ATooLongTitleIsRefusedInASnackbarAndNothingChanges()
    {
        var (_, dialogs, id) = await OpenMenuAsync("Rename");
        dialogs.WaitForAssertion(() => dialogs.Find(".chat-rename-input input"));
        await dialogs.InvokeAsync(() => dialogs.Find(".chat-rename-input input").Input(new string('x', 500)));
        await dialogs.InvokeAsync(() => dialogs.Find("form#rename-chat-form").Submit());
        var snackbar = Services.GetRequiredService<ISnackbar>();
        await WaitUntilAsync(() => Task.FromResult(snackbar.ShownSnackbars.Any()));
        Assert.Contains("longer than 200 characters", snackbar.ShownSnackbars.Single().Message);
        Assert.Equal(Severity.Error, snackbar.ShownSnackbars.Single().Severity);
        Assert.Equal("Trip to Lisbon", (await Chats.FindChatAsync(UserId, id))?.Title);
    }

    [Fact]
    public async Task DeleteAsksFirstAndCancelKeepsTheChat()
    {
        var (_, dialogs, id) = await OpenMenuAsync("Delete");
        dialogs.WaitForAssertion(() => Assert.Contains("“Trip to Lisbon”", dialogs.Find(".mud-dialog").TextContent));
        await dialogs.InvokeAsync(() => dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Cancel").Click());
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        Assert.NotNull(await Chats.FindChatAsync(UserId, id));
    }

    [Fact]
    public async Task DeleteConfirmedDeletesTheChat()
    {
        var (_, dialogs, id) = await OpenMenuAsync("Delete");
        dialogs.WaitForAssertion(() => dialogs.Find(".mud-dialog"));
        await dialogs.InvokeAsync(() => dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Delete").Click());
        await WaitUntilAsync(async () => await Chats.FindChatAsync(UserId, id) is null);
    }

    [Fact]
    public async Task PinPinsTheChat()
    {
        var (_, _, id) = await OpenMenuAsync("Pin");
        await WaitUntilAsync(async () => (await Chats.FindChatAsync(UserId, id))?.Pinned == true);
    }

    [Fact]
    public async Task ArchiveArchivesTheChatAndItLeavesTheSidebar()
    {
        var (sidebar, _, id) = await OpenMenuAsync("Archive");
        await WaitUntilAsync(async () => (await Chats.FindChatAsync(UserId, id))?.Archived == true);
        sidebar.WaitForAssertion(() => Assert.Empty(sidebar.FindAll($".chat-item[data-chat-id=\"{id}\"]")));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition never became true");
            await Task.Delay(20);
        }
    }
}
