using System.Runtime.Intrinsics;

namespace Stance.Embeddings;

/// <summary>How a sentence embedding is read off the last layer.</summary>
internal enum Pooling
{
    /// <summary>The mean of all token vectors (all-MiniLM-L6-v2).</summary>
    Mean,

    /// <summary>The vector of the [CLS] token (arctic-embed).</summary>
    Cls,
}

/// <summary>
/// The 8-bit BERT encoder: float32 embeddings, layer norms, attention and residual stream; the
/// four matrix products of each layer in exact integer arithmetic (<see cref="Int8Gemm"/>) on
/// activations quantized row by row. A batch is several sequences laid end to end: the products
/// run over all their rows at once (each row is quantized and dequantized on its own, so a row's
/// result does not depend on its neighbours), attention runs per sequence.
/// </summary>
internal sealed unsafe class BertModel
{
    private const float LayerNormEpsilon = 1e-12f;

    private readonly AlignedBuffer<float> _wordEmbeddings;
    private readonly AlignedBuffer<float> _positionEmbeddings;
    private readonly AlignedBuffer<float> _norms;
    private readonly Layer[] _layers;

    public BertModel(BertWeights weights, Pooling pooling, int middleLayer = -1)
    {
        // A layer past the last would leave its part of the row unwritten.
        MiddleLayer = middleLayer < weights.Layers.Length ? middleLayer : throw new ArgumentOutOfRangeException(nameof(middleLayer), $"the model has {weights.Layers.Length} layers");
        Hidden = weights.Hidden;
        IntermediateSize = weights.Intermediate;
        Heads = weights.Heads;
        MaxPositions = weights.MaxPositions;
        VocabularySize = weights.VocabularySize;
        Pooling = pooling;
        if (Hidden % 32 != 0 || IntermediateSize % 32 != 0)
        {
            throw new NotSupportedException($"hidden size {Hidden} and intermediate size {IntermediateSize} must be multiples of 32");
        }

        _wordEmbeddings = new AlignedBuffer<float>(weights.WordEmbeddings.LongLength);
        weights.WordEmbeddings.CopyTo(_wordEmbeddings.Span);

        // Every token of a single-segment input has token type 0: its embedding is added to the
        // position table once here.
        _positionEmbeddings = new AlignedBuffer<float>(weights.PositionEmbeddings.LongLength);
        for (int p = 0; p < MaxPositions; p++)
        {
            for (int d = 0; d < Hidden; d++)
            {
                _positionEmbeddings.Pointer[(p * Hidden) + d] = weights.PositionEmbeddings[(p * Hidden) + d] + weights.TokenTypeEmbedding[d];
            }
        }

        // Layer norm weights and biases: the embeddings' and two per layer, each [hidden].
        _norms = new AlignedBuffer<float>((2L + (4L * weights.Layers.Length)) * Hidden);
        Span<float> norms = _norms.Span;
        weights.EmbeddingNormWeight.CopyTo(norms);
        weights.EmbeddingNormBias.CopyTo(norms[Hidden..]);
        _layers = new Layer[weights.Layers.Length];
        float queryFactor = 1f / MathF.Sqrt(weights.HeadSize);
        for (int l = 0; l < _layers.Length; l++)
        {
            LayerWeights w = weights.Layers[l];
            int norm = (2 + (4 * l)) * Hidden;
            w.AttentionNormWeight.CopyTo(norms[norm..]);
            w.AttentionNormBias.CopyTo(norms[(norm + Hidden)..]);
            w.OutputNormWeight.CopyTo(norms[(norm + (2 * Hidden))..]);
            w.OutputNormBias.CopyTo(norms[(norm + (3 * Hidden))..]);

            // Query, key and value as one product of 3·hidden columns (the per-column quantization
            // makes this the same as three), the attention's 1/√d folded into the query columns.
            float[] qkv = new float[Hidden * 3 * Hidden];
            for (int k = 0; k < Hidden; k++)
            {
                Array.Copy(w.Query, k * Hidden, qkv, k * 3 * Hidden, Hidden);
                Array.Copy(w.Key, k * Hidden, qkv, (k * 3 * Hidden) + Hidden, Hidden);
                Array.Copy(w.Value, k * Hidden, qkv, (k * 3 * Hidden) + (2 * Hidden), Hidden);
            }

            QuantizedLinear queryKeyValue = QuantizedLinear.Create(qkv, [.. w.QueryBias, .. w.KeyBias, .. w.ValueBias], Hidden, 3 * Hidden);
            queryKeyValue.ScaleOutputs(0, Hidden, queryFactor);
            _layers[l] = new Layer(
                queryKeyValue,
                QuantizedLinear.Create(w.AttentionOutput, w.AttentionOutputBias, Hidden, Hidden),
                QuantizedLinear.Create(w.Intermediate, w.IntermediateBias, Hidden, IntermediateSize),
                QuantizedLinear.Create(w.Output, w.OutputBias, IntermediateSize, Hidden),
                _norms.Pointer + norm);
        }
    }

