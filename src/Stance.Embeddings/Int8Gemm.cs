using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Stance.Embeddings;

/// <summary>The integer kernels, fastest first. Each computes the same exact 32-bit sums.</summary>
internal enum KernelKind
{
    /// <summary>AVX-VNNI <c>vpdpbusd</c> on 256-bit vectors: four products added into each 32-bit lane in one instruction.</summary>
    AvxVnni,

    /// <summary>AVX-512BW <c>vpmaddubsw</c> + <c>vpmaddwd</c> + <c>vpaddd</c> on 512-bit vectors.</summary>
    Avx512,

    /// <summary>AVX2 <c>vpmaddubsw</c> + <c>vpmaddwd</c> + <c>vpaddd</c> on 256-bit vectors.</summary>
    Avx2,

    /// <summary>SSSE3 <c>pmaddubsw</c> + <c>pmaddwd</c> + <c>paddd</c> on 128-bit vectors.</summary>
    Ssse3,

    /// <summary>Plain integer arithmetic.</summary>
    Scalar,
}

/// <summary>What a product does with its dequantized output before storing it.</summary>
internal enum Epilogue
{
    /// <summary><c>C = x · W + b</c>.</summary>
    Store,

    /// <summary><c>C += x · W + b</c> (the residual connection, in place).</summary>
    AddTo,

    /// <summary><c>C = GELU(x · W + b)</c>.</summary>
    Gelu,
}

/// <summary>
/// <c>C = epilogue(dequantize(A · W))</c> for 8-bit activations <c>A</c> (<c>[rows, K]</c>, unsigned,
/// one scale and minimum per row, see <see cref="FloatMath.QuantizeRow"/>) and a
/// <see cref="QuantizedLinear"/> <c>W</c>.
/// </summary>
/// <remarks>
/// <para>Determinism: the products are exact. |a| ≤ 255, |w| ≤ 63, so a pair of products is at most
/// 32,130 (no 16-bit saturation in <c>vpmaddubsw</c>) and a full sum at most 255 · 63 · 1536 ≈ 2.5e7
/// (no 32-bit overflow). Integer addition is associative, so every kernel, whatever its vector width
/// or blocking, produces the same sums, and the float work after them (<see cref="Dequantize"/>) is
/// one code path for all. Which kernel runs is only a matter of speed.</para>
/// <para>Shape: C is computed in tiles of <see cref="TileRows"/> rows × 32 columns (one packed
/// column block). Columns are the outer loop so that a block of weights (K × 32 bytes: 12 KiB for
/// K = 384, 48 KiB for K = 1536) stays in the L1/L2 cache while every row tile of the batch reads
/// it; each tile walks K from front to back, keeping its 4 × 32 sums in registers.</para>
/// </remarks>
internal static unsafe class Int8Gemm
{
    /// <summary>Rows per tile. Activation buffers must have their row count rounded up to this (the extra rows are computed and discarded).</summary>
    public const int TileRows = 4;

    private const int Columns = QuantizedLinear.ColumnBlock;

    /// <summary>The kernel of this processor (and of the runtime's instruction-set switches).</summary>
    public static readonly KernelKind Selected = Supported().First();

    /// <summary>The kernels this processor can run, fastest first.</summary>
    public static IEnumerable<KernelKind> Supported()
    {
        if (AvxVnni.IsSupported)
        {
            yield return KernelKind.AvxVnni;
        }

        if (Avx512BW.IsSupported)
        {
            yield return KernelKind.Avx512;
        }

        if (Avx2.IsSupported)
        {
            yield return KernelKind.Avx2;
        }

        if (Ssse3.IsSupported)
        {
            yield return KernelKind.Ssse3;
        }

        yield return KernelKind.Scalar;
    }

    public static int PaddedRows(int rows) => (rows + TileRows - 1) / TileRows * TileRows;

    /// <summary>
    /// Computes rows <c>[0, rows)</c> of C. <paramref name="a"/> must hold <see cref="PaddedRows"/>
    /// rows of <c>W.Inputs</c> bytes; <paramref name="c"/> has row stride <paramref name="ldc"/>.
    /// </summary>
    public static void Multiply(QuantizedLinear w, byte* a, int rows, float* rowScale, float* rowMin, float* c, int ldc, Epilogue epilogue)
        => Multiply(Selected, w, a, rows, rowScale, rowMin, c, ldc, epilogue);

