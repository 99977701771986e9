using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using ChatAi.Tests.Api;
using ChatAi.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace ChatAi.Tests.Security;

/// <summary>
/// The providers' API keys (canaries containing "CANARY") never reach a page, an API response, an error or a log
/// line of any level, whatever the provider answers: success, 401 (OpenAI's echoes a masked key), 403, 500,
/// quota, a mid-stream error, a stall, a timeout, a redirect.
/// </summary>
public sealed class SecretLeakTests
{
    private static readonly string[] OpenAiModels =
        ["gpt-4o-mini", "fault-401", "fault-403", "fault-500", "fault-429-quota", "fault-stall-after-2", "fault-error-after-1",
         "fault-redirect", "fault-slow-headers-5000"];
    private static readonly string[] GeminiModels =
        ["gemini-2.5-flash", "fault-400-key", "fault-403", "fault-500", "fault-stall-after-2", "fault-block-prompt", "fault-redirect"];

    /// <summary>The keys, their masked echo (OpenAI: "sk-test****…CANY") and their recognisable prefixes.</summary>
    private static readonly string[] Secrets =
        ["CANARY", FakeProviders.OpenAiKey, FakeProviders.GeminiKey, "sk-test", "AIza-test", "Incorrect API key provided"];

    [Fact]
    public async Task TheApiKeysAppearInNoPageResponseOrLogLineWhateverTheProvidersAnswer()
    {
        await using var fakes = await FakeProviders.StartAsync();
        var settings = fakes.Settings();
        settings["ChatAi:MaxSendsPerMinute"] = "1000";
        settings["ChatAi:MaxChatWritesPerMinute"] = "1000";
        settings["ChatAi:MaxConcurrentGenerations"] = "100";
        for (var i = 0; i < OpenAiModels.Length; i++) settings[$"ChatAi:Providers:OpenAI:Models:{i}"] = OpenAiModels[i];
        for (var i = 0; i < GeminiModels.Length; i++) settings[$"ChatAi:Providers:Gemini:Models:{i}"] = GeminiModels[i];
        using var app = new ChatAiApplication(kestrel: true, settings) { CaptureLogsFrom = LogLevel.Trace };
        var email = TestUsers.NewEmail("canary");
        await app.CreateUserAsync(email);
        var browser = ApiClients.Create(app.RootUrl, cookies: true);
        (await browser.PostAsJsonAsync("/api/auth/login?useCookies=true", new { email, password = TestUsers.Password })).Dispose();
        var bearer = ApiClients.Create(app.RootUrl);
        bearer.DefaultRequestHeaders.Authorization = new("Bearer", await ApiClients.LoginAsync(bearer, email, TestUsers.Password));
        var seen = new Seen();

        // Every model of both providers through the original endpoints (JSON) and the current one (streamed).
        var sends = new List<Task>();
        foreach (var (provider, models) in new[] { ("openai", OpenAiModels), ("gemini", GeminiModels) })
            foreach (var model in models)
            {
                sends.Add(seen.AddAsync(bearer.PromptAsync(provider, Guid.NewGuid(), $"legacy {model}", model)));
                sends.Add(StreamAsync(browser, model, seen));
            }
        sends.Add(seen.AddAsync(bearer.PostJsonAsync("/api/chat/message/", new { message = "flat log", provider = "openai", model = "fault-401" })));
        await Task.WhenAll(sends);

        // Everything that shows the stored results: API reads, and the server-rendered pages (the UI's first render).
        var chats = await bearer.GetJsonAsync("/api/chats?limit=100");
        var ids = chats.GetProperty("chats").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ToList();
        Assert.True(ids.Count >= OpenAiModels.Length + GeminiModels.Length, $"only {ids.Count} chats");
        string[] reads = ["/api/models", "/api/chats?limit=100", "/todays_chat/", "/api/chat/history/", "/openapi/v1.json", "/api/auth/manage/info"];
        foreach (var path in reads.Concat(ids.SelectMany(id => new[] { $"/api/chats/{id}/messages", $"/get_chat_messages/{id}/" })))
            await seen.AddAsync(bearer.GetAsync(path));
        string[] pages = ["/", "/Error", "/not-found", "/Account/Manage", "/healthz", "/api/nothing-here"];
        foreach (var path in pages.Concat(ids.Select(id => $"/chat/{id}")))
            await seen.AddAsync(browser.GetAsync(path));
        Assert.Contains("rejected the API key", seen.Text); // the failures really were shown

        foreach (var secret in Secrets)
            Assert.False(seen.Text.Contains(secret, StringComparison.Ordinal), $"A response contains \"{secret}\":\n{Around(seen.Text, secret)}");

        var logs = app.Logs.Lines;
        Assert.Contains(logs, line => line.StartsWith("Trace ", StringComparison.Ordinal)); // Trace really was captured
        Assert.Contains(logs, line => line.Contains("Unauthorized", StringComparison.Ordinal)); // and so were the failures
        foreach (var secret in Secrets)
        {
            var leaks = logs.Where(line => line.Contains(secret, StringComparison.Ordinal)).Take(3).ToList();
            Assert.True(leaks.Count == 0, $"{leaks.Count}+ log lines contain \"{secret}\":\n{string.Join("\n", leaks)}");
        }
    }

    private static async Task StreamAsync(HttpClient client, string model, Seen seen)
    {
        using var created = await client.PostJsonAsync("/api/chats", new { model });
        var id = (await created.JsonAsync()).GetProperty("id").GetGuid();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/chats/{id}/messages") { Content = JsonContent.Create(new { content = $"streamed {model}" }) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        await seen.AddAsync(client.SendAsync(request));
    }

    private static string Around(string text, string secret)
    {
        var at = text.IndexOf(secret, StringComparison.Ordinal);
        return text[Math.Max(0, at - 300)..Math.Min(text.Length, at + 300)];
    }

    /// <summary>Every response's status, headers and body, as one text.</summary>
    private sealed class Seen
    {
        private readonly StringBuilder _text = new();

        public string Text { get { lock (_text) return _text.ToString(); } }

        public async Task AddAsync(Task<HttpResponseMessage> sending)
        {
            using var response = await sending;
            var body = await response.Content.ReadAsStringAsync();
            lock (_text)
                _text.Append($"{response.RequestMessage?.RequestUri} {(int)response.StatusCode}\n{response.Headers}{response.Content.Headers}\n{body}\n\n");
        }
    }
}
