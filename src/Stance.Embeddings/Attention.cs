using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Stance.Embeddings;

/// <summary>
/// Scaled dot-product self-attention of one sequence, one head at a time, in float32. It is a
/// small part of the work (n² · 64 products per head against the dense layers' 10⁷ per token),
/// and is written for a fixed rounding order first: each vector lane accumulates over the head
/// dimension, or over positions, in sequence; the only cross-lane sum (the softmax denominator)
/// goes through <see cref="FloatMath.Sum"/>.
/// </summary>
/// <remarks>
/// Shape: without fused multiply-add every step is a multiply and a dependent add, so a single
/// accumulator would wait on the add's latency (4 cycles) at every step. Both products are
/// blocked so that 8 independent accumulators are in flight: 4 queries × 16 keys for the scores,
/// 2 queries × 32 dimensions for the context (8 queries and 4 on 512-bit vectors, where fast).
/// The blocking and the vector width change which loads are shared, never the order in which a
/// lane adds its terms, so both widths give the same bits.
/// </remarks>
internal static unsafe class Attention
{
    public const int HeadSize = 32;

    /// <summary>Queries per block: 8 on the 512-bit path, 4 on the 256-bit one.</summary>
    private const int QueryBlock = 8;

    /// <summary>Scratch floats needed by <see cref="Sequence"/> for sequences of up to <paramref name="n"/> tokens.</summary>
    public static long ScratchLength(int n) => (long)(HeadSize + QueryBlock) * PaddedLength(n);

    /// <summary>
    /// For each head: <c>context[i] = Σ_j softmax_j(q_i · k_j) v_j</c>, with the 1/√d factor
    /// already folded into the query weights. <paramref name="qkv"/> holds rows
    /// <c>[q | k | v]</c> of width 3·hidden; <paramref name="context"/> rows of width hidden.
    /// With <paramref name="firstQueryOnly"/>, only query 0 (the [CLS] token) is attended.
    /// </summary>
    /// <param name="scratch">At least <see cref="ScratchLength"/>(n) floats.</param>
    public static void Sequence(float* qkv, int n, int hidden, int heads, float* context, bool firstQueryOnly, float* scratch)
    {
        if (hidden / heads != HeadSize)
        {
            throw new NotSupportedException($"attention heads of {hidden / heads} dimensions (this encoder has kernels for {HeadSize})");
        }

        int stride = 3 * hidden;
        int padded = PaddedLength(n);
        int queries = firstQueryOnly ? 1 : n;
        float* keysT = scratch;
        float* scores = scratch + (HeadSize * padded);
        bool wide = Vector512.IsHardwareAccelerated;
        int block = wide ? 8 : 4;
        float** q = stackalloc float*[QueryBlock];
        for (int h = 0; h < heads; h++)
        {
            // Keys transposed ([d][j], zero past n) so that one vector holds one dimension of 8 keys.
            for (int j = 0; j < padded; j++)
            {
                float* key = qkv + ((long)Math.Min(j, n - 1) * stride) + hidden + (h * HeadSize);
                bool real = j < n;
                for (int d = 0; d < HeadSize; d++)
                {
                    keysT[(d * padded) + j] = real ? key[d] : 0f;
                }
            }

            for (int i0 = 0; i0 < queries; i0 += block)
            {
                // Past the last query the block repeats it; those rows are computed and not stored.
                int count = Math.Min(block, queries - i0);
                for (int t = 0; t < block; t++)
                {
                    q[t] = qkv + ((long)(i0 + Math.Min(t, count - 1)) * stride) + (h * HeadSize);
                }

                for (int j = 0; j < padded; j += 16)
                {
                    if (wide)
                    {
                        Scores8(q, keysT + j, padded, scores + j);
                    }
                    else
                    {
                        Scores4(q, keysT + j, padded, scores + j);
                    }
                }

                for (int t = 0; t < count; t++)
                {
                    Softmax(scores + (t * padded), n, padded);
                }

                float* value = qkv + (2 * hidden) + (h * HeadSize);
                float* output = context + ((long)i0 * hidden) + (h * HeadSize);
                int pair = wide ? 4 : 2;
                for (int t = 0; t < count; t += pair)
                {
                    if (wide)
                    {
                        Context4(scores + (t * padded), padded, Math.Min(4, count - t), value, stride, n, output + ((long)t * hidden), hidden);
                    }
                    else
                    {
                        Context2(scores + (t * padded), scores + (Math.Min(t + 1, count - 1) * padded), value, stride, n, output + ((long)t * hidden), t + 1 < count ? output + ((long)(t + 1) * hidden) : null);
                    }
                }
            }
        }
    }

