using System.Net;

namespace ChatAi.Tests.Api;

/// <summary>The OpenAPI document and the Swagger UI page that renders it.</summary>
public sealed class OpenApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task TheDocumentListsEveryApiRouteAndNothingOfTheUi()
    {
        var document = await api.Anonymous().GetJsonAsync("/openapi/v1.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        string[] expected =
        [
            "/prompt_gpt/", "/prompt_gemini/", "/get_chat_messages/{chat_id}/", "/todays_chat/", "/yesterdays_chat/", "/seven_days_chat/",
            "/api/chat/history/", "/api/chat/message/", "/api/models", "/api/chats", "/api/chats/{id}", "/api/chats/{id}/messages",
            "/api/auth/register", "/api/auth/login",
        ];
        foreach (var path in expected) Assert.Contains(path, paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("/Account", StringComparison.OrdinalIgnoreCase) || p.StartsWith("/_framework"));
        var send = document.GetProperty("paths").GetProperty("/api/chats/{id}/messages").GetProperty("post");
        Assert.True(send.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
    }

    [Fact]
    public async Task TheDocumentDescribesAuthenticationAndEachFamilysErrorAnswers()
    {
        var document = await api.Anonymous().GetJsonAsync("/openapi/v1.json");
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("bearer").GetProperty("scheme").GetString());
        Assert.Equal("cookie", schemes.GetProperty("cookie").GetProperty("in").GetString());
        var paths = document.GetProperty("paths");

        // A send names every status of API.md's error table, in its family's shape, and says how to authenticate.
        var send = paths.GetProperty("/api/chats/{id}/messages").GetProperty("post");
        Assert.Equal(["bearer", "cookie"], send.GetProperty("security").EnumerateArray().Select(r => r.EnumerateObject().Single().Name));
        var responses = send.GetProperty("responses");
        foreach (var status in new[] { "400", "401", "404", "409", "413", "415", "422", "429", "502", "503", "504" })
            Assert.EndsWith("/ProblemDetails", responses.GetProperty(status).GetProperty("content").GetProperty("application/problem+json")
                .GetProperty("schema").GetProperty("$ref").GetString());
        var prompt = paths.GetProperty("/prompt_gpt/").GetProperty("post").GetProperty("responses");
        foreach (var status in new[] { "400", "401", "404", "409", "429", "502", "503" })
            Assert.EndsWith("/LegacyError", prompt.GetProperty(status).GetProperty("content").GetProperty("application/json")
                .GetProperty("schema").GetProperty("$ref").GetString());
        Assert.True(paths.GetProperty("/api/chats/{id}").GetProperty("delete").GetProperty("responses").TryGetProperty("404", out _));

        // Signing in needs no credentials.
        Assert.False(paths.GetProperty("/api/auth/login").GetProperty("post").TryGetProperty("security", out _));
    }

    [Fact]
    public async Task TheDocsPageRendersTheDocument()
    {
        var client = api.Anonymous();
        using var page = await client.GetAsync("/api/docs/index.html");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("swagger-ui", await page.Content.ReadAsStringAsync());
        using var script = await client.GetAsync("/api/docs/index.js");
        Assert.Contains("/openapi/v1.json", await script.Content.ReadAsStringAsync());
    }
}
