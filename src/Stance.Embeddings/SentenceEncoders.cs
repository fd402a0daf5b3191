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
    /// <inheritdoc />
    public IReadOnlyList<string> Names { get; } = [OnnxSentenceEncoder.ModelName, OnnxSentenceEncoder.QuantizedModelName];

    /// <inheritdoc />
    public ISentenceEncoder Create(string name) => name switch
    {
        OnnxSentenceEncoder.ModelName or OnnxSentenceEncoder.QuantizedModelName => new OnnxSentenceEncoder(name),
        _ => throw new ArgumentException($"Unknown sentence encoder '{name}' (this Stance has {string.Join(", ", Names)}).", nameof(name)),
    };
}
