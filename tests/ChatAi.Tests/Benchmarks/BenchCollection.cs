namespace ChatAi.Tests.Benchmarks;

/// <summary>
/// Every benchmark is in this one collection, run alone (no other collection at the same time) and one
/// test at a time, so no figure measures another benchmark's load. <c>bench/run.sh</c> runs them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BenchCollection : ICollectionFixture<BenchBrowser>
{
    public const string Name = "benchmarks";

    /// <summary>The trait <c>scripts/test.sh</c> filters out and <c>bench/run.sh</c> selects.</summary>
    public const string Category = "Benchmark";
}
