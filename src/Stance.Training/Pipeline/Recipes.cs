namespace Stance.Training.Pipeline;

/// <summary>The two tiers of models.</summary>
public static class Tiers
{
    public const string Fast = "fast";
    public const string Accurate = "accurate";
}
