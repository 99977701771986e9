using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ChatAi.Tests.Api;

/// <summary>
/// What every JSON-body endpoint answers when the body cannot be read (415, 413, 400), with the same
/// sentence in both families' shapes: <c>{"error": …}</c> for the original endpoints, problem details for /api.
/// </summary>
public sealed class RequestBodyTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string NotJson = "Send the request body as JSON with Content-Type: application/json.";
    private const string Malformed = "The request body is not valid JSON or a field has the wrong type.";
    private const string NotAnObject = "The request body must be a JSON object.";
    // ChatAi:MaxMessageChars (32000) six-byte escapes, plus 16 KiB for the other fields.
    private const string TooLarge = "The request body is larger than the limit of 208384 bytes.";

    public static TheoryData<string, string> Endpoints => new()
    {
        { "POST", "/prompt_gpt/" },
        { "POST", "/api/chat/history/" },
        { "POST", "/api/chat/message/" },
        { "POST", "/api/chats" },
        { "PATCH", "/api/chats/{id}" },
        { "POST", "/api/chats/{id}/messages" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task BodiesThatAreNotJsonAnswer415(string method, string path)
    {
        var (caller, url) = await PrepareAsync(path);
        await AssertAnswerAsync(path, await SendAsync(caller, method, url, "{}", "text/plain"), 415, NotJson);
        await AssertAnswerAsync(path, await SendAsync(caller, method, url, "content=hi", "application/x-www-form-urlencoded"), 415, NotJson);
        await AssertAnswerAsync(path, await SendAsync(caller, method, url, null, null), 415, NotJson);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task MalformedJsonAndWrongTypesAnswer400SayingWhere(string method, string path)
    {
        var (caller, url) = await PrepareAsync(path);
        await AssertAnswerAsync(path, await SendAsync(caller, method, url, """{"content": """), 400, Malformed[..^1] + " (at $.content).");
        await AssertAnswerAsync(path, await SendAsync(caller, method, url, ""), 400, Malformed);
        await AssertAnswerAsync(path, await SendAsync(caller, method, url, "[1, 2]"), 400, Malformed);
        await AssertAnswerAsync(path, await SendAsync(caller, method, url, "null"), 400, NotAnObject);
        var field = path == "/api/chat/history/" || path == "/api/chat/message/" ? "message" : "content";
        if (path.StartsWith("/api/chats", StringComparison.Ordinal) && !path.EndsWith("/messages", StringComparison.Ordinal)) field = "title";
        await AssertAnswerAsync(path, await SendAsync(caller, method, url, $$"""{"{{field}}": 5}"""), 400,
            $"The request body is not valid JSON or a field has the wrong type (at $.{field}).");
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task BodiesOverTheByteLimitAnswer413EvenWhenTheirTextIsShort(string method, string path)
    {
        var (caller, url) = await PrepareAsync(path);
        var padded = $$"""{"title": "t", "content": "hi", "message": "hi", "padding": "{{new string('p', 210_000)}}"}""";
        await AssertAnswerAsync(path, await SendAsync(caller, method, url, padded), 413, TooLarge);
        await AssertAnswerAsync(path, await SendAsync(caller, method, url, padded, chunked: true), 413, TooLarge);
    }

    private async Task<(ApiCaller Caller, string Url)> PrepareAsync(string path)
    {
        var caller = await api.SignInAsync();
        if (!path.Contains("{id}", StringComparison.Ordinal)) return (caller, path);
        using var created = await caller.Http.PostJsonAsync("/api/chats", new { title = "for body errors" });
        var id = (await created.JsonAsync()).GetProperty("id").GetGuid();
        return (caller, path.Replace("{id}", id.ToString(), StringComparison.Ordinal));
    }

    private static async Task<HttpResponseMessage> SendAsync(ApiCaller caller, string method, string url, string? body,
        string? contentType = "application/json", bool chunked = false)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null)
        {
            request.Content = chunked ? new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body))) : new StringContent(body);
            request.Content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        }
        return await caller.Http.SendAsync(request);
    }

    private static async Task AssertAnswerAsync(string path, HttpResponseMessage response, int status, string sentence)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(status == (int)response.StatusCode, $"{path}: {(int)response.StatusCode} {text}");
            var body = JsonDocument.Parse(text).RootElement;
            if (path.StartsWith("/prompt_", StringComparison.Ordinal) || path.StartsWith("/api/chat/", StringComparison.Ordinal))
            {
                Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
                Assert.Equal(sentence, body.GetProperty("error").GetString());
            }
            else
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.Equal(status, body.GetProperty("status").GetInt32());
                Assert.Equal(sentence, body.GetProperty("detail").GetString());
            }
        }
    }
}