    public int Hidden { get; }

    public int IntermediateSize { get; }

    public int Heads { get; }

    public int MaxPositions { get; }

    public int VocabularySize { get; }

    public Pooling Pooling { get; }

    /// <summary>With aspects: the layer (from 0) whose mean vector is added after the aspects, unit length; -1 for none.</summary>
    public int MiddleLayer { get; }

    /// <summary>The parts of an aspect-pooling row after the pooled embedding: the aspects, then the middle layer's mean if any.</summary>
    public int AspectParts => AspectCount + (MiddleLayer >= 0 ? 1 : 0);

    public int LayerCount => _layers.Length;

    internal QuantizedLinear Product(int layer, int index) => index switch
    {
        0 => _layers[layer].QueryKeyValue,
        1 => _layers[layer].AttentionOutput,
        2 => _layers[layer].Intermediate,
        _ => _layers[layer].Output,
    };

    public Workspace CreateWorkspace(int maxRows) => new(maxRows, Math.Min(maxRows, MaxPositions), Hidden, IntermediateSize);

    /// <summary>
    /// Encodes the sequences laid end to end in <paramref name="ids"/> (lengths in
    /// <paramref name="lengths"/>, each at most <see cref="MaxPositions"/>, the total at most the
    /// workspace's rows) into unit-length embeddings, one row of <see cref="Hidden"/> floats per
    /// sequence in <paramref name="embeddings"/>.
    /// </summary>
    public void Encode(Workspace workspace, ReadOnlySpan<int> ids, ReadOnlySpan<int> lengths, Span<float> embeddings) =>
        Encode(workspace, ids, lengths, embeddings, []);

