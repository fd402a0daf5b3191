namespace Stance.Extensibility;

/// <summary>Several encoders side by side: each text's embedding is theirs, concatenated in order.</summary>
internal sealed class ConcatenatedEncoder(string name, ISentenceEncoder[] parts) : ISentenceEncoder
{
    public string Name { get; } = name;

    public int Dimension { get; } = parts.Sum(p => p.Dimension);

    public void Encode(ReadOnlySpan<char> text, Span<float> destination)
    {
        int offset = 0;
        foreach (ISentenceEncoder part in parts)
        {
            part.Encode(text, destination.Slice(offset, part.Dimension));
            offset += part.Dimension;
        }
    }

    public float[][] EncodeMany(IReadOnlyList<string> texts, int maxDegreeOfParallelism)
    {
        float[][][] encoded = parts.Select(p => p.EncodeMany(texts, maxDegreeOfParallelism)).ToArray();
        var result = new float[texts.Count][];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = encoded.SelectMany(e => e[i]).ToArray();
        }

        return result;
    }

    public void Dispose()
    {
        foreach (ISentenceEncoder part in parts)
        {
            part.Dispose();
        }
    }
}
