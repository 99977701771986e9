using System.Globalization;
using Xunit.Abstractions;

namespace ChatAi.Tests.Benchmarks;

/// <summary>One row of the table in bench/README.md. Values are already formatted with their unit.</summary>
public sealed record BenchRow(string Figure, string Metric, string Value, string Baseline, string Ratio, string Aim, bool? Met, string Note = "");

/// <summary>
/// Appends rows to the results file <c>bench/run.sh</c> turns into the table (tab-separated, one row a line),
/// and echoes them to the test output. Benchmarks never assert on a timing: they only report it.
/// </summary>
public static class BenchResults
{
    public const string FileVariable = "CHATAI_BENCH_RESULTS";
    private static readonly Lock Gate = new();

    public static string FilePath => Environment.GetEnvironmentVariable(FileVariable) is { Length: > 0 } path
        ? path
        : Path.Combine(Path.GetTempPath(), "chatai-bench-results.tsv");

    public static void Write(ITestOutputHelper output, BenchRow row)
    {
        string[] cells = [row.Figure, row.Metric, row.Value, row.Baseline, row.Ratio, row.Aim,
            row.Met switch { true => "yes", false => "**no**", null => "—" }, row.Note];
        var line = string.Join('\t', cells.Select(c => c.Replace('\t', ' ').Replace('\n', ' ').Replace("|", "\\|")));
        lock (Gate) File.AppendAllText(FilePath, line + "\n");
        output.WriteLine(line);
    }
}

/// <summary>Number formatting shared by the rows.</summary>
public static class Fmt
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string Ms(double ms) => Math.Abs(ms) >= 100 ? ms.ToString("0", C) + " ms" : ms.ToString("0.0", C) + " ms";
    /// <summary>A difference with its sign: "+4.7 ms", "−439 ms" (a tail can come out negative when the baseline's tail was the slower one).</summary>
    public static string DeltaMs(double ms) => (ms < 0 ? "−" : "+") + Ms(Math.Abs(ms));
    public static string Ratio(double ratio) => ratio.ToString(ratio >= 10 ? "0" : "0.00", C) + "×";
    public static string N(double value, string format = "0") => value.ToString(format, C);
    public static string Bytes(double bytes) => bytes >= 1 << 20
        ? (bytes / (1 << 20)).ToString("0.0", C) + " MiB"
        : bytes >= 1 << 10 ? (bytes / (1 << 10)).ToString("0.0", C) + " KiB" : bytes.ToString("0", C) + " B";
}