    /// <summary>
    /// As <see cref="Encode(Workspace, ReadOnlySpan{int}, ReadOnlySpan{int}, Span{float})"/>, and when
    /// <paramref name="aspects"/> is not empty (one byte per word piece: 0, or the aspect 1..<see cref="AspectCount"/>
    /// the piece names), each sequence's row is <see cref="Hidden"/> x (1 + <see cref="AspectParts"/>) floats:
    /// the pooled embedding, then per aspect the unit-length mean of the last layer's vectors of that
    /// aspect's pieces (zeros when the sequence has none); with a <see cref="MiddleLayer"/>, one more
    /// <see cref="Hidden"/> floats after them: the unit-length mean of that layer's vectors
    /// (<see cref="AspectParts"/> parts after the embedding in all).
    /// </summary>
    public void Encode(Workspace workspace, ReadOnlySpan<int> ids, ReadOnlySpan<int> lengths, Span<float> embeddings, ReadOnlySpan<byte> aspects)
    {
        int rows = ids.Length;
        int stride = aspects.IsEmpty ? Hidden : Hidden * (1 + AspectParts);
        if (!aspects.IsEmpty && (aspects.Length != rows || Pooling != Pooling.Mean))
        {
            throw new ArgumentException("aspects need one byte per word piece and mean pooling");
        }

        if (rows > workspace.MaxRows || embeddings.Length < lengths.Length * stride)
        {
            throw new ArgumentException("the batch does not fit the workspace or the destination");
        }

        int sequences = lengths.Length;
        Span<int> starts = sequences <= 256 ? stackalloc int[sequences] : new int[sequences];
        for (int s = 0, start = 0; s < sequences; start += lengths[s], s++)
        {
            starts[s] = start;
        }

        float* x = workspace.Hidden;
        Embed(ids, starts, lengths, x);
        for (int l = 0; l < _layers.Length; l++)
        {
            Layer layer = _layers[l];
            bool clsOnly = Pooling == Pooling.Cls && l == _layers.Length - 1;

            // Self-attention.
            QuantizeRows(x, rows, Hidden, workspace);
            Int8Gemm.Multiply(layer.QueryKeyValue, workspace.Codes, rows, workspace.RowScale, workspace.RowMin, workspace.Qkv, 3 * Hidden, Epilogue.Store);
            for (int s = 0; s < sequences; s++)
            {
                Attention.Sequence(workspace.Qkv + ((long)starts[s] * 3 * Hidden), lengths[s], Hidden, Heads, workspace.Context + ((long)starts[s] * Hidden), clsOnly, workspace.AttentionScratch);
            }

            if (clsOnly)
            {
                // Only the [CLS] rows feed the pooled output: the rest of the last layer is skipped.
                // Row starts[s] moves to row s; starts[s] ≥ s, and rows are moved in order, so no
                // row is overwritten before it is read.
                for (int s = 0; s < sequences; s++)
                {
                    Buffer.MemoryCopy(x + ((long)starts[s] * Hidden), x + ((long)s * Hidden), Hidden * sizeof(float), Hidden * sizeof(float));
                    Buffer.MemoryCopy(workspace.Context + ((long)starts[s] * Hidden), workspace.Context + ((long)s * Hidden), Hidden * sizeof(float), Hidden * sizeof(float));
                }

                rows = sequences;
            }

            QuantizeRows(workspace.Context, rows, Hidden, workspace);
            Int8Gemm.Multiply(layer.AttentionOutput, workspace.Codes, rows, workspace.RowScale, workspace.RowMin, x, Hidden, Epilogue.AddTo);
            NormRows(x, rows, layer.Norms, layer.Norms + Hidden);

            // Feed-forward.
            QuantizeRows(x, rows, Hidden, workspace);
            Int8Gemm.Multiply(layer.Intermediate, workspace.Codes, rows, workspace.RowScale, workspace.RowMin, workspace.Intermediate, IntermediateSize, Epilogue.Gelu);
            QuantizeRows(workspace.Intermediate, rows, IntermediateSize, workspace);
            Int8Gemm.Multiply(layer.Output, workspace.Codes, rows, workspace.RowScale, workspace.RowMin, x, Hidden, Epilogue.AddTo);
            NormRows(x, rows, layer.Norms + (2 * Hidden), layer.Norms + (3 * Hidden));
            if (!aspects.IsEmpty && l == MiddleLayer)
            {
                for (int s = 0; s < sequences; s++)
                {
                    fixed (float* destination = embeddings.Slice((s * stride) + ((1 + AspectCount) * Hidden), Hidden))
                    {
                        MeanRows(x + ((long)starts[s] * Hidden), lengths[s], destination);
                        Normalize(destination);
                    }
                }
            }
        }

        if (!aspects.IsEmpty)
        {
            WriteAspects(x, starts, lengths, aspects, embeddings, stride);
        }

        for (int s = 0; s < sequences; s++)
        {
            fixed (float* destination = embeddings.Slice(s * stride, Hidden))
            {
                if (Pooling == Pooling.Cls)
                {
                    Buffer.MemoryCopy(x + ((long)s * Hidden), destination, Hidden * sizeof(float), Hidden * sizeof(float));
                }
                else
                {
                    MeanRows(x + ((long)starts[s] * Hidden), lengths[s], destination);
                }

                Normalize(destination);
            }
        }
    }

    /// <summary>Per sequence and aspect, the unit-length mean of the rows of <paramref name="x"/> (a layer's output) whose pieces name the aspect; zeros when none does.</summary>
    private void WriteAspects(float* x, ReadOnlySpan<int> starts, ReadOnlySpan<int> lengths, ReadOnlySpan<byte> aspects, Span<float> embeddings, int stride)
    {
        for (int s = 0; s < starts.Length; s++)
        {
            for (int a = 1; a <= AspectCount; a++)
            {
                fixed (float* destination = embeddings.Slice((s * stride) + (a * Hidden), Hidden))
                {
                    if (MeanRowsOf(x + ((long)starts[s] * Hidden), aspects.Slice(starts[s], lengths[s]), (byte)a, destination))
                    {
                        Normalize(destination);
                    }
                }
            }
        }
    }

