namespace Stance.Embeddings.Tests;

/// <summary>Every integer kernel this processor can run gives the scalar reference's output, bit for bit.</summary>
public sealed unsafe class KernelTests
{
    public static TheoryData<int, int, int> Shapes => new() { { 1, 384, 64 }, { 7, 384, 1152 }, { 13, 1536, 384 }, { 40, 384, 1536 } };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Every_kernel_matches_the_scalar_reference(int rows, int inputs, int outputs)
    {
        var random = new Random(rows * 7919 + inputs);
        float[] weights = [.. Enumerable.Range(0, inputs * outputs).Select(_ => (float)((random.NextDouble() * 2) - 1) * 0.2f)];
        float[] bias = [.. Enumerable.Range(0, outputs).Select(_ => (float)random.NextDouble() - 0.5f)];
        QuantizedLinear layer = QuantizedLinear.Create(weights, bias, inputs, outputs);

        int padded = Int8Gemm.PaddedRows(rows);
        var codes = new AlignedBuffer<byte>((long)padded * inputs);
        random.NextBytes(codes.Span);

        // Extreme codes too: all 255 against the largest weights is the worst case for 16-bit pairs.
        codes.Span[..inputs].Fill(255);
        var scale = new AlignedBuffer<float>(padded);
        var min = new AlignedBuffer<float>(padded);
        for (int r = 0; r < rows; r++)
        {
            scale.Pointer[r] = (float)random.NextDouble() * 0.05f;
            min.Pointer[r] = -(float)random.NextDouble();
        }

        foreach (Epilogue epilogue in Enum.GetValues<Epilogue>())
        {
            float[] expected = Run(KernelKind.Scalar);
            foreach (KernelKind kernel in Int8Gemm.Supported())
            {
                float[] actual = Run(kernel);
                Assert.True(expected.AsSpan().SequenceEqual(actual), $"{kernel} differs from the scalar kernel ({epilogue}, {rows}x{inputs}x{outputs})");
            }

            float[] Run(KernelKind kernel)
            {
                var output = new AlignedBuffer<float>((long)rows * outputs);
                for (int i = 0; i < output.Length; i++)
                {
                    output.Pointer[i] = i % 17;
                }

                Int8Gemm.Multiply(kernel, layer, codes.Pointer, rows, scale.Pointer, min.Pointer, output.Pointer, outputs, epilogue);
                return output.Span.ToArray();
            }
        }
    }

    [Fact]
    public void Weights_are_quantized_per_column_to_seven_bits()
    {
        const int Inputs = 8, Outputs = 32;
        float[] weights = [.. Enumerable.Range(0, Inputs * Outputs).Select(i => (float)Math.Sin(i) * (1 + (i % Outputs)))];
        QuantizedLinear layer = QuantizedLinear.Create(weights, new float[Outputs], Inputs, Outputs);
        for (int c = 0; c < Outputs; c++)
        {
            int largest = 0;
            for (int k = 0; k < Inputs; k++)
            {
                sbyte q = layer.Weight(k, c);
                largest = Math.Max(largest, Math.Abs((int)q));
                Assert.InRange(weights[(k * Outputs) + c] - (q * layer.ColumnScale[c]), -layer.ColumnScale[c] / 2 * 1.0001f, layer.ColumnScale[c] / 2 * 1.0001f);
            }

            Assert.Equal(QuantizedLinear.MaxWeight, largest);
        }
    }
}
