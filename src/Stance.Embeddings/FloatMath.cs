using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Stance.Embeddings;

/// <summary>
/// The float arithmetic of the encoder, written so that it rounds the same way on every x64
/// processor:
/// <list type="bullet">
/// <item>Only IEEE-754 single-precision add, subtract, multiply, divide and square root, each
/// rounded once (to nearest, ties to even). No fused multiply-add: <c>a * b + c</c> in C# is two
/// roundings (RyuJIT does not contract it), and <c>Fma</c> / <c>MultiplyAddEstimate</c> are never
/// called. No reciprocal or square-root estimates (<c>rcpps</c>, <c>rsqrtps</c> differ between
/// processor generations).</item>
/// <item>No <see cref="MathF.Exp(float)"/> or other library transcendental (the C runtime picks
/// different code on different processors): <see cref="Exp(Vector256{float})"/> and <see cref="Gelu(Vector256{float})"/> are
/// polynomials of their own.</item>
/// <item>Every sum is taken in an order fixed by the code, never by the hardware: elementwise
/// work is done in <see cref="Vector256{T}"/> lanes (or wider, where each lane does the same
/// sequence), and every reduction across lanes goes through <see cref="Sum"/>, whose order is
/// spelled out. <c>Vector&lt;T&gt;</c> (whose width is the machine's) and <c>Vector256.Sum</c> (whose
/// order is unspecified) are not used. Without AVX the runtime emulates <see cref="Vector256{T}"/>
/// lane by lane, which rounds identically.</item>
/// </list>
/// </summary>
internal static unsafe class FloatMath
{
    private static readonly Vector256<float> Log2E = Vector256.Create(1.44269504088896341f);

    /// <summary>ln 2 in two parts (Cody and Waite): <c>n · Ln2High</c> is exact for the exponents used.</summary>
    private static readonly Vector256<float> Ln2High = Vector256.Create(0.693359375f);

    private static readonly Vector256<float> Ln2Low = Vector256.Create(-2.12194440e-4f);

    /// <summary>
    /// e<sup>x</sup> for x ≤ 0 (softmax and erfc arguments), relative error about 2e-7; arguments
    /// below -80 are taken as -80 (e<sup>-80</sup> ≈ 1.8e-35: zero for every use here, but a normal
    /// number, so no denormal arithmetic follows). x is never NaN here, and -80 is not a zero,
    /// so the processor's own <c>maxps</c> (<c>MaxNative</c>) gives the IEEE result; n is an
    /// integer in [-116, 0], so the conversion has no overflow to handle.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x)
    {
        x = Vector256.MaxNative(x, Vector256.Create(-80f));
        Vector256<float> n = Vector256.Round(x * Log2E);
        Vector256<float> r = (x - (n * Ln2High)) - (n * Ln2Low);

        // Cephes expf: e^r ≈ 1 + r + r² P(r) on |r| ≤ ln2 / 2, evaluated by Horner's rule.
        Vector256<float> p = Vector256.Create(1.9875691500e-4f);
        p = (p * r) + Vector256.Create(1.3981999507e-3f);
        p = (p * r) + Vector256.Create(8.3334519073e-3f);
        p = (p * r) + Vector256.Create(4.1665795894e-2f);
        p = (p * r) + Vector256.Create(1.6666665459e-1f);
        p = (p * r) + Vector256.Create(5.0000001201e-1f);
        p = ((p * (r * r)) + r) + Vector256<float>.One;

        // 2^n by building the exponent field: n is an integer in [-116, 0].
        Vector256<int> exponent = (Vector256.ConvertToInt32Native(n) + Vector256.Create(127)) << 23;
        return p * exponent.AsSingle();
    }

