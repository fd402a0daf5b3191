using Stance.Embeddings;
using Stance.Extensibility;

[assembly: SentenceEncoderProvider(typeof(SentenceEncoders))]

namespace Stance.Embeddings;

/// <summary>
/// The sentence encoders this package ships, by the names model files record. Programs that
/// reference the package need nothing else: <see cref="StanceClassifier"/> finds this provider.
/// </summary>
public sealed class SentenceEncoders : ISentenceEncoderProvider
{
    /// <summary>
    /// The encoders of Stance 0.1 (ONNX Runtime, whose results depended on the processor), which
    /// this version no longer has: their models are refused with a message saying to retrain.
    /// </summary>
    private static readonly string[] Retired = ["all-MiniLM-L6-v2", "all-MiniLM-L6-v2-int8"];

    /// <inheritdoc />
    /// <remarks>The catalog's names: an encoder is added there, in one place.</remarks>
    public IReadOnlyList<string> Names { get; } = [.. ModelCatalog.Models.Select(m => m.Name)];

    /// <inheritdoc />
    public ISentenceEncoder Create(string name) => name switch
    {
        _ when Names.Contains(name, StringComparer.Ordinal) => TransformerEncoder.Load(name),
        _ when Retired.Contains(name) => throw new ArgumentException($"The sentence encoder '{name}' of Stance 0.1 ran on ONNX Runtime and gave embeddings that depend on the processor; this Stance has {string.Join(", ", Names)}: retrain the model with 'stance train'.", nameof(name)),
        _ => throw new ArgumentException($"Unknown sentence encoder '{name}' (this Stance has {string.Join(", ", Names)}).", nameof(name)),
    };
}
