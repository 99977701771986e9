using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatAi.Tests.Fakes;

namespace ChatAi.Tests.Api;

/// <summary>On SQLite; Postgres/PostgresPresetsApiTests.cs runs the same scenarios on PostgreSQL.</summary>
public sealed class PresetsApiTests(ApiFixture api) : PresetsApiScenarios(api), IClassFixture<ApiFixture>;

/// <summary>Per-chat settings on <c>/api/chats</c> and presets on <c>/api/presets</c>: shapes, checks, privacy, documentation.</summary>
public abstract class PresetsApiScenarios(ApiFixture api)
{
    private static Task AssertProblemAsync(HttpResponseMessage response, int status, string? mentions = null) =>
        ChatsApiTests.AssertProblemAsync(response, status, mentions);

    private static async Task<JsonElement> OkJsonAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        using (response)
        {
            Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            return await response.JsonAsync();
        }
    }

    private static (string?, double?, int?) Settings(JsonElement chat) => (
        chat.TryGetProperty("instructions", out var i) ? i.GetString() : null,
        chat.TryGetProperty("temperature", out var t) ? t.GetDouble() : null,
        chat.TryGetProperty("max_reply_tokens", out var m) ? m.GetInt32() : null);

    [Fact]
    public async Task AChatsSettingsArePatchedReadAndResetInSnakeCase()
    {
        var caller = await api.SignInAsync();
        var chat = await OkJsonAsync(await caller.Http.PostJsonAsync("/api/chats", new { title = "Pirate talk" }), HttpStatusCode.Created);
        var id = chat.GetProperty("id").GetGuid();
        Assert.Equal((null, null, null), Settings(chat));

        var patched = await OkJsonAsync(await caller.Http.PatchAsJsonAsync($"/api/chats/{id}",
            new { instructions = "Answer like a pirate.", temperature = 0.4, max_reply_tokens = 256 }));
        Assert.Equal(("Answer like a pirate.", 0.4, 256), Settings(patched));
        var title = await OkJsonAsync(await caller.Http.PatchAsJsonAsync($"/api/chats/{id}", new { title = "Still pirate", instructions = "" }));
        Assert.Equal(("Still pirate", (string?)null, 0.4, 256), (title.GetProperty("title").GetString(), Settings(title).Item1, Settings(title).Item2, Settings(title).Item3));

        var reset = await OkJsonAsync(await caller.Http.PutAsJsonAsync($"/api/chats/{id}/settings", new { instructions = "Be brief." }));
        Assert.Equal(("Be brief.", null, null), Settings(reset));
        Assert.Equal(("Be brief.", null, null), Settings(await caller.Http.GetJsonAsync($"/api/chats/{id}")));
    }

    [Theory]
    [InlineData("""{"temperature": 2.5}""", "temperature")]
    [InlineData("""{"temperature": -1}""", "temperature")]
    [InlineData("""{"max_reply_tokens": 0}""", "longest reply")]
    [InlineData("""{"max_reply_tokens": 9999999}""", "longest reply")]
    [InlineData("""{"instructions": "a\u0000b"}""", "NUL")]
    public async Task InvalidSettingsAnswer400AndChangeNothing(string body, string mentions)
    {
        var caller = await api.SignInAsync();
        var chat = await OkJsonAsync(await caller.Http.PostJsonAsync("/api/chats", new { }), HttpStatusCode.Created);
        var id = chat.GetProperty("id").GetGuid();

        using var patch = new HttpRequestMessage(HttpMethod.Patch, $"/api/chats/{id}") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        await AssertProblemAsync(await caller.Http.SendAsync(patch), 400, mentions);
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/chats/{id}/settings") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        await AssertProblemAsync(await caller.Http.SendAsync(put), 400, mentions);
        await AssertProblemAsync(await caller.Http.PatchAsJsonAsync($"/api/chats/{id}", new { instructions = new string('x', 8_001) }), 400, "8000");

        Assert.Equal((null, null, null), Settings(await caller.Http.GetJsonAsync($"/api/chats/{id}")));
    }

    [Fact]
    public async Task PresetsAreCreatedListedReplacedAndDeletedAndStartChats()
    {
        var caller = await api.SignInAsync();
        var created = await OkJsonAsync(await caller.Http.PostJsonAsync("/api/presets",
            new { name = "Translator", instructions = "Translate to French.", model = "gemini-2.5-pro", temperature = 0.2, max_reply_tokens = 1000 }),
            HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal(("Translator", "gemini", "gemini-2.5-pro", 1000),
            (created.GetProperty("name").GetString(), created.GetProperty("provider").GetString(), created.GetProperty("model").GetString(),
             created.GetProperty("max_reply_tokens").GetInt32()));
        Assert.True(created.TryGetProperty("created_at", out _));
        var list = await caller.Http.GetJsonAsync("/api/presets");
        Assert.Equal([id], list.GetProperty("presets").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()));

        var chat = await OkJsonAsync(await caller.Http.PostJsonAsync("/api/chats", new { preset_id = id, title = "Bonjour" }), HttpStatusCode.Created);
        Assert.Equal(("Bonjour", "gemini", "gemini-2.5-pro"), (chat.GetProperty("title").GetString(), chat.GetProperty("provider").GetString(), chat.GetProperty("model").GetString()));
        Assert.Equal(("Translate to French.", 0.2, 1000), Settings(chat));
        await AssertProblemAsync(await caller.Http.PostJsonAsync("/api/chats", new { preset_id = id, model = "gpt-4o" }), 400, "preset_id");
        await AssertProblemAsync(await caller.Http.PostJsonAsync("/api/chats", new { preset_id = Guid.NewGuid() }), 404, "Preset");
        await AssertProblemAsync(await caller.Http.PostJsonAsync("/api/chats", new { preset_id = "not-a-uuid" }), 404, "Preset");

        var replaced = await OkJsonAsync(await caller.Http.PutAsJsonAsync($"/api/presets/{id}", new { name = "Plain" }));
        Assert.Equal(("Plain", JsonValueKind.Null, JsonValueKind.Null), (replaced.GetProperty("name").GetString(),
            replaced.GetProperty("instructions").ValueKind, replaced.GetProperty("model").ValueKind));
        using var deleted = await caller.Http.DeleteAsync($"/api/presets/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await AssertProblemAsync(await caller.Http.GetAsync($"/api/presets/{id}"), 404);
    }

    [Fact]
    public async Task PresetsAreCheckedAndNamesAreUnique()
    {
        var caller = await api.SignInAsync();
        await AssertProblemAsync(await caller.Http.PostJsonAsync("/api/presets", new { name = "" }), 400, "name");
        await AssertProblemAsync(await caller.Http.PostJsonAsync("/api/presets", new { name = "x", model = "gpt-9" }), 400, "gpt-9");
        await AssertProblemAsync(await caller.Http.PostJsonAsync("/api/presets", new { name = "x", temperature = 7 }), 400, "temperature");
        using var first = await caller.Http.PostJsonAsync("/api/presets", new { name = "Coder" });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await AssertProblemAsync(await caller.Http.PostJsonAsync("/api/presets", new { name = "coder" }), 409, "already exists");
    }

    [Fact]
    public async Task AnotherUsersChatAndPresetsAre404AndUntouched()
    {
        var alice = await api.SignInAsync("alice");
        var mallory = await api.SignInAsync("mallory");
        var chat = await OkJsonAsync(await alice.Http.PostJsonAsync("/api/chats", new { }), HttpStatusCode.Created);
        var chatId = chat.GetProperty("id").GetGuid();
        await alice.Http.PatchAsJsonAsync($"/api/chats/{chatId}", new { instructions = "Alice's secret prompt" });
        var preset = await OkJsonAsync(await alice.Http.PostJsonAsync("/api/presets", new { name = "Secret", instructions = "Alice's preset" }), HttpStatusCode.Created);
        var presetId = preset.GetProperty("id").GetGuid();

        await AssertProblemAsync(await mallory.Http.PatchAsJsonAsync($"/api/chats/{chatId}", new { instructions = "pwned" }), 404);
        await AssertProblemAsync(await mallory.Http.PutAsJsonAsync($"/api/chats/{chatId}/settings", new { instructions = "pwned" }), 404);
        await AssertProblemAsync(await mallory.Http.GetAsync($"/api/presets/{presetId}"), 404);
        await AssertProblemAsync(await mallory.Http.PutAsJsonAsync($"/api/presets/{presetId}", new { name = "pwned" }), 404);
        await AssertProblemAsync(await mallory.Http.DeleteAsync($"/api/presets/{presetId}"), 404);
        await AssertProblemAsync(await mallory.Http.PostJsonAsync("/api/chats", new { preset_id = presetId }), 404);
        Assert.Empty((await mallory.Http.GetJsonAsync("/api/presets")).GetProperty("presets").EnumerateArray());

        Assert.Equal("Alice's secret prompt", (await alice.Http.GetJsonAsync($"/api/chats/{chatId}")).GetProperty("instructions").GetString());
        Assert.Equal("Secret", (await alice.Http.GetJsonAsync($"/api/presets/{presetId}")).GetProperty("name").GetString());
    }

    [Fact]
    public async Task AReplyThroughTheApiCarriesTheChatsSettingsToTheProvider()
    {
        var caller = await api.SignInAsync();
        var chat = await OkJsonAsync(await caller.Http.PostJsonAsync("/api/chats", new { model = "gpt-4o-mini" }), HttpStatusCode.Created);
        var id = chat.GetProperty("id").GetGuid();
        await caller.Http.PatchAsJsonAsync($"/api/chats/{id}", new { instructions = "Reply in haiku.", temperature = 1.2, max_reply_tokens = 64 });
        const string text = "api settings probe";

        using var sent = await caller.Http.PostJsonAsync($"/api/chats/{id}/messages", new { content = text });
        Assert.True(sent.IsSuccessStatusCode, await sent.Content.ReadAsStringAsync());

        await Waits.UntilAsync(() => api.Fakes.OpenAi.Requests.Any(r => r.Body.Contains(text) && !r.Body.Contains("title of at most")), 20_000);
        var request = api.Fakes.OpenAi.Requests.Last(r => r.Body.Contains(text) && !r.Body.Contains("title of at most"));
        Assert.Equal(new SentSettings("Reply in haiku.", 1.2, 64), SentSettings.FromOpenAi(request));
    }

    [Fact]
    public async Task TheDocumentDescribesPresetsAndTheSettingsFields()
    {
        var document = await api.Anonymous().GetJsonAsync("/openapi/v1.json");
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/presets", "/api/presets/{id}", "/api/chats/{id}/settings" }) Assert.True(paths.TryGetProperty(path, out _), path);
        var schemas = document.GetProperty("components").GetProperty("schemas");
        foreach (var field in new[] { "instructions", "temperature", "max_reply_tokens" })
            Assert.True(schemas.GetProperty("ChatDto").GetProperty("properties").TryGetProperty(field, out _), field);
        Assert.True(schemas.GetProperty("CreateChatRequest").GetProperty("properties").TryGetProperty("preset_id", out _));
    }
}
