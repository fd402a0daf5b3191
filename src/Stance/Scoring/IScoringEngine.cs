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
