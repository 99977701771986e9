using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using ChatAi.Core.Configuration;
using ChatAi.Tests.Fakes;
using ChatAi.Tests.Infrastructure;

namespace ChatAi.Tests.Reliability;

/// <summary>The app killed while a reply is being generated, on a SQLite file.</summary>
public sealed class CrashDurabilityTests() : CrashDurabilityScenarios(DatabaseProvider.Sqlite);

/// <summary>
/// The app runs as a real separate process (<c>dotnet ChatAi.Web.dll</c>, as deployed), is killed by the fake
/// provider the moment it receives the upstream request for a reply, and is started again on the same database: the
/// user's message must be there. A send that asked the model before committing the message would lose it here.
/// </summary>
public abstract class CrashDurabilityScenarios(DatabaseProvider provider) : IAsyncLifetime
{
    /// <summary>Bounds on waiting for conditions; a process starting on a machine busy with the rest of the suite can take a while.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60), StartPatience = TimeSpan.FromMinutes(3);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "chatai-crash", Guid.NewGuid().ToString("N"));
    private FakeProviders _fakes = null!;
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _fakes = await FakeProviders.StartAsync();
        _database = TestDatabase.Create(provider);
    }

    public async Task DisposeAsync()
    {
        await _fakes.DisposeAsync();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task AUserMessageSurvivesTheProcessBeingKilledAfterTheModelWasAsked()
    {
        const string text = "Remember this message even if the server dies";
        var email = TestUsers.NewEmail("crash");
        Guid chatId;
        using (var first = await AppProcess.StartAsync(AppSettings()))
        {
            using var http = await first.SignUpAndLogInAsync(email);
            chatId = await CreateChatAsync(http, "fault-stall-after-2");
            // The fake kills the app the moment the reply's upstream request has arrived, before answering it: whatever
            // the app had not committed by then is lost. (The chat's title request, if it comes first, just stalls.)
            var killed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            FakeScenario killTheApp = async exchange =>
            {
                if (exchange.Request.Body.Contains(text) && !exchange.Request.Body.Contains("Write a title"))
                {
                    first.Kill();
                    killed.TrySetResult();
                }
                await exchange.StallAsync();
            };
            _fakes.OpenAi.Enqueue(killTheApp);
            _fakes.OpenAi.Enqueue(killTheApp);
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/chats/{chatId}/messages")
            {
                Content = JsonContent.Create(new { content = text }),
            };
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            var sending = http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            await killed.Task.WaitAsync(Patience);
            await Assert.ThrowsAnyAsync<Exception>(async () => { using var _ = await sending; await _.Content.ReadAsStringAsync(); });
        }

        using var second = await AppProcess.StartAsync(AppSettings());
        using var again = await second.LogInAsync(email);
        var messages = await WaitForAsync(async () =>
        {
            var list = await again.GetFromJsonAsync<JsonElement>($"/api/chats/{chatId}/messages");
            return list.EnumerateArray().ToList();
        }, m => m.Count == 2 && (provider != DatabaseProvider.Sqlite || m[1].GetProperty("status").GetString() == "interrupted"),
            "the restarted app to list the user's message and the cut-off reply");
        Assert.Equal("user", messages[0].GetProperty("role").GetString());
        Assert.Equal(text, messages[0].GetProperty("content").GetString());
        Assert.Equal("assistant", messages[1].GetProperty("role").GetString());
        // SQLite means one instance, so its startup sweep marks the reply at once; PostgreSQL waits for the heartbeat to go stale.
        Assert.Contains(messages[1].GetProperty("status").GetString(), provider == DatabaseProvider.Sqlite ? ["interrupted"] : new[] { "interrupted", "streaming" });
    }

    private Dictionary<string, string> AppSettings()
    {
        var settings = _fakes.Settings();
        // The stalled reply must still be generating when the process is killed.
        settings["ChatAi:Providers:Timeouts:FirstTokenSeconds"] = "60";
        settings["ChatAi:Providers:Timeouts:IdleSeconds"] = "60";
        settings["ChatAi:Security:SignInsPerMinute"] = "100000";
        settings["Database:Provider"] = provider.ToString();
        settings["ConnectionStrings:ChatAi"] = _database.ConnectionString ?? $"Data Source={Path.Combine(_directory, "chatai.db")}";
        return settings.ToDictionary(s => s.Key.Replace(":", "__"), s => s.Value ?? "");
    }

    private static async Task<Guid> CreateChatAsync(HttpClient http, string model)
    {
        using var response = await http.PostAsJsonAsync("/api/chats", new { model });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Polls until <paramref name="done"/> holds (a condition, not a fixed sleep), or fails naming what it waited for.</summary>
    private static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (clock.Elapsed > Patience) throw new TimeoutException($"Waited {Patience.TotalSeconds} s for {what}.");
            await Task.Delay(20);
        }
    }

    /// <summary><c>dotnet ChatAi.Web.dll</c> from the test's output folder, on a free loopback port, configured by environment variables.</summary>
    private sealed class AppProcess : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();

        private AppProcess(Process process, string rootUrl)
        {
            _process = process;
            RootUrl = rootUrl;
        }

        public string RootUrl { get; }

        public static async Task<AppProcess> StartAsync(IReadOnlyDictionary<string, string> environment)
        {
            var port = FreePorts.Pick();
            var root = $"http://127.0.0.1:{port}/";
            var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "ChatAi.Web.dll")])
            {
                WorkingDirectory = AppContext.BaseDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var (key, value) in environment) start.Environment[key] = value;
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
            start.Environment["ASPNETCORE_URLS"] = root;
            var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
            var app = new AppProcess(process, root);
            process.OutputDataReceived += (_, e) => app.Log(e.Data);
            process.ErrorDataReceived += (_, e) => app.Log(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await app.WaitUntilHealthyAsync();
            return app;
        }

        private void Log(string? line)
        {
            if (line is null) return;
            lock (_output) _output.AppendLine(line);
        }

        private async Task WaitUntilHealthyAsync()
        {
            using var http = Client();
            var clock = Stopwatch.StartNew();
            while (true)
            {
                if (_process.HasExited) throw new InvalidOperationException($"The app exited with {_process.ExitCode}:\n{Output}");
                try
                {
                    using var response = await http.GetAsync("/healthz");
                    if (response.IsSuccessStatusCode) return;
                }
                catch (HttpRequestException) { }
                if (clock.Elapsed > StartPatience) throw new TimeoutException($"The app did not answer /healthz in {StartPatience.TotalSeconds} s:\n{Output}");
                await Task.Delay(50);
            }
        }

        private string Output
        {
            get { lock (_output) return _output.ToString(); }
        }

        public HttpClient Client() => new() { BaseAddress = new Uri(RootUrl), Timeout = Patience };

        public async Task<HttpClient> SignUpAndLogInAsync(string email)
        {
            using (var http = Client())
            using (var response = await http.PostAsJsonAsync("/api/auth/register", new { email, password = TestUsers.Password }))
                Assert.True(response.IsSuccessStatusCode, $"register: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return await LogInAsync(email);
        }

        public async Task<HttpClient> LogInAsync(string email)
        {
            var http = Client();
            using var response = await http.PostAsJsonAsync("/api/auth/login", new { email, password = TestUsers.Password });
            Assert.True(response.IsSuccessStatusCode, $"login: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return http;
        }

        /// <summary>As a crash would: no shutdown, no final save.</summary>
        public void Kill()
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        public void Dispose()
        {
            if (!_process.HasExited) Kill();
            _process.Dispose();
        }

    }
}