    public static void Multiply(KernelKind kernel, QuantizedLinear w, byte* a, int rows, float* rowScale, float* rowMin, float* c, int ldc, Epilogue epilogue)
    {
        int k = w.Inputs;
        int groups = k / 4;
        int* tile = stackalloc int[TileRows * Columns];
        for (int block = 0; block < w.Outputs / Columns; block++)
        {
            sbyte* b = w.Packed + ((long)block * k * Columns);
            int column = block * Columns;
            for (int r = 0; r < rows; r += TileRows)
            {
                byte* tileA = a + ((long)r * k);
                switch (kernel)
                {
                    case KernelKind.AvxVnni:
                        TileAvxVnni(tileA, k, b, groups, tile);
                        break;
                    case KernelKind.Avx512:
                        TileAvx512(tileA, k, b, groups, tile);
                        break;
                    case KernelKind.Avx2:
                        TileAvx2(tileA, k, b, groups, tile);
                        TileAvx2(tileA + (2 * k), k, b, groups, tile + (2 * Columns));
                        break;
                    case KernelKind.Ssse3:
                        for (int row = 0; row < TileRows; row++)
                        {
                            RowSsse3(tileA + (row * k), b, groups, tile + (row * Columns));
                        }

                        break;
                    default:
                        TileScalar(tileA, k, b, groups, tile);
                        break;
                }

                int valid = Math.Min(TileRows, rows - r);
                for (int row = 0; row < valid; row++)
                {
                    Dequantize(tile + (row * Columns), rowScale[r + row], rowMin[r + row], w, column, c + ((long)(r + row) * ldc) + column, epilogue);
                }
            }
        }
    }

    /// <summary>
    /// One row of a tile to floats: <c>((acc · scale + min · Σq) · columnScale + bias)</c>, the
    /// activation's affine code <c>x = min + q · scale</c> carried through the sum. Elementwise, so
    /// every lane rounds as a scalar would.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Dequantize(int* sums, float scale, float min, QuantizedLinear w, int column, float* destination, Epilogue epilogue)
    {
        // Two widths, one arithmetic: each lane does the same operations in the same order, so
        // 16-lane vectors (where fast) give the bits of 8-lane ones; nothing here sums across lanes.
        if (Vector512.IsHardwareAccelerated)
        {
            var s = Vector512.Create(scale);
            var m = Vector512.Create(min);
            for (int j = 0; j < Columns; j += 16)
            {
                Vector512<float> acc = Vector512.ConvertToSingle(Vector512.Load(sums + j));
                Vector512<float> y = (((acc * s) + (m * Vector512.Load(w.ColumnSum + column + j))) * Vector512.Load(w.ColumnScale + column + j))
                    + Vector512.Load(w.Bias + column + j);
                y = epilogue switch
                {
                    Epilogue.AddTo => Vector512.Load(destination + j) + y,
                    Epilogue.Gelu => FloatMath.Gelu(y),
                    _ => y,
                };
                y.Store(destination + j);
            }
        }
        else
        {
            var s = Vector256.Create(scale);
            var m = Vector256.Create(min);
            for (int j = 0; j < Columns; j += 8)
            {
                Vector256<float> acc = Vector256.ConvertToSingle(Vector256.Load(sums + j));
                Vector256<float> y = (((acc * s) + (m * Vector256.Load(w.ColumnSum + column + j))) * Vector256.Load(w.ColumnScale + column + j))
                    + Vector256.Load(w.Bias + column + j);
                y = epilogue switch
                {
                    Epilogue.AddTo => Vector256.Load(destination + j) + y,
                    Epilogue.Gelu => FloatMath.Gelu(y),
                    _ => y,
                };
                y.Store(destination + j);
            }
        }
    }

