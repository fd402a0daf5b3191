using System.Reflection;
using Stance.Scoring;

namespace Stance.Extensibility;

/// <summary>
/// Finds the optional parts of Stance a model may need: sentence encoders (the
/// <c>Stance.Embeddings</c> package) and the ML.NET scoring engine (<c>Stance.MlNet</c>), by
/// loading those assemblies by name when the program references them. The small library itself
/// never depends on them; a model that needs a missing part fails to load with a message naming
/// the package to add.
/// </summary>
internal static class Components
{
    public const string EmbeddingsPackage = "Stance.Embeddings";
    public const string MlNetPackage = "Stance.MlNet";

    private static readonly Lazy<IReadOnlyList<ISentenceEncoderProvider>> DiscoveredEncoders = new(() =>
        Load(EmbeddingsPackage) is { } assembly
            ? assembly.GetCustomAttributes<SentenceEncoderProviderAttribute>().Select(a => (ISentenceEncoderProvider)Activator.CreateInstance(a.ProviderType)!).ToArray()
            : []);

    private static readonly Lazy<IScoringEngineFactory?> DiscoveredMlNet = new(() =>
        Load(MlNetPackage)?.GetCustomAttribute<ScoringEngineFactoryAttribute>() is { } attribute
            ? (IScoringEngineFactory)Activator.CreateInstance(attribute.FactoryType)!
            : null);

    /// <summary>The encoder providers of the options, else those of the Stance.Embeddings assembly when present.</summary>
    public static IReadOnlyList<ISentenceEncoderProvider> Encoders(ClassifierOptions options) =>
        options.EncoderProviders.Count > 0 ? options.EncoderProviders : DiscoveredEncoders.Value;

    /// <summary>The ML.NET engine factory, when the Stance.MlNet assembly is present.</summary>
    public static IScoringEngineFactory? MlNet => DiscoveredMlNet.Value;

    /// <summary>
    /// Creates the encoder a model names: one encoder, or several joined by <c>+</c>
    /// (<c>minilm-l6-v2-int8d+arctic-embed-xs-int8d</c>), whose embeddings are concatenated.
    /// </summary>
    public static ISentenceEncoder CreateEncoder(string name, params ISentenceEncoderProvider[] providers)
    {
        string[] parts = name.Split('+');
        if (parts.Length == 1)
        {
            return Find(parts[0], providers).Create(parts[0]);
        }

        return new ConcatenatedEncoder(name, parts.Select(p => Find(p, providers).Create(p)).ToArray());

        static ISentenceEncoderProvider Find(string part, ISentenceEncoderProvider[] providers) =>
            providers.FirstOrDefault(p => p.Names.Contains(part, StringComparer.Ordinal)) ?? throw new ArgumentException($"no provider has the sentence encoder '{part}'");
    }

    /// <summary>A provider of the named encoder (or of each part of a <c>+</c>-joined name), or a load error naming the package to add.</summary>
    public static ISentenceEncoderProvider EncoderProvider(string name, ClassifierOptions options, string modelName)
    {
        if (name.Contains('+'))
        {
            ISentenceEncoderProvider[] parts = name.Split('+').Select(part => EncoderProvider(part, options, modelName)).Distinct().ToArray();
            return new CompositeProvider(name, parts);
        }

        IReadOnlyList<ISentenceEncoderProvider> providers = Encoders(options);
        return providers.FirstOrDefault(p => p.Names.Contains(name, StringComparer.Ordinal))
            ?? throw new ModelLoadException(modelName, providers.Count == 0
                ? $"uses the sentence encoder '{name}', which is in the {EmbeddingsPackage} package: add a reference to it (dotnet add package {EmbeddingsPackage})"
                : $"uses the sentence encoder '{name}', which this Stance does not have (it has: {string.Join(", ", providers.SelectMany(p => p.Names))}); retrain the model or update {EmbeddingsPackage}");
    }

    private static Assembly? Load(string name)
    {
        try
        {
            return Assembly.Load(new AssemblyName(name));
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Creates a concatenation of encoders from their providers.</summary>
    private sealed class CompositeProvider(string name, ISentenceEncoderProvider[] parts) : ISentenceEncoderProvider
    {
        public IReadOnlyList<string> Names { get; } = [name];

        public ISentenceEncoder Create(string encoder) => CreateEncoder(encoder, parts);
    }
}
