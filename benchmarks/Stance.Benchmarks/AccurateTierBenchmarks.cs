using BenchmarkDotNet.Attributes;

namespace Stance.Benchmarks;

/// <summary>
/// The default model, <c>models/stance.zip</c>: the ensemble of the accurate tier (n-grams and
/// sentence embeddings) and the fast tier, one embedding per text. The encoder dominates; a batch of
/// 100,000 quotes would take a quarter of an hour per operation, so the largest batch is 1,000
/// and the job runs fewer iterations.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class AccurateTierBenchmarks : TierBenchmarks
{
    protected override string Tier => ModelMetadata.EnsembleTier;
}
