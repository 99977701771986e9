using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ChatAi.Tests.Infrastructure;

/// <summary>
/// Debian's nginx on a loopback port, running the shipped deploy/nginx/chatai.conf with its two
/// example instances replaced by the test's. Everything it writes stays in a temporary folder.
/// </summary>
public sealed class NginxServer : IDisposable
{
    private const string Binary = "/usr/sbin/nginx";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "chatai-nginx", Guid.NewGuid().ToString("N"));
    private readonly Process _process;

    private NginxServer(string siteConfig)
    {
        Port = FreePorts.Pick();
        Directory.CreateDirectory(_directory);
        // Workers run as nobody when started by root: let them use the folder.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(_directory, (UnixFileMode)0b111_111_111);
        var site = siteConfig.Replace("listen 8080;", $"listen 127.0.0.1:{Port};", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(_directory, "chatai.conf"), site);
        var temp = string.Join("\n", new[] { "client_body", "proxy", "fastcgi", "uwsgi", "scgi" }
            .Select(t => $"    {t}_temp_path {_directory}/{t};"));
        File.WriteAllText(Path.Combine(_directory, "nginx.conf"), $$"""
            worker_processes 1;
            daemon off;
            pid {{_directory}}/nginx.pid;
            error_log {{_directory}}/error.log warn;
            events { worker_connections 512; }
            http {
                access_log off;
            {{temp}}
                include {{_directory}}/chatai.conf;
            }
            """);
        _process = Process.Start(new ProcessStartInfo(Binary, ["-c", Path.Combine(_directory, "nginx.conf"), "-p", _directory])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("nginx did not start");
    }

    public int Port { get; }
    public string RootUrl => $"http://127.0.0.1:{Port}/";

    /// <summary>Starts nginx in front of the given instances (as <c>http://127.0.0.1:PORT/</c> root URLs).</summary>
    public static async Task<NginxServer> StartAsync(params string[] instances)
    {
        if (!File.Exists(Binary)) throw new InvalidOperationException($"{Binary} is missing: apt-get install -y nginx (scripts/test.sh does).");
        var shipped = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "deploy", "nginx", "chatai.conf"));
        var servers = string.Join("\n", instances.Select(i => $"    server {new Uri(i).Authority} max_fails=1 fail_timeout=10s;"));
        var lines = shipped.Split('\n').Where(l => !l.TrimStart().StartsWith("server 127.0.0.1:", StringComparison.Ordinal)).ToList();
        lines.Insert(lines.FindIndex(l => l.TrimStart().StartsWith("ip_hash", StringComparison.Ordinal)) + 1, servers);
        var nginx = new NginxServer(string.Join("\n", lines));
        await nginx.WaitUntilListeningAsync();
        return nginx;
    }

    private async Task WaitUntilListeningAsync()
    {
        for (var i = 0; i < 100; i++)
        {
            if (_process.HasExited)
                throw new InvalidOperationException("nginx exited: " + await _process.StandardError.ReadToEndAsync());
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) { await Task.Delay(50); }
        }
        throw new TimeoutException("nginx did not start listening");
    }


    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ChatAi.Blazor.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("ChatAi.Blazor.sln not found above the test output");
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) { _process.Kill(entireProcessTree: true); _process.WaitForExit(5000); }
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
