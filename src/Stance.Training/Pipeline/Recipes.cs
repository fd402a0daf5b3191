namespace Stance.Training.Pipeline;

/// <summary>The two tiers of models, and the ensemble of both (what <c>models/stance.zip</c> ships).</summary>
public static class Tiers
{
    public const string Fast = "fast";
    public const string Accurate = "accurate";

    /// <summary>An accurate and a fast model trained on the same rows, their probabilities averaged 0.5/0.5.</summary>
    public const string Ensemble = ModelMetadata.EnsembleTier;
}
