using Microsoft.Extensions.DependencyInjection;
using Bunit;
using ChatAi.Web.Components.Chat;
using MudBlazor;

namespace ChatAi.Tests.Web.Components;

/// <summary>A chat's ⋯ menu in the sidebar: rename and delete through MudBlazor dialogs, pin, and errors as snackbars.</summary>
public sealed class ChatDialogsTests : ComponentTestContext
{
    private async Task<(IRenderedComponent<MudPopoverProvider> Popovers, IRenderedComponent<MudDialogProvider> Dialogs, Guid Id)> OpenMenuAsync(string item)
    {
        var (popovers, dialogs) = RenderProviders();
        Render<MudSnackbarProvider>();
        var chat = await Chats.CreateChatAsync(UserId, title: "Trip to Lisbon");
        var cut = Render<ChatListItem>(p => p.Add(c => c.Chat, chat));
        Assert.Equal("Actions for Trip to Lisbon", cut.Find(".chat-item-menu button").GetAttribute("aria-label"));
        await cut.InvokeAsync(() => cut.Find(".chat-item-menu button").Click());
        popovers.WaitForAssertion(() => Assert.NotEmpty(popovers.FindAll(".mud-menu-item")));
        var menuItem = popovers.FindAll(".mud-menu-item").Single(e => e.TextContent.Trim() == item);
        _ = cut.InvokeAsync(() => menuItem.Click());
        return (popovers, dialogs, chat.Id);
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
