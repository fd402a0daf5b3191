namespace Stance.Scoring;

/// <summary>The two heads a model can have.</summary>
internal static class HeadNames
{
    public const string Stance = "stance";
    public const string Sentiment = "sentiment";
}
