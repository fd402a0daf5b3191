namespace Stance;

/// <summary>Why a text got its labels: for each head, the features that pushed the decision.</summary>
public sealed record Explanation(Classification Classification, IReadOnlyList<HeadExplanation> Heads);

/// <summary>
/// One head's decision explained by its linear model. The predicted label's raw score is
/// <see cref="Bias"/> plus the sum of every feature's <see cref="FeatureContribution.Contribution"/>
/// (and, for the accurate tier, <see cref="EmbeddingContribution"/>); probabilities follow from the
/// scores of all labels.
/// </summary>
/// <param name="Head"><c>stance</c> or <c>sentiment</c>.</param>
/// <param name="Label">The predicted label.</param>
/// <param name="RunnerUp">The second most probable label.</param>
/// <param name="Score">The predicted label's raw score.</param>
/// <param name="Bias">The predicted label's bias.</param>
/// <param name="EmbeddingContribution">The part of the score owed to the sentence embedding, which is not attributable to words (0 for the fast tier).</param>
/// <param name="Features">The n-grams with the largest contributions to the margin between the label and the runner-up, largest first.</param>
public sealed record HeadExplanation(
    string Head,
    string Label,
    string RunnerUp,
    float Score,
    float Bias,
    float EmbeddingContribution,
    IReadOnlyList<FeatureContribution> Features);

/// <summary>One n-gram of the text and what it adds to the scores of the predicted label and the runner-up.</summary>
/// <param name="Feature">The word n-gram (<c>not_rush</c>, <c>maximum pressure</c>) or character n-gram (<c>&lt;sanc</c>).</param>
/// <param name="Kind">Whether it is a word or a character n-gram.</param>
/// <param name="Value">The feature's value after weighting and normalization.</param>
/// <param name="Contribution">Value times the predicted label's weight.</param>
/// <param name="RunnerUpContribution">Value times the runner-up's weight.</param>
public sealed record FeatureContribution(string Feature, FeatureKind Kind, float Value, float Contribution, float RunnerUpContribution)
{
    /// <summary>How much the feature favours the predicted label over the runner-up.</summary>
    public float Margin => Contribution - RunnerUpContribution;
}

/// <summary>A feature of a model and its weight for one label, for the global view of a model.</summary>
public sealed record IndicativeFeature(string Feature, FeatureKind Kind, float Weight);

/// <summary>What a feature of the linear model stands for.</summary>
public enum FeatureKind
{
    /// <summary>A word n-gram such as <c>maximum pressure</c> or <c>not_rush</c>.</summary>
    WordNgram,

    /// <summary>A character n-gram inside a word, with <c>&lt;</c> and <c>&gt;</c> marking its start and end.</summary>
    CharNgram,

    /// <summary>A dimension of the sentence embedding (not attributable to words).</summary>
    Embedding,
}
