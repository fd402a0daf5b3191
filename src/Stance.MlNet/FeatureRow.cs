using Microsoft.ML.Data;

namespace Stance.MlNet;

/// <summary>
/// One text as the ML.NET chain reads it: its tokens, character n-grams and, for the accurate
/// tier, its sentence embedding; for training, also its label keys and example weights.
/// </summary>
/// <remarks>
/// Tokenization happens before ML.NET, in <see cref="Text.Tokenizer"/>, so the compiled scorer and
/// the chain see exactly the same tokens. Schema details that depend on the model (embedding
/// size, label counts) are set with a <see cref="SchemaDefinition"/> at run time.
/// </remarks>
internal sealed class FeatureRow
{
    public string[] Tokens { get; set; } = [];

    public string[] CharGrams { get; set; } = [];

    public float[] Embedding { get; set; } = [];

    public uint StanceKey { get; set; }

    public float StanceWeight { get; set; } = 1f;

    public uint SentimentKey { get; set; }

    public float SentimentWeight { get; set; } = 1f;
}

/// <summary>The outputs of the chain: class probabilities per head, in label order.</summary>
internal sealed class ScoreRow
{
    public float[] StanceScore { get; set; } = [];

    public float[] SentimentScore { get; set; } = [];
}