    /// <summary>Multiple of 16: the score blocks are two vectors of keys wide.</summary>
    public static int PaddedLength(int n) => (n + 15) / 16 * 16;

    /// <summary>Scores of four queries against 16 keys; each lane adds its 32 products in order d = 0..31.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Scores4(float** q, float* keysT, int padded, float* scores)
    {
        float* q0 = q[0], q1 = q[1], q2 = q[2], q3 = q[3];
        Vector256<float> s00 = default, s01 = default, s10 = default, s11 = default;
        Vector256<float> s20 = default, s21 = default, s30 = default, s31 = default;
        for (int d = 0; d < HeadSize; d++, keysT += padded)
        {
            Vector256<float> k0 = Vector256.Load(keysT), k1 = Vector256.Load(keysT + 8);
            var x = Vector256.Create(q0[d]);
            s00 += x * k0;
            s01 += x * k1;
            x = Vector256.Create(q1[d]);
            s10 += x * k0;
            s11 += x * k1;
            x = Vector256.Create(q2[d]);
            s20 += x * k0;
            s21 += x * k1;
            x = Vector256.Create(q3[d]);
            s30 += x * k0;
            s31 += x * k1;
        }

        s00.Store(scores);
        s01.Store(scores + 8);
        s10.Store(scores + padded);
        s11.Store(scores + padded + 8);
        s20.Store(scores + (2 * padded));
        s21.Store(scores + (2 * padded) + 8);
        s30.Store(scores + (3 * padded));
        s31.Store(scores + (3 * padded) + 8);
    }

    /// <summary><see cref="Scores4"/> for eight queries on 16-lane vectors: each lane adds the same products in the same order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Scores8(float** q, float* keysT, int padded, float* scores)
    {
        float* q0 = q[0], q1 = q[1], q2 = q[2], q3 = q[3], q4 = q[4], q5 = q[5], q6 = q[6], q7 = q[7];
        Vector512<float> s0 = default, s1 = default, s2 = default, s3 = default, s4 = default, s5 = default, s6 = default, s7 = default;
        for (int d = 0; d < HeadSize; d++, keysT += padded)
        {
            Vector512<float> k = Vector512.Load(keysT);
            s0 += Vector512.Create(q0[d]) * k;
            s1 += Vector512.Create(q1[d]) * k;
            s2 += Vector512.Create(q2[d]) * k;
            s3 += Vector512.Create(q3[d]) * k;
            s4 += Vector512.Create(q4[d]) * k;
            s5 += Vector512.Create(q5[d]) * k;
            s6 += Vector512.Create(q6[d]) * k;
            s7 += Vector512.Create(q7[d]) * k;
        }

        s0.Store(scores);
        s1.Store(scores + padded);
        s2.Store(scores + (2 * padded));
        s3.Store(scores + (3 * padded));
        s4.Store(scores + (4 * padded));
        s5.Store(scores + (5 * padded));
        s6.Store(scores + (6 * padded));
        s7.Store(scores + (7 * padded));
    }

