using BenchmarkDotNet.Attributes;

namespace Stance.Benchmarks;

/// <summary>
/// One quote (short, median, long) and a batch of 1,000 for a shipped model of one tier, against
/// the same model file scored by a plain ML.NET prediction engine on the median quote (the
/// baseline of every ratio).
/// </summary>
public abstract class TierBenchmarks
{
    private StanceClassifier _compiled = null!;
    private StanceClassifier _mlnet = null!;
    private string[] _thousand = [];

    /// <summary>The classifier with the compiled scorer, for the derived benchmarks.</summary>
    protected StanceClassifier Compiled => _compiled;

    /// <summary><c>fast</c> or <c>accurate</c>.</summary>
    protected abstract string Tier { get; }

    [GlobalSetup]
    public virtual void Setup()
    {
        string model = Paths.Model(Tier);
        _compiled = StanceClassifier.Load(model, new ClassifierOptions { Engine = ScoringEngine.Compiled });
        _mlnet = StanceClassifier.Load(model, new ClassifierOptions { Engine = ScoringEngine.MlNet });
        _thousand = Quotes.Sample(1_000);

        // Load the sentence encoder (accurate tier) before measuring.
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
