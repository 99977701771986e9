using System.Net;
using System.Text;
using ChatAi.Tests.Fakes;

namespace ChatAi.Tests.Providers;

/// <summary>The fakes themselves: wire bytes as WIRE.md has them, selection by header, and a redirect target that would notice a leaked key.</summary>
public sealed class FakeServerTests
{
    private const string OpenAiBody = """{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"Hi"}]}""";
    private const string GeminiBody = """{"contents":[{"role":"user","parts":[{"text":"Hi"}]}]}""";

    [Fact]
    public async Task OpenAiStreamsLfFramedChunksWithUsageThenDone()
    {
        await using var server = await FakeOpenAiServer.StartNewAsync();
        using var http = new HttpClient();

        using var response = await http.PostAsync(server.BaseUrl + "/chat/completions", Json(OpenAiBody));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/event-stream; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
        Assert.StartsWith("data: {\"id\":\"chatcmpl-FAKE1\"", text, StringComparison.Ordinal);
        Assert.Contains("\"obfuscation\":", text, StringComparison.Ordinal);
        Assert.Contains("\"choices\":[],\"usage\":{\"prompt_tokens\":1,", text, StringComparison.Ordinal);
        Assert.EndsWith("\n\ndata: [DONE]\n\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GeminiStreamsCrlfFramedPrettyChunksWithoutDone()
    {
        await using var server = await FakeGeminiServer.StartNewAsync();
        using var http = new HttpClient();

        using var response = await http.PostAsync(server.BaseUrl + "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", Json(GeminiBody));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"Echo: \"}],\"role\": \"model\"}", text, StringComparison.Ordinal);
        Assert.Equal(0, text.Replace("\r\n", "", StringComparison.Ordinal).Count(c => c == '\n'));
        Assert.Contains("\"finishReason\": \"STOP\"", text, StringComparison.Ordinal);
        Assert.EndsWith("}\r\n\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("[DONE]", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task XFaultHeaderSelectsTheScenarioAndRequestsAreRecorded()
    {
        await using var server = await FakeGeminiServer.StartNewAsync();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, server.BaseUrl + "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse")
        {
            Content = Json(GeminiBody),
        };
        request.Headers.Add("X-Fault", "gemini-429-day");
        request.Headers.Add("x-goog-api-key", "AIza-recorded");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Contains("PerDay", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var recorded = Assert.Single(server.Requests);
        Assert.Equal("AIza-recorded", recorded.Header("X-GOOG-API-KEY"));
        Assert.Equal(GeminiBody, recorded.Body);
        Assert.Equal("?alt=sse", recorded.Query);
    }

    [Fact]
    public async Task RedirectTargetRecordsAKeyThatANaiveClientForwards()
    {
        // HttpClient drops Authorization on redirect but keeps custom headers such as x-goog-api-key:
        // exactly the leak the providers avoid by not following redirects.
        await using var server = await FakeGeminiServer.StartNewAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = true });
        using var request = new HttpRequestMessage(HttpMethod.Post, server.BaseUrl + "/v1beta/models/fault-redirect:streamGenerateContent?alt=sse")
        {
            Content = Json(GeminiBody),
        };
        request.Headers.Add("x-goog-api-key", "AIza-leaked");

        using var response = await http.SendAsync(request);

        Assert.Equal("redirect target reached", await response.Content.ReadAsStringAsync());
        Assert.Equal("AIza-leaked", Assert.Single(server.RedirectedRequests).Header("x-goog-api-key"));
    }

    [Fact]
    public async Task QueuedScenariosRunInOrderBeforeTheNamedOne()
    {
        await using var server = await FakeOpenAiServer.StartNewAsync();
        server.Enqueue(FakeOpenAiServer.Error(418, "{}"));
        using var http = new HttpClient();

        using var first = await http.PostAsync(server.BaseUrl + "/chat/completions", Json(OpenAiBody));
        using var second = await http.PostAsync(server.BaseUrl + "/chat/completions", Json(OpenAiBody));

        Assert.Equal((HttpStatusCode)418, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(2, server.RequestCount);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
