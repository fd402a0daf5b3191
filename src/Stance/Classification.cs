namespace Stance;

/// <summary>
/// The result of classifying one text: a prediction per head the model has, or an error when the
/// text cannot be classified (it is empty or only whitespace).
/// </summary>
/// <param name="Stance">The stance prediction, or null when the model has no stance head or on error.</param>
/// <param name="Sentiment">The sentiment prediction, or null when the model has no sentiment head or on error.</param>
/// <param name="Error">Why the text could not be classified, or null.</param>
public sealed record Classification(HeadPrediction? Stance, HeadPrediction? Sentiment, string? Error = null)
{
    /// <summary>Whether the text could not be classified.</summary>
    public bool IsError => Error is not null;

    /// <summary>The predictions the model made, stance first.</summary>
    public IEnumerable<HeadPrediction> Heads
    {
        get
        {
            if (Stance is not null)
            {
                yield return Stance;
            }

            if (Sentiment is not null)
            {
                yield return Sentiment;
            }
        }
    }

    /// <summary>The prediction of the head with this name (<c>stance</c> or <c>sentiment</c>), or null.</summary>
    public HeadPrediction? Head(string name) => name switch
    {
        HeadNames.Stance => Stance,
        HeadNames.Sentiment => Sentiment,
        _ => null,
    };
}

/// <summary>
/// One head's prediction: the most probable label, its probability, and the probability of every
/// label, in the head's label order (its labels sorted by ordinal string comparison).
/// </summary>
/// <param name="Head"><c>stance</c> or <c>sentiment</c>.</param>
/// <param name="Label">The most probable label (ties go to the first in label order).</param>
/// <param name="Confidence">The probability of <paramref name="Label"/>.</param>
/// <param name="Probabilities">Every label with its probability, in label order.</param>
public sealed record HeadPrediction(string Head, string Label, float Confidence, IReadOnlyList<LabelProbability> Probabilities)
{
    /// <summary>What <see cref="LabelAt"/> reports instead of a label whose probability is below the threshold.</summary>
    public const string Uncertain = "uncertain";

    /// <summary>The labels, in probability order.</summary>
    public IEnumerable<string> Labels => Probabilities.Select(p => p.Label);

    /// <summary>The probability of <paramref name="label"/>.</summary>
    /// <exception cref="ArgumentException">The head has no such label.</exception>
    public float Probability(string label)
    {
        foreach (LabelProbability p in Probabilities)
        {
            if (p.Label == label)
            {
                return p.Probability;
            }
        }

        throw new ArgumentException($"'{label}' is not one of the labels ({string.Join(", ", Labels)}).", nameof(label));
    }

    /// <summary>The label, or <see cref="Uncertain"/> when its probability is below <paramref name="minConfidence"/>.</summary>
    public string LabelAt(float minConfidence) => Confidence >= minConfidence ? Label : Uncertain;
}

/// <summary>A label and its probability.</summary>
public readonly record struct LabelProbability(string Label, float Probability);

/// <summary>The two heads a model can have.</summary>
public static class HeadNames
{
    /// <summary>The stance head: pro-engagement, pro-pressure, skeptical (or the user's own labels).</summary>
    public const string Stance = "stance";

    /// <summary>The sentiment head: negative, neutral, positive (or the user's own labels).</summary>
    public const string Sentiment = "sentiment";

    /// <summary>Both, in the order models store them.</summary>
    public static IReadOnlyList<string> All { get; } = [Stance, Sentiment];
}

/// <summary>A token of the model's tokenizer and the characters of the text it came from.</summary>
/// <param name="Token">The token as the model sees it (lower case; <c>not_</c> marks a negated word).</param>
/// <param name="Start">Offset of its first character in the text.</param>
/// <param name="End">Offset after its last character.</param>
public readonly record struct TokenSpan(string Token, int Start, int End);

/// <summary>Options for <see cref="StanceClassifier.Load(string, ClassifierOptions?)"/>.</summary>
public sealed record ClassifierOptions
{
    /// <summary>Which scorer to use; <see cref="ScoringEngine.Auto"/> prefers the compiled one.</summary>
    public ScoringEngine Engine { get; init; } = ScoringEngine.Auto;

    /// <summary>Threads used by the batch methods; defaults to the processor count.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Where sentence encoders come from. Empty (the default): those of the <c>Stance.Embeddings</c>
    /// assembly, found when the program references it.
    /// </summary>
    public IReadOnlyList<Extensibility.ISentenceEncoderProvider> EncoderProviders { get; init; } = [];
}

/// <summary>How a model's texts are scored.</summary>
public enum ScoringEngine
{
    /// <summary>The compiled linear scorer when the model has one, else the ML.NET chain (which needs <c>Stance.MlNet</c>).</summary>
    Auto,

    /// <summary>The compiled linear scorer; loading fails for models that have none.</summary>
    Compiled,

    /// <summary>The ML.NET transformer chain through pooled prediction engines (needs <c>Stance.MlNet</c>).</summary>
    MlNet,
}
