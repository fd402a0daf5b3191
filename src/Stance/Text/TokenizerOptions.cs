namespace Stance.Text;

/// <summary>
/// How text becomes tokens. Stored in the model file, so that classification tokenizes exactly
/// as training did.
/// </summary>
/// <param name="MarkNegation">Prefix the words that follow a negation cue ("not", "never", "no", ...)
/// with <c>not_</c> up to the next punctuation mark, so "we should not rush into talks" yields
/// <c>not_rush</c> and <c>not_talks</c> rather than the same words as a call for talks.</param>
/// <param name="FoldDigits">Replace every digit by 0, so years and counts share features.</param>
/// <param name="CharGramMin">Shortest character n-gram taken inside a word (0 = no character n-grams).</param>
/// <param name="CharGramMax">Longest character n-gram taken inside a word.</param>
/// <param name="ArgumentCues">Append tokens that name what each clause recommends (see <see cref="Text.ArgumentCues"/>).</param>
public sealed record TokenizerOptions(
    bool MarkNegation = true,
    bool FoldDigits = true,
    int CharGramMin = 0,
    int CharGramMax = 0,
    bool ArgumentCues = false)
{
    /// <summary>Whether character n-grams are produced at all.</summary>
    public bool HasCharGrams => CharGramMin > 0 && CharGramMax >= CharGramMin;

    internal void Validate()
    {
        if (CharGramMin < 0 || CharGramMax < 0 || CharGramMax > 8 || (CharGramMin > 0 && CharGramMax < CharGramMin))
        {
            throw new ArgumentException($"Character n-gram lengths must satisfy 1 <= min <= max <= 8 (got {CharGramMin}..{CharGramMax}).");
        }
    }
}
