using Stance.Text;

namespace Stance.Scoring;

/// <summary>
/// The per-thread working memory of <see cref="LinearScorer"/>: token buffers, n-gram counts and
/// the sparse feature vector. Reused from text to text so that scoring allocates nothing.
/// </summary>
internal sealed class ScoringScratch
{
    private int[] _tokenIds = new int[64];

    public ScoringScratch(int wordSlots, int charSlots, int featureCount, int maxLabels)
    {
        WordCounts = new float[wordSlots];
        WordTouched = new int[Math.Max(wordSlots, 1)];
        CharCounts = new float[charSlots];
        CharTouched = new int[Math.Max(charSlots, 1)];
        FeatureIndices = new int[Math.Max(featureCount, 1)];
        FeatureValues = new float[Math.Max(featureCount, 1)];
        Scores = new float[maxLabels];
    }

    public TokenList Tokens { get; } = new();

    public float[] WordCounts { get; }

    public int[] WordTouched { get; }

    public int WordTouchedCount { get; set; }

    public float[] CharCounts { get; }

    public int[] CharTouched { get; }

    public int CharTouchedCount { get; set; }

    /// <summary>The sparse feature vector: <see cref="FeatureCount"/> (index, value) pairs.</summary>
    public int[] FeatureIndices { get; }

    public float[] FeatureValues { get; }

    public int FeatureCount { get; set; }

    public float[] Scores { get; }

    public int[] EnsureTokenIds(int count)
    {
        if (_tokenIds.Length < count)
        {
            _tokenIds = new int[Math.Max(count, _tokenIds.Length * 2)];
        }

        return _tokenIds;
    }

    public void AddWord(int slot)
    {
        if (WordCounts[slot]++ == 0f)
        {
            WordTouched[WordTouchedCount++] = slot;
        }
    }

    public void AddChar(int slot)
    {
        if (CharCounts[slot]++ == 0f)
        {
            CharTouched[CharTouchedCount++] = slot;
        }
    }
}