    /// <summary>Scores to probabilities in place: <c>e^(s - max) / Σ e^(s - max)</c>, zero past <paramref name="n"/>.</summary>
    /// <remarks>
    /// The lanes past n hold scores against zero keys; they are first set to a real score so that
    /// the maximum can be taken over whole vectors. A maximum is exact in any order, and with
    /// finite scores the processor's <c>maxps</c> (<c>MaxNative</c>) is exact too, but for which
    /// zero it returns of ±0, which cannot change <c>e^(s - max)</c>: an exact zero difference
    /// gives e^0 = 1 whatever its sign.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Softmax(float* scores, int n, int padded)
    {
        for (int j = n; j < padded; j++)
        {
            scores[j] = scores[0];
        }

        Vector256<float> highest = Vector256.Load(scores);
        for (int j = 8; j < padded; j += 8)
        {
            highest = Vector256.MaxNative(highest, Vector256.Load(scores + j));
        }

        float max = highest.GetElement(0);
        for (int lane = 1; lane < 8; lane++)
        {
            max = MathF.Max(max, highest.GetElement(lane));
        }

        var m = Vector256.Create(max);
        Vector256<int> lane8 = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
        Vector256<float> total = Vector256<float>.Zero;
        if (Vector512.IsHardwareAccelerated)
        {
            // 16 lanes for the exponentials; the sum still takes 8-lane halves in order, as below.
            var m16 = Vector512.Create(max);
            Vector512<int> lane16 = Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
            for (int j = 0; j < padded; j += 16)
            {
                Vector512<float> e = FloatMath.Exp(Vector512.Load(scores + j) - m16);
                e = Vector512.ConditionalSelect(Vector512.LessThan(lane16 + Vector512.Create(j), Vector512.Create(n)).AsSingle(), e, Vector512<float>.Zero);
                total += e.GetLower();
                total += e.GetUpper();
                e.Store(scores + j);
            }
        }
        else
        {
            for (int j = 0; j < padded; j += 8)
            {
                Vector256<float> e = FloatMath.Exp(Vector256.Load(scores + j) - m);
                e = Vector256.ConditionalSelect(Vector256.LessThan(lane8 + Vector256.Create(j), Vector256.Create(n)).AsSingle(), e, Vector256<float>.Zero);
                total += e;
                e.Store(scores + j);
            }
        }

        var inverse = Vector256.Create(1f / FloatMath.Sum(total));
        for (int j = 0; j < padded; j += 8)
        {
            (Vector256.Load(scores + j) * inverse).Store(scores + j);
        }
    }

    /// <summary>Context rows of two queries: 32 dimensions each, built up over the positions in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Context2(float* p0, float* p1, float* value, int stride, int n, float* out0, float* out1)
    {
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
        Vector256<float> b0 = default, b1 = default, b2 = default, b3 = default;
        for (int j = 0; j < n; j++, value += stride)
        {
            Vector256<float> v0 = Vector256.Load(value), v1 = Vector256.Load(value + 8), v2 = Vector256.Load(value + 16), v3 = Vector256.Load(value + 24);
            var p = Vector256.Create(p0[j]);
            a0 += p * v0;
            a1 += p * v1;
            a2 += p * v2;
            a3 += p * v3;
            p = Vector256.Create(p1[j]);
            b0 += p * v0;
            b1 += p * v1;
            b2 += p * v2;
            b3 += p * v3;
        }

        a0.Store(out0);
        a1.Store(out0 + 8);
        a2.Store(out0 + 16);
        a3.Store(out0 + 24);
        if (out1 is not null)
        {
            b0.Store(out1);
            b1.Store(out1 + 8);
            b2.Store(out1 + 16);
            b3.Store(out1 + 24);
        }
    }

    /// <summary><see cref="Context2"/> for up to four queries on 16-lane vectors (two per row), lane for lane the same sums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Context4(float* p, int padded, int count, float* value, int stride, int n, float* output, int hidden)
    {
        float* p0 = p, p1 = p + (Math.Min(1, count - 1) * padded), p2 = p + (Math.Min(2, count - 1) * padded), p3 = p + (Math.Min(3, count - 1) * padded);
        Vector512<float> a0 = default, a1 = default, b0 = default, b1 = default, c0 = default, c1 = default, d0 = default, d1 = default;
        for (int j = 0; j < n; j++, value += stride)
        {
            Vector512<float> v0 = Vector512.Load(value), v1 = Vector512.Load(value + 16);
            var x = Vector512.Create(p0[j]);
            a0 += x * v0;
            a1 += x * v1;
            x = Vector512.Create(p1[j]);
            b0 += x * v0;
            b1 += x * v1;
            x = Vector512.Create(p2[j]);
            c0 += x * v0;
            c1 += x * v1;
            x = Vector512.Create(p3[j]);
            d0 += x * v0;
            d1 += x * v1;
        }

        a0.Store(output);
        a1.Store(output + 16);
        if (count > 1)
        {
            b0.Store(output + hidden);
            b1.Store(output + hidden + 16);
        }

        if (count > 2)
        {
            c0.Store(output + (2 * hidden));
            c1.Store(output + (2 * hidden) + 16);
        }

        if (count > 3)
        {
            d0.Store(output + (3 * hidden));
            d1.Store(output + (3 * hidden) + 16);
        }
    }
}
