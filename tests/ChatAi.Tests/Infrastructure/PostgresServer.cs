using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ChatAi.Tests.Infrastructure;

/// <summary>
/// One real PostgreSQL server for the whole test run: <c>initdb</c> into a temp folder, <c>pg_ctl start</c> on a
/// free loopback port (trust auth, nothing durable), one fresh database per test app, stopped and deleted at exit.
/// PostgreSQL refuses to run as root, so as root the server runs as the <c>postgres</c> system user.
/// </summary>
public sealed class PostgresServer
{
    private const string BinEnvironmentVariable = "CHATAI_TEST_PG_BIN";
    private const string ServiceUser = "postgres";
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "chatai-postgres");
    private static readonly Lazy<PostgresServer> Shared = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string _bin;
    private readonly string _directory;
    private readonly string? _runAs;

    private PostgresServer(string bin, string directory, string? runAs, int port)
    {
        _bin = bin;
        _directory = directory;
        _runAs = runAs;
        Port = port;
    }

    /// <summary>The server, started on first use; a start failure is rethrown to every caller.</summary>
    public static PostgresServer Instance => Shared.Value;

    public int Port { get; }

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = ServiceUser,
        Database = database,
        MaxPoolSize = 30,
        IncludeErrorDetail = true,
    }.ConnectionString;

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public string CreateDatabase()
    {
        var name = $"chatai_{Guid.NewGuid():N}";
        using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE \"{name}\"";
        command.ExecuteNonQuery();
        return ConnectionString(name);
    }

    private static PostgresServer Start()
    {
        var bin = FindBinaries();
        var runAs = Environment.IsPrivilegedProcess ? ServiceUser : null;
        RemoveLeftovers(bin, runAs);
        var directory = Path.Combine(Root, $"{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        if (runAs is not null)
        {
            var user = Run("id", ["-u", runAs], directory);
            if (user.ExitCode != 0)
                throw new InvalidOperationException($"PostgreSQL refuses to run as root and there is no '{runAs}' user to run it as. Install the postgresql package (it creates the user) or run the tests as a normal user.");
            Check(Run("chown", ["-R", $"{runAs}:", directory], directory), "chown the server folder");
        }
        var data = Path.Combine(directory, "data");
        Check(RunAs(runAs, Path.Combine(bin, "initdb"),
            ["-D", data, "-U", ServiceUser, "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"], directory), "initdb");

        for (var attempt = 1; ; attempt++)
        {
            var port = FreePorts.Pick();
            // Nothing here must survive a crash, so durability is off: the suite is faster and the data is thrown away.
            var options = $"-p {port} -c listen_addresses=127.0.0.1 -k '{directory}' -c max_connections=400 " +
                          "-c fsync=off -c synchronous_commit=off -c full_page_writes=off";
            var started = RunAs(runAs, Path.Combine(bin, "pg_ctl"),
                ["start", "-D", data, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60", "-o", options], directory);
            if (started.ExitCode == 0)
            {
                var server = new PostgresServer(bin, directory, runAs, port);
                server.StopWhenThisProcessEnds();
                return server;
            }
            if (attempt == 3) Check(started, $"pg_ctl start (log: {ReadLog(directory)})");
        }
    }

    /// <summary>
    /// Stops the server and deletes its folder when this process ends, however it ends: a small shell waits for
    /// end-of-file on a pipe that only this process holds, so even a killed test run cleans up.
    /// </summary>
    private void StopWhenThisProcessEnds()
    {
        var stop = string.Join(' ', StopCommand(_bin, _runAs, _directory).Select(a => $"'{a}'"));
        var reaper = new ProcessStartInfo("sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Root,
        };
        foreach (var argument in (string[])["-c", $"exec >/dev/null 2>&1; cat; {stop}; rm -rf '{_directory}'"]) reaper.ArgumentList.Add(argument);
        var process = Process.Start(reaper) ?? throw new InvalidOperationException("Could not start the PostgreSQL reaper shell.");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => process.StandardInput.Close();
    }

    private static string[] StopCommand(string bin, string? runAs, string directory)
    {
        string[] stop = [Path.Combine(bin, "pg_ctl"), "stop", "-D", Path.Combine(directory, "data"), "-m", "immediate", "-w"];
        return runAs is null ? stop : ["runuser", "-u", runAs, "--", .. stop];
    }

    /// <summary>Stops servers and deletes folders left by test runs that were killed before they could clean up.</summary>
    private static void RemoveLeftovers(string bin, string? runAs)
    {
        if (!Directory.Exists(Root)) return;
        foreach (var folder in Directory.GetDirectories(Root))
        {
            var owner = Path.GetFileName(folder).Split('-')[0];
            if (!int.TryParse(owner, out var pid) || IsRunning(pid)) continue;
            if (File.Exists(Path.Combine(folder, "data", "postmaster.pid")))
            {
                var stop = StopCommand(bin, runAs, folder);
                Run(stop[0], stop[1..], Root);
            }
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static bool IsRunning(int pid)
    {
        try { using var process = Process.GetProcessById(pid); return !process.HasExited; }
        catch (ArgumentException) { return false; }
    }

    private static string FindBinaries()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable(BinEnvironmentVariable) is { Length: > 0 } configured) candidates.Add(configured);
        if (Directory.Exists("/usr/lib/postgresql"))
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")));
        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
            ?? throw new InvalidOperationException(
                "The PostgreSQL tests need a PostgreSQL server (initdb and pg_ctl), found neither in /usr/lib/postgresql/*/bin nor on PATH. " +
                $"Install it (Debian: apt-get install -y postgresql; scripts/test.sh does this) or set {BinEnvironmentVariable} to its bin folder.");
    }


    private static string ReadLog(string directory)
    {
        var log = Path.Combine(directory, "server.log");
        return File.Exists(log) ? File.ReadAllText(log) : "none";
    }

    private static (int ExitCode, string Output) RunAs(string? user, string file, string[] arguments, string workingDirectory) =>
        user is null ? Run(file, arguments, workingDirectory) : Run("runuser", ["-u", user, "--", file, .. arguments], workingDirectory);

    private static (int ExitCode, string Output) Run(string file, string[] arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory, // the postgres user may not be able to enter the test's folder
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{file} timed out");
        }
        return (process.ExitCode, output.Result + error.Result);
    }

    private static void Check((int ExitCode, string Output) result, string what)
    {
        if (result.ExitCode != 0) throw new InvalidOperationException($"Starting the test PostgreSQL server failed at {what} (exit {result.ExitCode}): {result.Output}");
    }
}
