using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Stance.Benchmarks;

/// <summary>
/// One quote (short, median, long) and a batch of 1,000 for a shipped model of one tier. Each
/// quote length and the batch is a category with its own baseline: the same model file scored by
/// a plain ML.NET prediction engine on the same input, so every ratio compares like with like.
/// </summary>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public abstract class TierBenchmarks
{
    private StanceClassifier _compiled = null!;
    private StanceClassifier _mlnet = null!;
    private string[] _thousand = [];

    /// <summary>The classifier with the compiled scorer, for the derived benchmarks.</summary>
    protected StanceClassifier Compiled => _compiled;

    /// <summary>The same model scored by ML.NET, for the derived benchmarks' baselines.</summary>
    protected StanceClassifier MlNet => _mlnet;

    /// <summary><c>fast</c>, <c>accurate</c> or <c>ensemble</c> (the default model).</summary>
    protected abstract string Tier { get; }

    [GlobalSetup]
    public virtual void Setup()
    {
        string model = Paths.Model(Tier);
        _compiled = StanceClassifier.Load(model, new ClassifierOptions { Engine = ScoringEngine.Compiled });
        _mlnet = StanceClassifier.Load(model, new ClassifierOptions { Engine = ScoringEngine.MlNet });
        _thousand = Quotes.Sample(1_000);

        // Load the sentence encoder (accurate tier, ensemble) before measuring.
        _compiled.Classify(Quotes.Median);
        _mlnet.Classify(Quotes.Median);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _compiled.Dispose();
        _mlnet.Dispose();
    }

    [BenchmarkCategory("short quote"), Benchmark(Baseline = true, Description = "ML.NET PredictionEngine")]
    public Classification MlNetShort() => _mlnet.Classify(Quotes.Short);

    [BenchmarkCategory("short quote"), Benchmark(Description = "Classify")]
    public Classification ClassifyShort() => _compiled.Classify(Quotes.Short);

    [BenchmarkCategory("median quote"), Benchmark(Baseline = true, Description = "ML.NET PredictionEngine")]
    public Classification MlNetMedian() => _mlnet.Classify(Quotes.Median);

    [BenchmarkCategory("median quote"), Benchmark(Description = "Classify")]
    public Classification ClassifyMedian() => _compiled.Classify(Quotes.Median);

    [BenchmarkCategory("long quote"), Benchmark(Baseline = true, Description = "ML.NET PredictionEngine")]
    public Classification MlNetLong() => _mlnet.Classify(Quotes.Long);

    [BenchmarkCategory("long quote"), Benchmark(Description = "Classify")]
    public Classification ClassifyLong() => _compiled.Classify(Quotes.Long);

    [BenchmarkCategory("1,000 quotes"), Benchmark(Baseline = true, Description = "ML.NET engine, ClassifyMany", OperationsPerInvoke = 1_000)]
    public int MlNetMany1000() => _mlnet.ClassifyMany(_thousand).Count();

    [BenchmarkCategory("1,000 quotes"), Benchmark(Description = "ClassifyMany", OperationsPerInvoke = 1_000)]
    public int ClassifyMany1000() => _compiled.ClassifyMany(_thousand).Count();
}
