using BenchmarkDotNet.Attributes;

namespace Stance.Benchmarks;

/// <summary>
/// The accurate tier (n-grams and sentence embeddings): one quote and a batch, against the same
/// model scored by a plain ML.NET prediction engine. The encoder dominates both; a batch of
/// 100,000 quotes would take a quarter of an hour per operation, so the batch is 1,000.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class AccurateTierBenchmarks
{
    private StanceClassifier _compiled = null!;
    private StanceClassifier _mlnet = null!;
    private string[] _thousand = [];

    [GlobalSetup]
    public void Setup()
    {
        string model = Paths.Model("accurate");
        _compiled = StanceClassifier.Load(model, new ClassifierOptions { Engine = ScoringEngine.Compiled });
        _mlnet = StanceClassifier.Load(model, new ClassifierOptions { Engine = ScoringEngine.MlNet });
        _thousand = Quotes.Sample(1_000);
        _compiled.Classify(Quotes.Median);
        _mlnet.Classify(Quotes.Median);
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
}
