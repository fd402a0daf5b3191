using System.Buffers;

namespace Stance.Scoring;

/// <summary>
/// Scores an ensemble: each member with its own engine (compiled or ML.NET), and writes the
/// weighted mean of their probabilities, head by head. The sentence embedding is computed once by
/// the caller and handed to the members that use one (the others get none). Thread-safe as its
/// members are; allocates nothing per text (members' probabilities go to the stack, or to a pooled
/// buffer for very wide models).
/// </summary>
internal sealed class EnsembleEngine : IScoringEngine
{
    private const int StackWidth = 256;

    private readonly IScoringEngine[] _members;
    private readonly float[] _weights;
    private readonly bool[] _usesEmbedding;
    private readonly int _width;

    /// <param name="members">The members' engines, in the order of the ensemble's members.</param>
    /// <param name="weights">Their weights (positive, summing to 1).</param>
    /// <param name="usesEmbedding">Whether each member takes the sentence embedding.</param>
    /// <param name="width">The number of probabilities of a text (all heads' labels).</param>
    public EnsembleEngine(IScoringEngine[] members, float[] weights, bool[] usesEmbedding, int width)
    {
        _members = members;
        _weights = weights;
        _usesEmbedding = usesEmbedding;
        _width = width;
        Name = string.Join('+', members.Select(m => m.Name).Distinct());
    }

    /// <summary>The members' engine: <c>compiled</c>, <c>ml.net</c>, or both joined by <c>+</c> when they differ.</summary>
    public string Name { get; }

    public IReadOnlyList<IScoringEngine> Members => _members;

    public IReadOnlyList<float> Weights => _weights;

    public IReadOnlyList<bool> UsesEmbedding => _usesEmbedding;

    public void Score(string text, ReadOnlySpan<float> embedding, Span<float> probabilities)
    {
        float[]? rented = _width > StackWidth ? ArrayPool<float>.Shared.Rent(_width) : null;
        Span<float> member = rented is null ? stackalloc float[StackWidth] : rented;
        member = member[.._width];
        try
        {
            Span<float> output = probabilities[.._width];
            output.Clear();
            for (int m = 0; m < _members.Length; m++)
            {
                _members[m].Score(text, _usesEmbedding[m] ? embedding : [], member);
                float weight = _weights[m];
                for (int k = 0; k < output.Length; k++)
                {
                    output[k] += weight * member[k];
                }
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<float>.Shared.Return(rented);
            }
        }
    }

    public void Dispose()
    {
        foreach (IScoringEngine member in _members)
        {
            member.Dispose();
        }
    }
}
