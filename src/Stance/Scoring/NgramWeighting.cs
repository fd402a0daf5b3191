namespace Stance.Scoring;

/// <summary>How an n-gram's count becomes its feature value (before L2 normalization).</summary>
internal enum NgramWeighting
{
    /// <summary>The count.</summary>
    Tf,

    /// <summary>The inverse document frequency when the n-gram occurs, else 0.</summary>
    Idf,

    /// <summary>Count times inverse document frequency.</summary>
    TfIdf,
}

internal static class NgramWeightingNames
{
    public static string Name(this NgramWeighting weighting) => weighting switch
    {
        NgramWeighting.Tf => "tf",
        NgramWeighting.Idf => "idf",
        _ => "tfidf",
    };

    public static NgramWeighting Parse(string name) => name switch
    {
        "tf" => NgramWeighting.Tf,
        "idf" => NgramWeighting.Idf,
        "tfidf" => NgramWeighting.TfIdf,
        _ => throw new InvalidDataException($"unknown n-gram weighting '{name}'"),
    };
}
