using BenchmarkDotNet.Attributes;

namespace Stance.Benchmarks;

/// <summary>
/// The fast tier: one quote (short, median, long) and batches, against the same model scored by a
/// plain ML.NET prediction engine on the median quote (the baseline of every ratio).
/// </summary>
[MemoryDiagnoser]
public class FastTierBenchmarks
{
    private StanceClassifier _compiled = null!;
    private StanceClassifier _mlnet = null!;
    private string[] _thousand = [];
    private string[] _hundredThousand = [];

    [GlobalSetup]
    public void Setup()
    {
        string model = Paths.Model("fast");
        _compiled = StanceClassifier.Load(model, new ClassifierOptions { Engine = ScoringEngine.Compiled });
        _mlnet = StanceClassifier.Load(model, new ClassifierOptions { Engine = ScoringEngine.MlNet });
        _thousand = Quotes.Sample(1_000);
        _hundredThousand = Quotes.Sample(100_000);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _compiled.Dispose();
        _mlnet.Dispose();
    }

    [Benchmark(Baseline = true, Description = "ML.NET PredictionEngine, median quote")]
    public Classification MlNetPredictionEngine() => _mlnet.Classify(Quotes.Median);

    [Benchmark(Description = "Classify, short quote")]
    public Classification ClassifyShort() => _compiled.Classify(Quotes.Short);

    [Benchmark(Description = "Classify, median quote")]
    public Classification ClassifyMedian() => _compiled.Classify(Quotes.Median);

    [Benchmark(Description = "Classify, long quote")]
    public Classification ClassifyLong() => _compiled.Classify(Quotes.Long);

    [Benchmark(Description = "ClassifyMany, 1,000 quotes", OperationsPerInvoke = 1_000)]
    public int ClassifyMany1000() => _compiled.ClassifyMany(_thousand).Count();

    [Benchmark(Description = "ClassifyMany, 100,000 quotes", OperationsPerInvoke = 100_000)]
    public int ClassifyMany100000() => _compiled.ClassifyMany(_hundredThousand).Count();
}
