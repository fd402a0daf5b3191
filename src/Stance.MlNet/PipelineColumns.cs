namespace Stance.MlNet;

/// <summary>
/// Column names of the ML.NET transformer chain stored in a model file. Training builds the chain
/// with them and inference reads it with them.
/// </summary>
internal static class PipelineColumns
{
    public const string Tokens = "Tokens";
    public const string CharGrams = "CharGrams";
    public const string Embedding = "Embedding";

    public const string TokenKeys = "TokenKeys";
    public const string WordGrams = "WordGrams";
    public const string WordBlock = "WordBlock";
    public const string CharGramKeys = "CharGramKeys";
    public const string CharGramBag = "CharGramBag";
    public const string CharBlock = "CharBlock";
    public const string EmbeddingBlock = "EmbeddingBlock";
    public const string Features = "Features";

    /// <summary>Label keys of a head (1-based, in the order of the head's labels).</summary>
    public static string LabelKey(string head) => Capitalize(head) + "Key";

    /// <summary>Example weight of a head, used for class weighting.</summary>
    public static string Weight(string head) => Capitalize(head) + "Weight";

    /// <summary>The class probabilities of a head.</summary>
    public static string Score(string head) => Capitalize(head) + "Score";

    private static string Capitalize(string head) => char.ToUpperInvariant(head[0]) + head[1..];
}
