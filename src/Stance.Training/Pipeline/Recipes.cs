namespace Stance.Training.Pipeline;

/// <summary>One configuration model selection can choose: features plus a trainer.</summary>
public sealed record Candidate(FeatureSettings Features, TrainerSettings Trainer);

/// <summary>The two tiers of models.</summary>
public static class Tiers
{
    public const string Fast = "fast";
    public const string Accurate = "accurate";
}
