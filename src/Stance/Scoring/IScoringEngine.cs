namespace Stance.Scoring;

/// <summary>Computes the class probabilities of every head for one text.</summary>
internal interface IScoringEngine : IDisposable
{
    /// <summary>A short name for <c>stance info</c> and benchmarks: <c>compiled</c> or <c>ml.net</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Writes each head's probabilities, head after head in metadata order, into
    /// <paramref name="probabilities"/>. Thread-safe.
    /// </summary>
    void Score(string text, ReadOnlySpan<float> embedding, Span<float> probabilities);
}

/// <summary>Creates the ML.NET scoring engine of a model (implemented by Stance.MlNet).</summary>
internal interface IScoringEngineFactory
{
    /// <summary>Loads the model's ML.NET transformer chain from <c>pipeline.zip</c>.</summary>
    IScoringEngine Create(byte[] pipeline, ModelMetadata metadata, string modelName);
}

/// <summary>Marks the assembly that provides the ML.NET scoring engine (see <see cref="Extensibility.Components"/>).</summary>
[AttributeUsage(AttributeTargets.Assembly)]
internal sealed class ScoringEngineFactoryAttribute(Type factoryType) : Attribute
{
    public Type FactoryType { get; } = factoryType;
}
