using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace Stance.Benchmarks;

/// <summary>Load a model and classify one quote, in a fresh process each time (cold start).</summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.ColdStart, launchCount: 5, warmupCount: 0, iterationCount: 1)]
public class ColdStartBenchmarks
{
    [Params("fast", "accurate")]
    public string Tier { get; set; } = "fast";

    private string _model = string.Empty;

    [GlobalSetup]
    public void Setup() => _model = Paths.Model(Tier);

    [Benchmark(Baseline = true, Description = "ML.NET chain: load + first prediction")]
    public Classification MlNetLoadAndClassify()
    {
        using StanceClassifier classifier = StanceClassifier.Load(_model, new ClassifierOptions { Engine = ScoringEngine.MlNet });
        return classifier.Classify(Quotes.Median);
    }

    [Benchmark(Description = "Stance: load + first prediction")]
    public Classification LoadAndClassify()
    {
        using StanceClassifier classifier = StanceClassifier.Load(_model);
        return classifier.Classify(Quotes.Median);
    }
}
