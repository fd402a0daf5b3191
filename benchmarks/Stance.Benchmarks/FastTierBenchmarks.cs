using BenchmarkDotNet.Attributes;

namespace Stance.Benchmarks;

/// <summary>The fast tier (word n-grams, compiled scorer), and a nightly-job-sized batch.</summary>
[MemoryDiagnoser]
public class FastTierBenchmarks : TierBenchmarks
{
    private string[] _hundredThousand = [];

    protected override string Tier => "fast";

    public override void Setup()
    {
        base.Setup();
        _hundredThousand = Quotes.Sample(100_000);
    }

    [Benchmark(Description = "ClassifyMany, 100,000 quotes", OperationsPerInvoke = 100_000)]
    public int ClassifyMany100000() => Compiled.ClassifyMany(_hundredThousand).Count();
}
