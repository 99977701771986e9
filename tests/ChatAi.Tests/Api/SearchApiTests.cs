using System.Net;
using System.Text.Json;

namespace ChatAi.Tests.Api;

/// <summary>On SQLite; Postgres/PostgresSearchApiTests runs the same scenarios on PostgreSQL.</summary>
public sealed class SearchApiTests(ApiFixture api) : SearchApiScenarios(api), IClassFixture<ApiFixture>;

/// <summary><c>GET /api/search</c> and archiving through the current API.</summary>
public abstract class SearchApiScenarios(ApiFixture api)
{
    [Fact]
    public async Task SearchFindsTitlesAndMessagesOfTheCallerOnlyWithTextSnippetsAndRanges()
    {
        var caller = await api.SignInAsync();
        var other = await api.SignInAsync("other");
        var chat = await CreateChatAsync(caller, "Pelican facts");
        await AddMessageAsync(caller, chat, "Do pelicans <script>alert(1)</script> eat pelican food?");
        var theirs = await CreateChatAsync(other, "Pelican secrets");

        var found = await caller.Http.GetJsonAsync("/api/search?q=pelican");
        var results = found.GetProperty("results").EnumerateArray().ToList();

        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.Equal(chat, r.GetProperty("chat_id").GetGuid()));
        Assert.Equal(JsonValueKind.Null, results[0].GetProperty("message_id").ValueKind);
        var snippet = results[1].GetProperty("snippet").GetString()!;
        Assert.Contains("<script>", snippet); // plain text: the client encodes it
        var marked = results[1].GetProperty("highlights").EnumerateArray().Select(h => snippet.Substring(h[0].GetInt32(), h[1].GetInt32())).ToList();
        Assert.Equal(["pelicans", "pelican"], marked); // the last word matches as a prefix
        Assert.False(results[1].GetProperty("archived").GetBoolean());
        Assert.Equal(JsonValueKind.Null, found.GetProperty("next_offset").ValueKind);
        using var secrets = await caller.Http.GetAsync("/api/search?q=secrets");
        Assert.DoesNotContain(theirs.ToString(), await secrets.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ArchivedChatsLeaveTheListAreListedWithArchivedTrueAndAreStillFound()
    {
        var caller = await api.SignInAsync();
        var other = await api.SignInAsync("other");
        var chat = await CreateChatAsync(caller, "Kumquat recipes");
        var kept = await CreateChatAsync(caller, "Kept");

        await ChatsApiScenarios.AssertProblemAsync(await other.Http.PostAsync($"/api/chats/{chat}/archive", null), 404);
        using var archived = await caller.Http.PostAsync($"/api/chats/{chat}/archive", null);
        Assert.Equal(HttpStatusCode.OK, archived.StatusCode);
        Assert.True((await archived.JsonAsync()).GetProperty("archived").GetBoolean());

        Assert.Equal([kept], Ids(await caller.Http.GetJsonAsync("/api/chats")));
        Assert.Equal([chat], Ids(await caller.Http.GetJsonAsync("/api/chats?archived=true")));
        Assert.True((await caller.Http.GetJsonAsync($"/api/chats/{chat}")).GetProperty("archived").GetBoolean());
        var hit = Assert.Single((await caller.Http.GetJsonAsync("/api/search?q=kumquat")).GetProperty("results").EnumerateArray());
        Assert.True(hit.GetProperty("archived").GetBoolean());

        using var restored = await caller.Http.PostAsync($"/api/chats/{chat}/restore", null);
        Assert.False((await restored.JsonAsync()).GetProperty("archived").GetBoolean());
        Assert.Equal(2, Ids(await caller.Http.GetJsonAsync("/api/chats")).Count);
    }

    [Theory]
    [InlineData("/api/search")]
    [InlineData("/api/search?q=")]
    [InlineData("/api/search?q=%20%20")]
    [InlineData("/api/search?q=a&limit=0")]
    [InlineData("/api/search?q=a&limit=51")]
    [InlineData("/api/search?q=a&offset=-1")]
    public async Task AMissingQueryOrABadPageIsA400(string url)
    {
        var caller = await api.SignInAsync();
        await ChatsApiScenarios.AssertProblemAsync(await caller.Http.GetAsync(url), 400);
    }

    [Fact]
    public async Task ATooLongQueryIsA400AndHostileOnesAnswerEmptyResults()
    {
        var caller = await api.SignInAsync();
        await ChatsApiScenarios.AssertProblemAsync(await caller.Http.GetAsync("/api/search?q=" + new string('x', 201)), 400, "200");
        foreach (var q in new[] { "\"", "*", "NEAR(a b)", "-a", "a:*", "'); DROP TABLE \"Chats\"; --" })
        {
            using var response = await caller.Http.GetAsync("/api/search?q=" + Uri.EscapeDataString(q));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        using var anonymous = await api.Anonymous().GetAsync("/api/search?q=a");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private static List<Guid> Ids(JsonElement page) => [.. page.GetProperty("chats").EnumerateArray().Select(c => c.GetProperty("id").GetGuid())];

    private static async Task<Guid> CreateChatAsync(ApiCaller caller, string title)
    {
        using var response = await caller.Http.PostJsonAsync("/api/chats", new { title });
        return (await response.JsonAsync()).GetProperty("id").GetGuid();
    }

    private async Task AddMessageAsync(ApiCaller caller, Guid chat, string text) =>
        await api.App.Chats.AddUserMessageAsync(caller.Id, chat, text);
}
