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

    [BenchmarkCategory("100,000 quotes"), Benchmark(Baseline = true, Description = "ML.NET engine, ClassifyMany", OperationsPerInvoke = 100_000)]
    public int MlNetMany100000() => MlNet.ClassifyMany(_hundredThousand).Count();

    [BenchmarkCategory("100,000 quotes"), Benchmark(Description = "ClassifyMany", OperationsPerInvoke = 100_000)]
    public int ClassifyMany100000() => Compiled.ClassifyMany(_hundredThousand).Count();
}
