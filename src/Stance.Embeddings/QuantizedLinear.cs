namespace Stance.Embeddings;

/// <summary>
/// A linear layer <c>y = x · W + b</c> with <c>W</c> quantized to signed 7-bit integers per output
/// column (symmetric: <c>W[k, c] ≈ q[k, c] · scale[c]</c>, <c>|q| ≤ 63</c>), packed for the kernels of
/// <see cref="Int8Gemm"/>.
/// </summary>
/// <remarks>
/// <para>Why 7 bits: the AVX2 and SSSE3 kernels multiply unsigned 8-bit activations by signed 8-bit
/// weights with <c>vpmaddubsw</c>, which adds two products into a saturating 16-bit lane:
/// 2 · 255 · 63 = 32,130 fits, 2 · 255 · 127 would not. With 7 bits no kernel ever saturates, so
/// every kernel (VNNI, AVX-512, AVX2, SSSE3, scalar) computes the same exact 32-bit sums.</para>
/// <para>Packing: columns in blocks of <see cref="ColumnBlock"/>; within a block, for each group of
/// four consecutive inputs, 32 columns × 4 bytes. One 32-byte load is then 8 columns × 4 inputs,
/// the operand layout of <c>vpdpbusd</c> (and of <c>vpmaddubsw</c> followed by <c>vpmaddwd</c>),
/// and a block is read front to back as the kernel walks the inputs.</para>
/// </remarks>
internal sealed unsafe class QuantizedLinear
{
    public const int ColumnBlock = 32;

    public const int MaxWeight = 63;

    private readonly AlignedBuffer<sbyte> _packed;
    private readonly AlignedBuffer<float> _columns;

    private QuantizedLinear(int inputs, int outputs)
    {
        Inputs = inputs;
        Outputs = outputs;
        _packed = new AlignedBuffer<sbyte>((long)inputs * outputs);
        _columns = new AlignedBuffer<float>(3L * outputs);
    }

    /// <summary>Input count <c>K</c>, a multiple of 4.</summary>
    public int Inputs { get; }

    /// <summary>Output count <c>N</c>, a multiple of <see cref="ColumnBlock"/>.</summary>
    public int Outputs { get; }

    public sbyte* Packed => _packed.Pointer;

    /// <summary>The weight scale of each output column (<c>W ≈ q · scale</c>), times any output factor.</summary>
    public float* ColumnScale => _columns.Pointer;

    /// <summary>Σ<sub>k</sub> q[k, c] of each column, as a float (exact: at most 63 · K).</summary>
    public float* ColumnSum => _columns.Pointer + Outputs;

    public float* Bias => _columns.Pointer + (2 * Outputs);

    /// <summary>Quantizes <paramref name="weights"/> (<c>[inputs, outputs]</c> row-major).</summary>
    public static QuantizedLinear Create(ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, int inputs, int outputs)
    {
        if (inputs % 4 != 0 || outputs % ColumnBlock != 0 || weights.Length != inputs * outputs || bias.Length != outputs)
        {
            throw new ArgumentException($"a [{inputs}, {outputs}] layer needs inputs divisible by 4 and outputs by {ColumnBlock}");
        }

        var layer = new QuantizedLinear(inputs, outputs);
        var quantized = new sbyte[weights.Length];
        for (int c = 0; c < outputs; c++)
        {
            float largest = 0f;
            for (int k = 0; k < inputs; k++)
            {
                largest = MathF.Max(largest, MathF.Abs(weights[(k * outputs) + c]));
            }

            float scale = largest > 0f ? largest / MaxWeight : 1f;
            int sum = 0;
            for (int k = 0; k < inputs; k++)
            {
                int q = Math.Clamp((int)MathF.Round(weights[(k * outputs) + c] / scale, MidpointRounding.ToEven), -MaxWeight, MaxWeight);
                quantized[(k * outputs) + c] = (sbyte)q;
                sum += q;
            }

            layer.ColumnScale[c] = scale;
            layer.ColumnSum[c] = sum;
            layer.Bias[c] = bias[c];
        }

        sbyte* packed = layer.Packed;
        int groups = inputs / 4;
        for (int block = 0; block < outputs / ColumnBlock; block++)
        {
            for (int g = 0; g < groups; g++)
            {
                for (int j = 0; j < ColumnBlock; j++)
                {
                    for (int i = 0; i < 4; i++)
                    {
                        *packed++ = quantized[((4 * g) + i) * outputs + (block * ColumnBlock) + j];
                    }
                }
            }
        }

        return layer;
    }

    /// <summary>Multiplies columns <c>[start, start + count)</c> of the output by <paramref name="factor"/> (scale and bias alike).</summary>
    public void ScaleOutputs(int start, int count, float factor)
    {
        for (int c = start; c < start + count; c++)
        {
            ColumnScale[c] *= factor;
            Bias[c] *= factor;
        }
    }

    /// <summary>The quantized weight <c>q[k, c]</c>, read back from the packed layout (for tests).</summary>
    internal sbyte Weight(int k, int c) => Packed[((long)(c / ColumnBlock) * Inputs * ColumnBlock) + ((k / 4) * ColumnBlock * 4) + ((c % ColumnBlock) * 4) + (k % 4)];
}
