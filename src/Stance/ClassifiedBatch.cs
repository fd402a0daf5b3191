namespace Stance;

/// <summary>
/// One batch of items classified by <see cref="StanceClassifier.ClassifyBatches{TItem, TResult}"/>:
/// the items, and for each one its probabilities (or why it could not be classified). Handed to the
/// caller's function on a worker thread, so that work per item (formatting an output row, say) runs
/// on all cores beside the scoring; valid only during that call.
/// </summary>
/// <typeparam name="TItem">What the caller classifies: a text, a CSV record, a statement.</typeparam>
public sealed class ClassifiedBatch<TItem>
{
    private readonly ProbabilityLayout _layout;
    private readonly float[] _probabilities;
    private readonly bool[] _classified;

    internal ClassifiedBatch(ProbabilityLayout layout, TItem[] items, float[] probabilities, bool[] classified)
    {
        _layout = layout;
        Items = items;
        _probabilities = probabilities;
        _classified = classified;
    }

    /// <summary>The items of the batch, in input order.</summary>
    public IReadOnlyList<TItem> Items { get; }

    /// <summary>The number of items.</summary>
    public int Count => Items.Count;

    /// <summary>The model's heads, in the order the <c>head</c> arguments index them.</summary>
    public IReadOnlyList<HeadMetadata> Heads => _layout.Heads;

    /// <summary>Whether item <paramref name="index"/> was classified (empty texts are not).</summary>
    public bool IsClassified(int index) => _classified[index];

    /// <summary>Why item <paramref name="index"/> could not be classified, or null.</summary>
    public string? Error(int index) => _classified[index] ? null : StanceClassifier.EmptyTextError;

    /// <summary>The probabilities of head <paramref name="head"/> (an index into <see cref="Heads"/>) for item <paramref name="index"/>, in label order.</summary>
    /// <exception cref="InvalidOperationException">The item was not classified.</exception>
    public ReadOnlySpan<float> Probabilities(int index, int head) => _layout.Of(Vector(index), head);

    /// <summary>The index (into the head's labels) of the most probable label of item <paramref name="index"/>.</summary>
    public int Predicted(int index, int head) => ProbabilityLayout.ArgMax(Probabilities(index, head));

    /// <summary>Item <paramref name="index"/>'s result as a <see cref="Stance.Classification"/> (allocates; the span methods do not).</summary>
    public Classification Classification(int index) =>
        _classified[index] ? _layout.ToClassification(Vector(index)) : new Classification(null, null, StanceClassifier.EmptyTextError);

    private ReadOnlySpan<float> Vector(int index)
    {
        if (!_classified[index])
        {
            throw new InvalidOperationException($"item {index} of the batch was not classified ({StanceClassifier.EmptyTextError})");
        }

        return _probabilities.AsSpan(index * _layout.Width, _layout.Width);
    }
}