    /// <summary>
    /// GELU as BERT defines it, <c>x · Φ(x) = x · (1 + erf(x / √2)) / 2</c>, with erfc from
    /// Abramowitz and Stegun 7.1.26 (absolute error below 1.5e-7), which keeps its accuracy for
    /// negative x where Φ is small.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Gelu(Vector256<float> x)
    {
        Vector256<float> z = Vector256.Abs(x) * Vector256.Create(0.707106781186547524f);
        Vector256<float> t = Vector256<float>.One / (Vector256<float>.One + (z * Vector256.Create(0.3275911f)));
        Vector256<float> poly = Vector256.Create(1.061405429f);
        poly = (poly * t) + Vector256.Create(-1.453152027f);
        poly = (poly * t) + Vector256.Create(1.421413741f);
        poly = (poly * t) + Vector256.Create(-0.284496736f);
        poly = (poly * t) + Vector256.Create(0.254829592f);
        poly *= t;

        // half of erfc(|x| / √2): Φ(x) for x < 0, 1 - Φ(x) for x ≥ 0.
        Vector256<float> tail = (poly * Exp(Vector256<float>.Zero - (z * z))) * Vector256.Create(0.5f);
        Vector256<float> cdf = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(x, Vector256<float>.Zero), Vector256<float>.One - tail, tail);
        return x * cdf;
    }

    /// <summary>
    /// <see cref="Exp(Vector256{float})"/> on 16 lanes: lane for lane the same operations, so the same bits; used
    /// where 512-bit vectors are fast, for elementwise work only (no sum crosses lanes).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> x)
    {
        x = Vector512.MaxNative(x, Vector512.Create(-80f));
        Vector512<float> n = Vector512.Round(x * Vector512.Create(1.44269504088896341f));
        Vector512<float> r = (x - (n * Vector512.Create(0.693359375f))) - (n * Vector512.Create(-2.12194440e-4f));
        Vector512<float> p = Vector512.Create(1.9875691500e-4f);
        p = (p * r) + Vector512.Create(1.3981999507e-3f);
        p = (p * r) + Vector512.Create(8.3334519073e-3f);
        p = (p * r) + Vector512.Create(4.1665795894e-2f);
        p = (p * r) + Vector512.Create(1.6666665459e-1f);
        p = (p * r) + Vector512.Create(5.0000001201e-1f);
        p = ((p * (r * r)) + r) + Vector512<float>.One;
        Vector512<int> exponent = (Vector512.ConvertToInt32Native(n) + Vector512.Create(127)) << 23;
        return p * exponent.AsSingle();
    }

    /// <summary><see cref="Gelu(Vector256{float})"/> on 16 lanes, lane for lane the same operations.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Gelu(Vector512<float> x)
    {
        Vector512<float> z = Vector512.Abs(x) * Vector512.Create(0.707106781186547524f);
        Vector512<float> t = Vector512<float>.One / (Vector512<float>.One + (z * Vector512.Create(0.3275911f)));
        Vector512<float> poly = Vector512.Create(1.061405429f);
        poly = (poly * t) + Vector512.Create(-1.453152027f);
        poly = (poly * t) + Vector512.Create(1.421413741f);
        poly = (poly * t) + Vector512.Create(-0.284496736f);
        poly = (poly * t) + Vector512.Create(0.254829592f);
        poly *= t;
        Vector512<float> tail = (poly * Exp(Vector512<float>.Zero - (z * z))) * Vector512.Create(0.5f);
        Vector512<float> cdf = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(x, Vector512<float>.Zero), Vector512<float>.One - tail, tail);
        return x * cdf;
    }

    /// <summary>The sum of the eight lanes, in the fixed order ((0+4)+(2+6)) + ((1+5)+(3+7)).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector256<float> v)
    {
        Vector128<float> four = v.GetLower() + v.GetUpper();
        Vector128<float> two = four + Vector128.Create(four.GetElement(2), four.GetElement(3), 0f, 0f);
        return two.GetElement(0) + two.GetElement(1);
    }

    /// <summary>
    /// Layer norm of one row in place: <c>(x - mean) / √(variance + ε) · weight + bias</c>, the
    /// mean and variance summed in four 8-lane accumulators over 32-element chunks, in order.
    /// </summary>
    public static void LayerNorm(float* x, int length, float* weight, float* bias, float epsilon)
    {
        Vector256<float> s0 = default, s1 = default, s2 = default, s3 = default;
        for (int i = 0; i < length; i += 32)
        {
            s0 += Vector256.Load(x + i);
            s1 += Vector256.Load(x + i + 8);
            s2 += Vector256.Load(x + i + 16);
            s3 += Vector256.Load(x + i + 24);
        }

        float mean = Sum((s0 + s1) + (s2 + s3)) / length;
        var m = Vector256.Create(mean);
        s0 = s1 = s2 = s3 = default;
        for (int i = 0; i < length; i += 32)
        {
            Vector256<float> d0 = Vector256.Load(x + i) - m;
            Vector256<float> d1 = Vector256.Load(x + i + 8) - m;
            Vector256<float> d2 = Vector256.Load(x + i + 16) - m;
            Vector256<float> d3 = Vector256.Load(x + i + 24) - m;
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }

        float variance = Sum((s0 + s1) + (s2 + s3)) / length;
        var inverse = Vector256.Create(1f / MathF.Sqrt(variance + epsilon));
        for (int i = 0; i < length; i += 8)
        {
            Vector256<float> y = ((Vector256.Load(x + i) - m) * inverse * Vector256.Load(weight + i)) + Vector256.Load(bias + i);
            y.Store(x + i);
        }
    }

    /// <summary>
    /// Quantizes one row to unsigned 8 bits over its own range: <c>x ≈ min + q · scale</c>,
    /// <c>q = round((x - min) · 255 / (max - min))</c>. Each row has its own scale, so a row's
    /// codes, and everything computed from them, never depend on the other rows of a batch.
    /// </summary>
    /// <remarks>
    /// The minimum and maximum are taken with the processor's own <c>minps</c>/<c>maxps</c>
    /// (<c>MinNative</c>), which differ from IEEE minimum only for NaN (none occur) and in which
    /// zero they return of +0 and -0. That sign never reaches a result: <c>x - min</c> is the same
    /// for either zero but when x is itself zero, where it is ±0 and rounds to code 0, and
    /// <c>min · Σq</c> in <see cref="Int8Gemm"/> is then ±0 added to <c>acc · scale</c>, itself +0
    /// or nonzero. <c>(x - min) · 255 / range</c> lies in [0, 255] up to a rounding, so the codes
    /// need no clamping and the conversion no overflow handling.
    /// </remarks>
    public static void QuantizeRow(float* x, int length, byte* q, out float scale, out float minimum)
    {
        Vector256<float> low0 = Vector256.Load(x), low1 = Vector256.Load(x + 8), low2 = Vector256.Load(x + 16), low3 = Vector256.Load(x + 24);
        Vector256<float> high0 = low0, high1 = low1, high2 = low2, high3 = low3;
        for (int i = 32; i < length; i += 32)
        {
            Vector256<float> v0 = Vector256.Load(x + i), v1 = Vector256.Load(x + i + 8), v2 = Vector256.Load(x + i + 16), v3 = Vector256.Load(x + i + 24);
            low0 = Vector256.MinNative(low0, v0);
            low1 = Vector256.MinNative(low1, v1);
            low2 = Vector256.MinNative(low2, v2);
            low3 = Vector256.MinNative(low3, v3);
            high0 = Vector256.MaxNative(high0, v0);
            high1 = Vector256.MaxNative(high1, v1);
            high2 = Vector256.MaxNative(high2, v2);
            high3 = Vector256.MaxNative(high3, v3);
        }

        Vector256<float> low = Vector256.MinNative(Vector256.MinNative(low0, low1), Vector256.MinNative(low2, low3));
        Vector256<float> high = Vector256.MaxNative(Vector256.MaxNative(high0, high1), Vector256.MaxNative(high2, high3));
        float min = low.GetElement(0), max = high.GetElement(0);
        for (int lane = 1; lane < 8; lane++)
        {
            min = MathF.Min(min, low.GetElement(lane));
            max = MathF.Max(max, high.GetElement(lane));
        }

        float range = max - min;
        minimum = min;
        if (!(range > 0f))
        {
            scale = 0f;
            new Span<byte>(q, length).Clear();
            return;
        }

        scale = range / 255f;
        var inverse = Vector256.Create(255f / range);
        var offset = Vector256.Create(min);
        for (int i = 0; i < length; i += 32)
        {
            Vector256<int> q0 = Codes(Vector256.Load(x + i), offset, inverse);
            Vector256<int> q1 = Codes(Vector256.Load(x + i + 8), offset, inverse);
            Vector256<int> q2 = Codes(Vector256.Load(x + i + 16), offset, inverse);
            Vector256<int> q3 = Codes(Vector256.Load(x + i + 24), offset, inverse);
            Vector256<ushort> w01 = Vector256.Narrow(q0.AsUInt32(), q1.AsUInt32());
            Vector256<ushort> w23 = Vector256.Narrow(q2.AsUInt32(), q3.AsUInt32());
            Vector256.Narrow(w01, w23).Store(q + i);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Codes(Vector256<float> x, Vector256<float> offset, Vector256<float> inverse)
        => Vector256.ConvertToInt32Native(Vector256.Round((x - offset) * inverse));
}
