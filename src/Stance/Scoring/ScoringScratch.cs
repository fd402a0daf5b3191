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

    public void Hit(int slot)
    {
        if (HitCount == Hits.Length)
        {
            Hits = Grow(Hits);
        }

        Hits[HitCount++] = slot;
    }

    public void AddFeature(int index, float value)
    {
        if (FeatureCount == FeatureIndices.Length)
        {
            FeatureIndices = Grow(FeatureIndices);
            FeatureValues = Grow(FeatureValues);
        }

        FeatureIndices[FeatureCount] = index;
        FeatureValues[FeatureCount++] = value;
    }

    private static T[] Grow<T>(T[] array)
    {
        Array.Resize(ref array, array.Length * 2);
        return array;
    }
}