    /// <summary>
    /// 4 rows × 32 columns with AVX-VNNI. Per group of four inputs: four 32-byte weight loads
    /// (8 columns × 4 inputs each), then for each row one 4-byte activation broadcast and four
    /// <c>vpdpbusd</c>. The 16 sums are the 16 registers the JIT gives a VEX-encoded
    /// <c>vpdpbusd</c> destination; weights and the broadcast live in the EVEX-only registers
    /// where AVX-512 exists. Each weight load serves four rows.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void TileAvxVnni(byte* a, nint lda, sbyte* b, int groups, int* c)
    {
        byte* a0 = a, a1 = a + lda, a2 = a + (2 * lda), a3 = a + (3 * lda);
        Vector256<int> c00 = default, c01 = default, c02 = default, c03 = default;
        Vector256<int> c10 = default, c11 = default, c12 = default, c13 = default;
        Vector256<int> c20 = default, c21 = default, c22 = default, c23 = default;
        Vector256<int> c30 = default, c31 = default, c32 = default, c33 = default;
        sbyte* end = b + ((nint)groups * Columns * 4);
        for (; b < end; b += Columns * 4, a0 += 4, a1 += 4, a2 += 4, a3 += 4)
        {
            Vector256<sbyte> b0 = Vector256.Load(b), b1 = Vector256.Load(b + 32), b2 = Vector256.Load(b + 64), b3 = Vector256.Load(b + 96);
            Vector256<byte> x = Vector256.Create(*(int*)a0).AsByte();
            c00 = AvxVnni.MultiplyWideningAndAdd(c00, x, b0);
            c01 = AvxVnni.MultiplyWideningAndAdd(c01, x, b1);
            c02 = AvxVnni.MultiplyWideningAndAdd(c02, x, b2);
            c03 = AvxVnni.MultiplyWideningAndAdd(c03, x, b3);
            x = Vector256.Create(*(int*)a1).AsByte();
            c10 = AvxVnni.MultiplyWideningAndAdd(c10, x, b0);
            c11 = AvxVnni.MultiplyWideningAndAdd(c11, x, b1);
            c12 = AvxVnni.MultiplyWideningAndAdd(c12, x, b2);
            c13 = AvxVnni.MultiplyWideningAndAdd(c13, x, b3);
            x = Vector256.Create(*(int*)a2).AsByte();
            c20 = AvxVnni.MultiplyWideningAndAdd(c20, x, b0);
            c21 = AvxVnni.MultiplyWideningAndAdd(c21, x, b1);
            c22 = AvxVnni.MultiplyWideningAndAdd(c22, x, b2);
            c23 = AvxVnni.MultiplyWideningAndAdd(c23, x, b3);
            x = Vector256.Create(*(int*)a3).AsByte();
            c30 = AvxVnni.MultiplyWideningAndAdd(c30, x, b0);
            c31 = AvxVnni.MultiplyWideningAndAdd(c31, x, b1);
            c32 = AvxVnni.MultiplyWideningAndAdd(c32, x, b2);
            c33 = AvxVnni.MultiplyWideningAndAdd(c33, x, b3);
        }

        c00.Store(c); c01.Store(c + 8); c02.Store(c + 16); c03.Store(c + 24);
        c10.Store(c + 32); c11.Store(c + 40); c12.Store(c + 48); c13.Store(c + 56);
        c20.Store(c + 64); c21.Store(c + 72); c22.Store(c + 80); c23.Store(c + 88);
        c30.Store(c + 96); c31.Store(c + 104); c32.Store(c + 112); c33.Store(c + 120);
    }

