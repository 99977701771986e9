using System.Net;
using System.Text;
using ChatAi.Tests.Api;
using ChatAi.Tests.Browser;
using ChatAi.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ChatAi.Tests.Security;

/// <summary>
/// Hostile input the Api tests do not cover yet: NUL characters and deeply nested JSON answer 4xx with a
/// sentence, never a 500 (PostgreSQL refuses NUL in text, so one would otherwise fail late, as a 500).
/// </summary>
public sealed class ApiInputLimitTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task NulCharactersAreRefusedWith400AndNothingIsStored()
    {
        var caller = await api.SignInAsync();
        var chatId = Guid.NewGuid();
        var before = api.Fakes.OpenAi.RequestCount;

        await AssertRefusedAsync(await caller.Http.PostJsonAsync("/prompt_gpt/", new { chat_id = chatId, content = "before\0after" }), 400);
        await AssertRefusedAsync(await caller.Http.PostJsonAsync("/api/chat/history/", new { message = "a\0b" }), 400);
        await AssertRefusedAsync(await caller.Http.PostJsonAsync("/api/chats", new { title = "evil\0title" }), 400);
        using var created = await caller.Http.PostJsonAsync("/api/chats", new { title = "clean" });
        var id = (await created.JsonAsync()).GetProperty("id").GetGuid();
        await AssertRefusedAsync(await caller.Http.PatchAsync($"/api/chats/{id}", JsonBody("{\"title\": \"x\\u0000y\"}")), 400);
        await AssertRefusedAsync(await caller.Http.PostAsync($"/api/chats/{id}/messages", JsonBody("{\"content\": \"\\u0000\"}")), 400);
        await AssertRefusedAsync(await caller.Http.GetAsync("/todays_chat/?tz=UTC%00"), 400);
        using (var nulId = await caller.Http.GetAsync("/get_chat_messages/%00/"))
            Assert.True((int)nulId.StatusCode is 400 or 404, $"{(int)nulId.StatusCode}");

        Assert.Equal(before, api.Fakes.OpenAi.RequestCount);
        Assert.Equal("clean", (await caller.Http.GetJsonAsync($"/api/chats/{id}")).GetProperty("title").GetString());
        Assert.Equal(0, (await caller.Http.GetJsonAsync("/api/chat/history/")).GetArrayLength());
    }

    [Theory]
    [InlineData("/prompt_gpt/")]
    [InlineData("/api/chat/message/")]
    [InlineData("/api/chats")]
    [InlineData("/api/auth/login")]
    [InlineData("/api/auth/register")]
    public async Task DeeplyNestedJsonIsRefusedWith4xxNot500(string path)
    {
        var caller = await api.SignInAsync();
        var nested = new string('[', 10_000) + new string(']', 10_000);
        var body = $$"""{"chat_id": "{{Guid.NewGuid()}}", "content": "hi", "message": "hi", "email": "a@b.test", "password": "x", "extra": {{nested}}}""";

        using var response = await caller.Http.PostAsync(path, JsonBody(body));

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Contains("json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync());
    }

    private static StringContent JsonBody(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task AssertRefusedAsync(HttpResponseMessage response, int status)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(status == (int)response.StatusCode, $"{(int)response.StatusCode}: {body}");
            Assert.Contains("json", response.Content.Headers.ContentType?.MediaType);
            Assert.True(body.Length > 20, body);
        }
    }
}

/// <summary>The Blazor side validates in its handlers, not only through the input's maxlength.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BlazorInputLimitTests(BrowserFixture browser)
{
    [Fact]
    public async Task RenamingToA500CharacterTitleIsRefusedWithAClearMessage()
    {
        var email = TestUsers.NewEmail("rename");
        var userId = await browser.CreateUserAsync(email);
        var chat = await browser.Chats.CreateChatAsync(userId, title: "Short title");
        await using var session = await browser.NewSessionAsync();
        await session.SignInAsync(email);
        await session.Page.GotoAsync($"chat/{chat.Id}");
        await session.WaitForComposerAsync();

        await session.ChatMenuAsync(chat.Id, "Rename");
        var rename = session.RenameInput;
        // A crafted client ignores maxlength: set the value directly and raise the input event Blazor listens to.
        await rename.EvaluateAsync("(el, v) => { el.value = v; el.dispatchEvent(new Event('input', { bubbles: true })); }", new string('x', 500));
        await rename.PressAsync("Enter");

        await Expect(session.Page.Locator(".mud-snackbar")).ToContainTextAsync("longer than 200 characters");
        await Expect(session.ChatItem(chat.Id).Locator(".chat-item-title")).ToHaveTextAsync("Short title");
        Assert.Equal("Short title", (await browser.Chats.FindChatAsync(userId, chat.Id))?.Title);
        // The circuit survived: the composer still answers.
        await session.WaitForComposerAsync();
        session.AssertNoProblems();
    }
}
