using System.Runtime.CompilerServices;
using Stance.Text;

namespace Stance.Scoring;

/// <summary>
/// The per-thread working memory of <see cref="LinearScorer"/>: token buffers, the n-gram slots a
/// text hits, and its sparse feature vector. Sized by the text, not by the model, and reused from
/// text to text so that scoring allocates nothing once the buffers have grown.
/// </summary>
internal sealed class ScoringScratch
{
    private int[] _tokenIds = new int[64];
    private ulong[] _tokenHashes = new ulong[64];

    public TokenList Tokens { get; } = new();

    /// <summary>The slots hit by the n-grams of the current block, with repeats.</summary>
    public int[] Hits { get; private set; } = new int[256];

    public int HitCount { get; set; }

    /// <summary>A small hash table for counting a block's hits; always left all zero.</summary>
    public int[] CountTable { get; } = new int[256];

    /// <summary>The sparse feature vector: <see cref="FeatureCount"/> (index, value) pairs.</summary>
    public int[] FeatureIndices { get; private set; } = new int[256];

    public float[] FeatureValues { get; private set; } = new float[256];

    public int FeatureCount { get; set; }

    public int[] EnsureTokenIds(int count)
    {
        if (_tokenIds.Length < count)
        {
            _tokenIds = new int[Math.Max(count, _tokenIds.Length * 2)];
        }

        return _tokenIds;
    }

    public ulong[] EnsureTokenHashes(int count)
    {
        if (_tokenHashes.Length < count)
        {
            _tokenHashes = new ulong[Math.Max(count, _tokenHashes.Length * 2)];
        }

        return _tokenHashes;
    }

    /// <summary>What the scorer's cache-warming loads read; kept so that they are not optimized away.</summary>
    public ulong Touched { get; set; }

    // Called for every n-gram of every text: the common case is kept small enough to inline, and
    // growing the buffers, which happens a few times per thread, is a call.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Hit(int slot)
    {
        if (HitCount == Hits.Length)
        {
            GrowHits();
        }

        Hits[HitCount++] = slot;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddFeature(int index, float value)
    {
        if (FeatureCount == FeatureIndices.Length)
        {
            GrowFeatures();
        }

        FeatureIndices[FeatureCount] = index;
        FeatureValues[FeatureCount++] = value;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void GrowHits() => Hits = Grow(Hits);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void GrowFeatures()
    {
        FeatureIndices = Grow(FeatureIndices);
        FeatureValues = Grow(FeatureValues);
    }

    private static T[] Grow<T>(T[] array)
    {
        Array.Resize(ref array, array.Length * 2);
        return array;
    }
}