    /// <summary>
    /// 4 rows × 32 columns with AVX-512BW: two 64-byte weight loads per group of four inputs (16
    /// columns each); per row, <c>vpmaddubsw</c> adds pairs of products into 16-bit lanes (exact,
    /// see the class remarks) and <c>vpmaddwd</c> by ones adds the pairs into 32-bit lanes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TileAvx512(byte* a, nint lda, sbyte* b, int groups, int* c)
    {
        byte* a0 = a, a1 = a + lda, a2 = a + (2 * lda), a3 = a + (3 * lda);
        Vector512<short> ones = Vector512.Create((short)1);
        Vector512<int> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector512<int> c20 = default, c21 = default, c30 = default, c31 = default;
        sbyte* end = b + ((nint)groups * Columns * 4);
        for (; b < end; b += Columns * 4, a0 += 4, a1 += 4, a2 += 4, a3 += 4)
        {
            Vector512<sbyte> b0 = Vector512.Load(b), b1 = Vector512.Load(b + 64);
            Vector512<byte> x = Vector512.Create(*(int*)a0).AsByte();
            c00 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(x, b0), ones);
            c01 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(x, b1), ones);
            x = Vector512.Create(*(int*)a1).AsByte();
            c10 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(x, b0), ones);
            c11 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(x, b1), ones);
            x = Vector512.Create(*(int*)a2).AsByte();
            c20 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(x, b0), ones);
            c21 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(x, b1), ones);
            x = Vector512.Create(*(int*)a3).AsByte();
            c30 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(x, b0), ones);
            c31 += Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(x, b1), ones);
        }

        c00.Store(c); c01.Store(c + 16);
        c10.Store(c + 32); c11.Store(c + 48);
        c20.Store(c + 64); c21.Store(c + 80);
        c30.Store(c + 96); c31.Store(c + 112);
    }

    /// <summary>
    /// 2 rows × 32 columns with AVX2 (called twice per tile): 8 sums, 4 weights, the broadcast and
    /// the ones fit the 16 registers of a processor without AVX-512.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TileAvx2(byte* a, nint lda, sbyte* b, int groups, int* c)
    {
        byte* a0 = a, a1 = a + lda;
        Vector256<short> ones = Vector256.Create((short)1);
        Vector256<int> c00 = default, c01 = default, c02 = default, c03 = default;
        Vector256<int> c10 = default, c11 = default, c12 = default, c13 = default;
        sbyte* end = b + ((nint)groups * Columns * 4);
        for (; b < end; b += Columns * 4, a0 += 4, a1 += 4)
        {
            Vector256<sbyte> b0 = Vector256.Load(b), b1 = Vector256.Load(b + 32), b2 = Vector256.Load(b + 64), b3 = Vector256.Load(b + 96);
            Vector256<byte> x = Vector256.Create(*(int*)a0).AsByte();
            c00 += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(x, b0), ones);
            c01 += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(x, b1), ones);
            c02 += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(x, b2), ones);
            c03 += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(x, b3), ones);
            x = Vector256.Create(*(int*)a1).AsByte();
            c10 += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(x, b0), ones);
            c11 += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(x, b1), ones);
            c12 += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(x, b2), ones);
            c13 += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(x, b3), ones);
        }

        c00.Store(c); c01.Store(c + 8); c02.Store(c + 16); c03.Store(c + 24);
        c10.Store(c + 32); c11.Store(c + 40); c12.Store(c + 48); c13.Store(c + 56);
    }

    /// <summary>One row × 32 columns with SSSE3, for processors without AVX2.</summary>
    private static void RowSsse3(byte* a, sbyte* b, int groups, int* c)
    {
        Vector128<short> ones = Vector128.Create((short)1);
        Vector128<int> s0 = default, s1 = default, s2 = default, s3 = default, s4 = default, s5 = default, s6 = default, s7 = default;
        for (int g = 0; g < groups; g++, b += Columns * 4, a += 4)
        {
            Vector128<byte> x = Vector128.Create(*(int*)a).AsByte();
            s0 += Sse2.MultiplyAddAdjacent(Ssse3.MultiplyAddAdjacent(x, Vector128.Load(b)), ones);
            s1 += Sse2.MultiplyAddAdjacent(Ssse3.MultiplyAddAdjacent(x, Vector128.Load(b + 16)), ones);
            s2 += Sse2.MultiplyAddAdjacent(Ssse3.MultiplyAddAdjacent(x, Vector128.Load(b + 32)), ones);
            s3 += Sse2.MultiplyAddAdjacent(Ssse3.MultiplyAddAdjacent(x, Vector128.Load(b + 48)), ones);
            s4 += Sse2.MultiplyAddAdjacent(Ssse3.MultiplyAddAdjacent(x, Vector128.Load(b + 64)), ones);
            s5 += Sse2.MultiplyAddAdjacent(Ssse3.MultiplyAddAdjacent(x, Vector128.Load(b + 80)), ones);
            s6 += Sse2.MultiplyAddAdjacent(Ssse3.MultiplyAddAdjacent(x, Vector128.Load(b + 96)), ones);
            s7 += Sse2.MultiplyAddAdjacent(Ssse3.MultiplyAddAdjacent(x, Vector128.Load(b + 112)), ones);
        }

        s0.Store(c); s1.Store(c + 4); s2.Store(c + 8); s3.Store(c + 12);
        s4.Store(c + 16); s5.Store(c + 20); s6.Store(c + 24); s7.Store(c + 28);
    }

    /// <summary>The reference: 4 rows × 32 columns in plain integer arithmetic.</summary>
    private static void TileScalar(byte* a, nint lda, sbyte* b, int groups, int* c)
    {
        for (int row = 0; row < TileRows; row++)
        {
            byte* x = a + (row * lda);
            for (int j = 0; j < Columns; j++)
            {
                int sum = 0;
                for (int g = 0; g < groups; g++)
                {
                    sbyte* w = b + (g * Columns * 4) + (j * 4);
                    byte* v = x + (g * 4);
                    sum += (v[0] * w[0]) + (v[1] * w[1]) + (v[2] * w[2]) + (v[3] * w[3]);
                }

                c[(row * Columns) + j] = sum;
            }
        }
    }
}
