using Microsoft.Extensions.DependencyInjection;
using System.Globalization;
using Bunit;
using ChatAi.Web.Components.Chat;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace ChatAi.Tests.Web.Components;

/// <summary>The sidebar: pinned chats first, then the rest grouped by day, then by month, in the reader's zone; the open chat marked.</summary>
public sealed class SidebarTests : ComponentTestContext
{
    private async Task<Guid> ChatAsync(string title, TimeSpan age, bool pinned = false)
    {
        var chat = await Chats.CreateChatAsync(UserId, title: title);
        await using var db = App.CreateDbContext();
        var at = DateTime.UtcNow - age;
        await db.Chats.Where(c => c.Id == chat.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastActivityAt, at).SetProperty(c => c.Pinned, pinned));
        return chat.Id;
    }

    [Fact]
    public async Task ChatsAreGroupedPinnedFirstThenByDayThenByMonthInTheReadersZone()
    {
        await Zones.SetUserTimeZoneAsync(UserId, "Europe/Berlin");
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        string Month(TimeSpan age) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow - age, berlin).ToString("MMMM yyyy", CultureInfo.InvariantCulture);
        var older = await ChatAsync("Older plans", TimeSpan.FromDays(75));
        var old = await ChatAsync("Old plans", TimeSpan.FromDays(40));
        var month = await ChatAsync("This month", TimeSpan.FromDays(20));
        var week = await ChatAsync("Last week", TimeSpan.FromDays(4));
        var yesterday = await ChatAsync("Yesterday's", TimeSpan.FromDays(1));
        var today = await ChatAsync("Today's", TimeSpan.Zero);
        var pinned = await ChatAsync("Pinned one", TimeSpan.FromDays(90), pinned: true);

        var cut = Render<ChatSidebar>();
        cut.WaitForAssertion(() => Assert.Equal(7, cut.FindAll(".chat-item").Count));
        var groups = cut.FindAll("section.chat-group");
        string[] headings = ["Pinned", "Today", "Yesterday", "Previous 7 Days", "Previous 30 Days", Month(TimeSpan.FromDays(40)), Month(TimeSpan.FromDays(75))];
        Assert.Equal(headings, groups.Select(g => g.GetAttribute("data-group")));
        Guid[] expected = [pinned, today, yesterday, week, month, old, older];
        Assert.Equal(expected.Select(id => id.ToString()), groups.Select(g => g.QuerySelector(".chat-item")!.GetAttribute("data-chat-id")));
        Assert.Equal("Pinned one", groups[0].QuerySelector(".chat-item-title")!.TextContent);
        Assert.NotNull(groups[0].QuerySelector(".pin-mark"));
        Assert.Equal(headings, groups.Select(g => g.QuerySelector("h2")!.TextContent));
    }

    [Fact]
    public void WithoutChatsTheListSaysSo()
    {
        var cut = Render<ChatSidebar>();
        cut.WaitForAssertion(() => Assert.Equal("No chats yet.", cut.Find(".chat-list-empty").TextContent.Trim()));
        Assert.Equal("New chat", cut.Find(".new-chat-button").TextContent.Trim());
    }

    [Fact]
    public async Task TheOpenChatIsMarkedActive()
    {
        var first = await ChatAsync("First", TimeSpan.Zero);
        var second = await ChatAsync("Second", TimeSpan.Zero);
        Services.GetRequiredService<NavigationManager>().NavigateTo($"chat/{second}");
        var cut = Render<ChatSidebar>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".chat-item").Count));
        Assert.Contains("active", cut.Find($".chat-item[data-chat-id=\"{second}\"]").ClassName);
        Assert.Equal("page", cut.Find($".chat-item[data-chat-id=\"{second}\"] a").GetAttribute("aria-current"));
        Assert.DoesNotContain("active", cut.Find($".chat-item[data-chat-id=\"{first}\"]").ClassName);
    }

    [Fact]
    public async Task ANewChatAppearsWithoutReloading()
    {
        var cut = Render<ChatSidebar>();
        cut.WaitForAssertion(() => cut.Find(".chat-list-empty"));
        var id = await ChatAsync("Fresh", TimeSpan.Zero);
        cut.WaitForAssertion(() => Assert.Equal("Fresh", cut.Find($".chat-item[data-chat-id=\"{id}\"] .chat-item-title").TextContent));
    }
}
