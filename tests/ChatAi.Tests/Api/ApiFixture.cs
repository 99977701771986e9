using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ChatAi.Tests.Infrastructure;

namespace ChatAi.Tests.Api;

/// <summary>
/// The real app on a loopback port, wired to both fake providers, reached only over HTTP as an
/// external client would. <see cref="Extra"/> settings tune it per test class.
/// </summary>
public class ApiFixture : IAsyncLifetime
{
    public FakeProviders Fakes { get; private set; } = null!;
    public ChatAiApplication App { get; private set; } = null!;
    public string RootUrl { get; private set; } = "";

    protected virtual IDictionary<string, string?> Extra => new Dictionary<string, string?>();

    protected virtual TestDatabase CreateDatabase() => TestDatabase.Sqlite();

    public async Task InitializeAsync()
    {
        Fakes = await FakeProviders.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["ChatAi:MaxSendsPerMinute"] = "1000",
            ["ChatAi:MaxChatWritesPerMinute"] = "1000",
            // With both cores busy a healthy stream can pause for more than the shared 2 s (seen under stress-ng: a
            // 400 ms trickle cut after three words); the stall scenarios then take 10 s to time out, which is fine.
            ["ChatAi:Providers:Timeouts:FirstTokenSeconds"] = "10",
            ["ChatAi:Providers:Timeouts:IdleSeconds"] = "10",
            // Extra fault models the shared lists lack.
            ["ChatAi:Providers:OpenAI:Models:12"] = "fault-429-retry-after-1",
            ["ChatAi:Providers:OpenAI:Models:13"] = "fault-trickle-400",
        };
        foreach (var (key, value) in Extra) settings[key] = value;
        App = Fakes.CreateApp(kestrel: true, settings, CreateDatabase());
        RootUrl = App.RootUrl;
    }

    public async Task DisposeAsync()
    {
        App.Dispose();
        await Fakes.DisposeAsync();
    }

    public HttpClient Anonymous() => ApiClients.Create(RootUrl);

    /// <summary>A user created through Identity, signed in over HTTP with <c>POST /api/auth/login</c> (bearer token).</summary>
    public async Task<ApiCaller> SignInAsync(string name = "user")
    {
        var email = TestUsers.NewEmail(name);
        var id = await App.CreateUserAsync(email);
        var client = Anonymous();
        var token = await ApiClients.LoginAsync(client, email, TestUsers.Password);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new ApiCaller(id, email, client);
    }
}

public sealed record ApiCaller(string Id, string Email, HttpClient Http);

public static class ApiClients
{
    /// <summary>
    /// No redirects followed (a 302 to the login page must show) and no cookies unless asked for. Disposing
    /// a half-read response closes the connection, as a closed browser tab does, instead of draining it.
    /// </summary>
    public static HttpClient Create(string rootUrl, bool cookies = false) =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = cookies, MaxResponseDrainSize = 0 })
        {
            BaseAddress = new Uri(rootUrl),
            Timeout = TimeSpan.FromSeconds(30),
        };

    public static async Task<string> LoginAsync(HttpClient client, string email, string password)
    {
        using var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("accessToken").GetString()!;
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body);

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }

    /// <summary>The <c>{"error": …}</c> sentence of an original endpoint's error.</summary>
    public static async Task<string> ErrorAsync(this HttpResponseMessage response) =>
        (await response.JsonAsync()).GetProperty("error").GetString()!;

    public static async Task<HttpResponseMessage> PromptAsync(this HttpClient client, string provider, Guid chatId, string content, string? model = null)
    {
        var path = provider == "gemini" ? "/prompt_gemini/" : "/prompt_gpt/";
        return await client.PostAsJsonAsync(path, model is null ? new { chat_id = chatId, content } : (object)new { chat_id = chatId, content, model });
    }

    public static async Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string url, string body, string contentType = "application/json")
    {
        using var content = new StringContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return await client.PostAsync(url, content);
    }
}

public static class Waits
{
    public static async Task UntilAsync(Func<bool> condition, int timeoutMs = 5000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition did not become true in time.");
            await Task.Delay(20);
        }
    }
}
