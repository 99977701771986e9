using System.Diagnostics;

namespace ChatAi.Tests.Benchmarks;

/// <summary>Percentiles (nearest rank) and the clocks the benchmarks read.</summary>
public static class Stats
{
    public static double Percentile(IEnumerable<double> values, double percentile)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static double Median(IEnumerable<double> values) => Percentile(values, 50);

    /// <summary>Milliseconds since <paramref name="startTimestamp"/> (a <see cref="Stopwatch.GetTimestamp()"/>).</summary>
    public static double MsSince(long startTimestamp) => Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds;

    /// <summary>CPU time this whole process has used (the app, the fakes and the clients all run in it).</summary>
    public static TimeSpan ProcessCpu => Environment.CpuUsage.TotalTime;

    /// <summary>Managed heap after full, compacting collections (finalizers run in between).</summary>
    public static long HeapAfterFullGc()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
