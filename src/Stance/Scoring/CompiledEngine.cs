using Microsoft.Extensions.ObjectPool;

namespace Stance.Scoring;

/// <summary>Scores with a <see cref="LinearScorer"/>, lending each thread a pooled scratch.</summary>
internal sealed class CompiledEngine : IScoringEngine
{
    private readonly ObjectPool<ScoringScratch> _scratches;

    public CompiledEngine(LinearScorer scorer)
    {
        Scorer = scorer;
        _scratches = new DefaultObjectPool<ScoringScratch>(new ScratchPolicy(scorer), Environment.ProcessorCount * 2);
    }

    public string Name => "compiled";

    public LinearScorer Scorer { get; }

    public void Score(string text, ReadOnlySpan<float> embedding, Span<float> probabilities)
    {
        ScoringScratch scratch = _scratches.Get();
        try
        {
            Scorer.Score(text, embedding, probabilities, scratch);
        }
        finally
        {
            _scratches.Return(scratch);
        }
    }

    public void Dispose()
    {
    }

    private sealed class ScratchPolicy(LinearScorer scorer) : PooledObjectPolicy<ScoringScratch>
    {
        public override ScoringScratch Create() => scorer.CreateScratch();

        public override bool Return(ScoringScratch obj) => true;
    }
}
