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
