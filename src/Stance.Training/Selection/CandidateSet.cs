using Stance.Embeddings;
using Stance.Text;
using Stance.Training.Pipeline;

namespace Stance.Training.Selection;

/// <summary>
/// The documented configurations that <c>stance train</c> chooses among by cross-validation.
/// Feature recipes and trainers are crossed: every trainer is tried on every recipe of the tier.
/// </summary>
public static class CandidateSet
{
    /// <summary>The configuration used when selection is turned off (<c>--no-select</c>).</summary>
    public static FeatureSettings DefaultFeatures { get; } = new(new TokenizerOptions(MarkNegation: true, FoldDigits: true), 2, "tfidf", 0f, null, 0f);

    public static TrainerSettings DefaultTrainer { get; } = new(TrainerKind.LbfgsMaximumEntropy, L1: 0f, L2: 0.01f);

    public static IReadOnlyList<FeatureSettings> FastFeatures { get; } =
    [
        DefaultFeatures,
        new(new TokenizerOptions(MarkNegation: true, FoldDigits: true, CharGramMin: 3, CharGramMax: 5), 2, "tfidf", 1f, null, 0f),
        new(new TokenizerOptions(MarkNegation: false, FoldDigits: true, CharGramMin: 3, CharGramMax: 5), 2, "tfidf", 1f, null, 0f),
    ];

    public static IReadOnlyList<FeatureSettings> AccurateFeatures { get; } =
    [
        new(new TokenizerOptions(MarkNegation: true, FoldDigits: true), 2, "tfidf", 0f, SentenceEmbedder.ModelName, 1f),
        new(new TokenizerOptions(MarkNegation: true, FoldDigits: true, CharGramMin: 3, CharGramMax: 5), 2, "tfidf", 1f, SentenceEmbedder.ModelName, 1f),
    ];

    public static IReadOnlyList<TrainerSettings> Trainers { get; } =
    [
        new(TrainerKind.LbfgsMaximumEntropy, L1: 0f, L2: 0.01f),
        new(TrainerKind.LbfgsMaximumEntropy, L1: 0f, L2: 0.1f),
        new(TrainerKind.LbfgsMaximumEntropy, L1: 0f, L2: 0.01f, ClassWeighting: true),
        new(TrainerKind.OneVersusAllLinearSvm, L2: 0.001f, Iterations: 20),
    ];

    /// <summary>The feature recipes of a tier: <c>fast</c>, <c>accurate</c> or <c>all</c>.</summary>
    public static IReadOnlyList<FeatureSettings> Features(string tier) => tier switch
    {
        Tiers.Fast => FastFeatures,
        Tiers.Accurate => AccurateFeatures,
        _ => [.. FastFeatures, .. AccurateFeatures],
    };
}
