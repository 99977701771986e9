using Bunit;
using ChatAi.Core.Chats;
using ChatAi.Web.Components.Chat;
using ChatAi.Web.Components.Settings;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace ChatAi.Tests.Web.Components;

/// <summary>The chat header's settings dialog and the settings page's presets section, on the real ChatService.</summary>
public sealed class ChatSettingsComponentTests : ComponentTestContext
{
    private IRenderedComponent<ChatSettingsButton>? _button;

    private Task<IRenderedComponent<MudDialogProvider>> OpenChatSettingsAsync(Guid chatId)
    {
        var (_, dialogs) = RenderProviders();
        Render<MudSnackbarProvider>();
        _button = Render<ChatSettingsButton>(p => p.Add(c => c.ChatId, chatId));
        Assert.Equal("Chat settings", _button.Find("button.chat-settings-button").GetAttribute("aria-label"));
        Reopen(dialogs);
        return Task.FromResult(dialogs);
    }

    private void Reopen(IRenderedComponent<MudDialogProvider> dialogs)
    {
        var button = _button!;
        _ = button.InvokeAsync(() => button.Find("button.chat-settings-button").Click());
        dialogs.WaitForAssertion(() => dialogs.Find(".chat-settings-dialog"));
    }

    [Fact]
    public async Task TheDialogShowsTheChatsSettingsAndSavesTheEditedOnes()
    {
        var chat = await Chats.CreateChatAsync(UserId);
        await Chats.SetChatSettingsAsync(UserId, chat.Id, new ChatSettings("Be brief.", 0.5, 100));

        var dialogs = await OpenChatSettingsAsync(chat.Id);

        Assert.Equal("Be brief.", dialogs.Find(".settings-instructions textarea").TextContent);
        Assert.Contains("Temperature: 0.5", dialogs.Find(".settings-temperature").TextContent);
        Assert.Equal("100", dialogs.Find(".settings-max-tokens input").GetAttribute("value"));
        await dialogs.InvokeAsync(() => dialogs.Find(".settings-instructions textarea").Change("Answer like a pirate."));
        await dialogs.InvokeAsync(() => dialogs.Find(".settings-max-tokens input").Change("250"));
        await dialogs.InvokeAsync(() => dialogs.Find("form#chat-settings-form").Submit());

        await WaitUntilAsync(async () => (await Chats.GetChatSettingsAsync(UserId, chat.Id)) == new ChatSettings("Answer like a pirate.", 0.5, 250));
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
    }

    [Fact]
    public async Task UseTheDefaultsClearsEverySettingAndCancelChangesNothing()
    {
        var chat = await Chats.CreateChatAsync(UserId);
        await Chats.SetChatSettingsAsync(UserId, chat.Id, new ChatSettings("Be brief.", 0.5, 100));

        var dialogs = await OpenChatSettingsAsync(chat.Id);
        await dialogs.InvokeAsync(() => dialogs.Find(".settings-instructions textarea").Change("Not saved"));
        await dialogs.InvokeAsync(() => dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Cancel").Click());
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        Assert.Equal(new ChatSettings("Be brief.", 0.5, 100), await Chats.GetChatSettingsAsync(UserId, chat.Id));

        Reopen(dialogs);
        await dialogs.InvokeAsync(() => dialogs.Find("button.chat-settings-reset").Click());
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".settings-temperature-slider")));
        await dialogs.InvokeAsync(() => dialogs.Find("form#chat-settings-form").Submit());
        await WaitUntilAsync(async () => (await Chats.GetChatSettingsAsync(UserId, chat.Id))!.IsDefault);
    }

    [Fact]
    public async Task APresetIsAddedEditedAndDeletedFromTheSection()
    {
        var (_, dialogs) = RenderProviders();
        Render<MudSnackbarProvider>();
        var cut = Render<PresetsSection>();
        cut.WaitForAssertion(() => Assert.Equal("No presets yet.", cut.Find(".presets-empty").TextContent));

        _ = cut.InvokeAsync(() => cut.Find("button.preset-add").Click());
        dialogs.WaitForAssertion(() => dialogs.Find(".preset-dialog"));
        await dialogs.InvokeAsync(() => dialogs.Find(".preset-name input").Input("Pirate"));
        await dialogs.InvokeAsync(() => dialogs.Find(".settings-instructions textarea").Change("Answer like a pirate."));
        await dialogs.InvokeAsync(() => dialogs.Find("form#preset-form").Submit());
        cut.WaitForAssertion(() => Assert.Equal(["Pirate"], cut.FindAll(".preset-item-name").Select(e => e.TextContent)));
        var stored = Assert.Single(await Presets.ListPresetsAsync(UserId));
        Assert.Equal("Answer like a pirate.", stored.Settings.Instructions);

        _ = cut.InvokeAsync(() => cut.Find("button.preset-edit").Click());
        dialogs.WaitForAssertion(() => Assert.Equal("Pirate", dialogs.Find(".preset-name input").GetAttribute("value")));
        await dialogs.InvokeAsync(() => dialogs.Find(".preset-name input").Input("Sailor"));
        await dialogs.InvokeAsync(() => dialogs.Find("form#preset-form").Submit());
        cut.WaitForAssertion(() => Assert.Equal(["Sailor"], cut.FindAll(".preset-item-name").Select(e => e.TextContent)));

        _ = cut.InvokeAsync(() => cut.Find("button.preset-delete").Click());
        dialogs.WaitForAssertion(() => Assert.Contains("Sailor", dialogs.Find(".mud-dialog").TextContent));
        await dialogs.InvokeAsync(() => dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Delete").Click());
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".preset-item")));
        Assert.Empty(await Presets.ListPresetsAsync(UserId));
    }

    [Fact]
    public async Task ATakenPresetNameIsRefusedInASnackbar()
    {
        await Presets.CreatePresetAsync(UserId, new PresetInput("Pirate"));
        var (_, dialogs) = RenderProviders();
        Render<MudSnackbarProvider>();
        var cut = Render<PresetsSection>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".preset-item")));

        _ = cut.InvokeAsync(() => cut.Find("button.preset-add").Click());
        dialogs.WaitForAssertion(() => dialogs.Find(".preset-dialog"));
        await dialogs.InvokeAsync(() => dialogs.Find(".preset-name input").Input("pirate"));
        await dialogs.InvokeAsync(() => dialogs.Find("form#preset-form").Submit());

        var snackbar = Services.GetRequiredService<ISnackbar>();
        await WaitUntilAsync(() => Task.FromResult(snackbar.ShownSnackbars.Any()));
        Assert.Contains("already exists", snackbar.ShownSnackbars.Single().Message);
        Assert.Single(await Presets.ListPresetsAsync(UserId));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not become true in time.");
            await Task.Delay(20);
        }
    }
}
