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

    /// <summary>The prediction of the head with this name (<c>stance</c> or <c>sentiment</c>), or null.</summary>
    public HeadPrediction? Head(string name) => name switch
    {
        "stance" => Stance,
        "sentiment" => Sentiment,
        _ => null,
    };
}

/// <summary>
/// One head's prediction: the most probable label, its probability, and the probability of every
/// label in <see cref="Labels"/> order (the head's labels sorted by ordinal string comparison).
/// </summary>
public sealed record HeadPrediction(string Label, float Confidence, IReadOnlyList<string> Labels, IReadOnlyList<float> Probabilities)
{
    /// <summary>The probability of <paramref name="label"/>.</summary>
    public float Probability(string label) => Probabilities[Labels.PositionOf(label)];
}

/// <summary>Options for <see cref="StanceClassifier.Load(string, ClassifierOptions?)"/>.</summary>
public sealed record ClassifierOptions
{
    /// <summary>Which scorer to use; <see cref="ScoringEngine.Auto"/> prefers the compiled one.</summary>
    public ScoringEngine Engine { get; init; } = ScoringEngine.Auto;

    /// <summary>Threads used by <see cref="StanceClassifier.ClassifyMany"/>; defaults to the processor count.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;
}

/// <summary>How a model's texts are scored.</summary>
public enum ScoringEngine
{
    /// <summary>The compiled linear scorer when the model has one, else the ML.NET chain.</summary>
    Auto,

    /// <summary>The compiled linear scorer; loading fails for models that have none.</summary>
    Compiled,

    /// <summary>The ML.NET transformer chain through pooled prediction engines.</summary>
    MlNet,
}