    private void Embed(ReadOnlySpan<int> ids, ReadOnlySpan<int> starts, ReadOnlySpan<int> lengths, float* x)
    {
        for (int s = 0; s < starts.Length; s++)
        {
            if (lengths[s] > MaxPositions)
            {
                throw new ArgumentException($"a sequence of {lengths[s]} tokens exceeds the model's {MaxPositions} positions");
            }

            for (int t = 0; t < lengths[s]; t++)
            {
                int row = starts[s] + t;
                int id = ids[row];
                if ((uint)id >= (uint)VocabularySize)
                {
                    throw new ArgumentOutOfRangeException(nameof(ids), $"token id {id} is outside the vocabulary");
                }

                float* word = _wordEmbeddings.Pointer + ((long)id * Hidden);
                float* position = _positionEmbeddings.Pointer + ((long)t * Hidden);
                float* destination = x + ((long)row * Hidden);
                for (int d = 0; d < Hidden; d += 8)
                {
                    (Vector256.Load(word + d) + Vector256.Load(position + d)).Store(destination + d);
                }

                FloatMath.LayerNorm(destination, Hidden, _norms.Pointer, _norms.Pointer + Hidden, LayerNormEpsilon);
            }
        }
    }

    private static void QuantizeRows(float* x, int rows, int width, Workspace workspace)
    {
        for (int r = 0; r < rows; r++)
        {
            FloatMath.QuantizeRow(x + ((long)r * width), width, workspace.Codes + ((long)r * width), out workspace.RowScale[r], out workspace.RowMin[r]);
        }
    }

    private void NormRows(float* x, int rows, float* weight, float* bias)
    {
        for (int r = 0; r < rows; r++)
        {
            FloatMath.LayerNorm(x + ((long)r * Hidden), Hidden, weight, bias, LayerNormEpsilon);
        }
    }

    /// <summary>The aspects an aspect-pooling encoder adds after the pooled embedding.</summary>
    public const int AspectCount = 2;

    /// <summary>The mean of the rows whose aspect is <paramref name="aspect"/>; zeros and false when there is none.</summary>
    private bool MeanRowsOf(float* rows, ReadOnlySpan<byte> aspects, byte aspect, float* destination)
    {
        int count = 0;
        for (int t = 0; t < aspects.Length; t++)
        {
            count += aspects[t] == aspect ? 1 : 0;
        }

        var inverse = Vector256.Create(count == 0 ? 0f : 1f / count);
        for (int d = 0; d < Hidden; d += 8)
        {
            Vector256<float> sum = default;
            for (int t = 0; t < aspects.Length; t++)
            {
                if (aspects[t] == aspect)
                {
                    sum += Vector256.Load(rows + ((long)t * Hidden) + d);
                }
            }

            (sum * inverse).Store(destination + d);
        }

        return count > 0;
    }

    /// <summary>The mean of <paramref name="count"/> rows, summed in row order (each lane on its own), then scaled by 1/count as the package does.</summary>
    private void MeanRows(float* rows, int count, float* destination)
    {
        var inverse = Vector256.Create(1f / count);
        for (int d = 0; d < Hidden; d += 8)
        {
            Vector256<float> sum = default;
            for (int t = 0; t < count; t++)
            {
                sum += Vector256.Load(rows + ((long)t * Hidden) + d);
            }

            (sum * inverse).Store(destination + d);
        }
    }

    /// <summary>L2 normalization as the package does it: <c>x / max(‖x‖, 1e-12)</c>, the squares summed in four 8-lane accumulators.</summary>
    private void Normalize(float* v)
    {
        Vector256<float> s0 = default, s1 = default, s2 = default, s3 = default;
        for (int d = 0; d < Hidden; d += 32)
        {
            var a = Vector256.Load(v + d);
            var b = Vector256.Load(v + d + 8);
            var c = Vector256.Load(v + d + 16);
            var e = Vector256.Load(v + d + 24);
            s0 += a * a;
            s1 += b * b;
            s2 += c * c;
            s3 += e * e;
        }

        float norm = MathF.Max(MathF.Sqrt(FloatMath.Sum((s0 + s1) + (s2 + s3))), 1e-12f);
        var inverse = Vector256.Create(1f / norm);
        for (int d = 0; d < Hidden; d += 8)
        {
            (Vector256.Load(v + d) * inverse).Store(v + d);
        }
    }

    /// <summary>A layer's four products, and its layer norms: attention weight, bias, output weight, bias.</summary>
    private sealed class Layer(QuantizedLinear queryKeyValue, QuantizedLinear attentionOutput, QuantizedLinear intermediate, QuantizedLinear output, float* norms)
    {
        public QuantizedLinear QueryKeyValue { get; } = queryKeyValue;

        public QuantizedLinear AttentionOutput { get; } = attentionOutput;

        public QuantizedLinear Intermediate { get; } = intermediate;

        public QuantizedLinear Output { get; } = output;

        public float* Norms { get; } = norms;
    }
}
