namespace Stance.Extensibility;

/// <summary>
/// A sentence encoder: turns a text into a fixed-length vector, the embedding block of an
/// accurate-tier model. Implementations must be thread-safe and deterministic: the same text
/// gives the same vector whatever else is encoded at the same time.
/// </summary>
/// <remarks>
/// The small library has no encoder of its own (encoders pull in large weight files and native
/// code). The <c>Stance.Embeddings</c> package provides the shipped ones; a model that names an
/// encoder no provider offers fails to load with a message naming the package to add.
/// </remarks>
public interface ISentenceEncoder : IDisposable
{
    /// <summary>The name model files record, such as <c>minilm-l6-v2-int8d</c>.</summary>
    string Name { get; }

    /// <summary>The length of every embedding.</summary>
    int Dimension { get; }

    /// <summary>Writes the embedding of <paramref name="text"/> into <paramref name="destination"/> (<see cref="Dimension"/> floats).</summary>
    void Encode(ReadOnlySpan<char> text, Span<float> destination);

    /// <summary>
    /// Encodes many texts, using up to <paramref name="maxDegreeOfParallelism"/> threads; row
    /// <c>i</c> of the result is exactly what <see cref="Encode"/> gives for <c>texts[i]</c>.
    /// </summary>
    float[][] EncodeMany(IReadOnlyList<string> texts, int maxDegreeOfParallelism);
}

/// <summary>Creates the sentence encoders a model file names.</summary>
public interface ISentenceEncoderProvider
{
    /// <summary>The encoder names this provider can create.</summary>
    IReadOnlyList<string> Names { get; }

    /// <summary>Creates the named encoder (an expensive call: it loads the encoder's weights).</summary>
    /// <exception cref="ArgumentException">The provider does not have this encoder.</exception>
    ISentenceEncoder Create(string name);
}

/// <summary>
/// Marks an assembly that provides sentence encoders, so that <see cref="StanceClassifier"/> finds
/// them without configuration when the assembly is referenced.
/// </summary>
/// <param name="providerType">A public type implementing <see cref="ISentenceEncoderProvider"/> with a parameterless constructor.</param>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class SentenceEncoderProviderAttribute(Type providerType) : Attribute
{
    /// <summary>The provider type.</summary>
    public Type ProviderType { get; } = providerType;
}
