namespace Stance.Embeddings;

/// <summary>
/// The float32 weights of a BERT encoder as the ONNX graph holds them: matrices are
/// <c>[inputs, outputs]</c> row-major (the graph computes <c>x · W</c>).
/// </summary>
internal sealed class BertWeights
{
    public required int Hidden { get; init; }

    public required int Intermediate { get; init; }

    public required int Heads { get; init; }

    public required int MaxPositions { get; init; }

    public required int VocabularySize { get; init; }

    /// <summary><c>[VocabularySize, Hidden]</c>.</summary>
    public required float[] WordEmbeddings { get; init; }

    /// <summary><c>[MaxPositions, Hidden]</c>.</summary>
    public required float[] PositionEmbeddings { get; init; }

    /// <summary>Row 0 of the token type table: every token of a single-segment input has type 0.</summary>
    public required float[] TokenTypeEmbedding { get; init; }

    public required float[] EmbeddingNormWeight { get; init; }

    public required float[] EmbeddingNormBias { get; init; }

    public required LayerWeights[] Layers { get; init; }

    public int HeadSize => Hidden / Heads;
}

/// <summary>One transformer layer: self-attention, then the feed-forward block, each followed by a residual layer norm.</summary>
internal sealed class LayerWeights
{
    public required float[] Query { get; init; }

    public required float[] QueryBias { get; init; }

    public required float[] Key { get; init; }

    public required float[] KeyBias { get; init; }

    public required float[] Value { get; init; }

    public required float[] ValueBias { get; init; }

    public required float[] AttentionOutput { get; init; }

    public required float[] AttentionOutputBias { get; init; }

    public required float[] AttentionNormWeight { get; init; }

    public required float[] AttentionNormBias { get; init; }

    public required float[] Intermediate { get; init; }

    public required float[] IntermediateBias { get; init; }

    public required float[] Output { get; init; }

    public required float[] OutputBias { get; init; }

    public required float[] OutputNormWeight { get; init; }

    public required float[] OutputNormBias { get; init; }
}
