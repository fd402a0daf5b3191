namespace Stance;

/// <summary>
/// The one place that knows how a model's probabilities are laid out in a flat vector: every
/// label of the first head, then every label of the second, in the heads' label order. Engines
/// write this layout; batches, classifications and explanations read it through here.
/// </summary>
internal sealed class ProbabilityLayout
{
    private readonly int[] _offsets;

    public ProbabilityLayout(IReadOnlyList<HeadMetadata> heads)
    {
        Heads = heads;
        _offsets = new int[heads.Count + 1];
        for (int h = 0; h < heads.Count; h++)
        {
            _offsets[h + 1] = _offsets[h] + heads[h].Labels.Count;
        }

        StanceHead = IndexOf(HeadNames.Stance);
        SentimentHead = IndexOf(HeadNames.Sentiment);
    }

    public IReadOnlyList<HeadMetadata> Heads { get; }

    /// <summary>Floats per text: every label of every head.</summary>
    public int Width => _offsets[^1];

    /// <summary>Index of the stance head in <see cref="Heads"/>, or -1.</summary>
    public int StanceHead { get; }

    /// <summary>Index of the sentiment head in <see cref="Heads"/>, or -1.</summary>
    public int SentimentHead { get; }

    public int IndexOf(string head)
    {
        for (int h = 0; h < Heads.Count; h++)
        {
            if (Heads[h].Name == head)
            {
                return h;
            }
        }

        return -1;
    }

    /// <summary>The probabilities of head <paramref name="head"/> within one text's vector.</summary>
    public ReadOnlySpan<float> Of(ReadOnlySpan<float> vector, int head) => vector[_offsets[head].._offsets[head + 1]];

    /// <summary>The classification one text's vector stands for.</summary>
    public Classification ToClassification(ReadOnlySpan<float> vector)
    {
        HeadPrediction? stance = StanceHead >= 0 ? Prediction(vector, StanceHead) : null;
        HeadPrediction? sentiment = SentimentHead >= 0 ? Prediction(vector, SentimentHead) : null;
        return new Classification(stance, sentiment);
    }

    public HeadPrediction Prediction(ReadOnlySpan<float> vector, int head)
    {
        ReadOnlySpan<float> probabilities = Of(vector, head);
        IReadOnlyList<string> labels = Heads[head].Labels;
        int best = ArgMax(probabilities);
        var named = new LabelProbability[probabilities.Length];
        for (int k = 0; k < named.Length; k++)
        {
            named[k] = new LabelProbability(labels[k], probabilities[k]);
        }

        return new HeadPrediction(Heads[head].Name, labels[best], probabilities[best], named);
    }

    /// <summary>The index of the largest value; ties go to the first, as ML.NET's argmax does. Every argmax of Stance is this one.</summary>
    public static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int k = 1; k < values.Length; k++)
        {
            if (values[k] > values[best])
            {
                best = k;
            }
        }

        return best;
    }
}
