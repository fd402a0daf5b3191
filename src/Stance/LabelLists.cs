namespace Stance;

/// <summary>Finding a label in a head's label list (the order of its probabilities).</summary>
internal static class LabelLists
{
    /// <summary>The position of <paramref name="label"/> in <paramref name="labels"/>.</summary>
    /// <exception cref="ArgumentException">The label is not in the list.</exception>
    public static int PositionOf(this IReadOnlyList<string> labels, string label)
    {
        for (int i = 0; i < labels.Count; i++)
        {
            if (labels[i] == label)
            {
                return i;
            }
        }

        throw new ArgumentException($"'{label}' is not one of the labels ({string.Join(", ", labels)}).", nameof(label));
    }
}
