namespace Stance.Text;

/// <summary>
/// Character n-grams of a word, taken from the word wrapped in boundary marks: "talks" gives
/// "&lt;ta", "tal", ..., "ks&gt;" for length 3. The marks let a gram say "starts with" or "ends with".
/// </summary>
internal static class CharGrams
{
    public const char Start = '<';
    public const char End = '>';

    /// <summary>The longest padded word: a token plus its two marks.</summary>
    public const int MaxPaddedLength = Tokenizer.MaxTokenLength + 2;

    /// <summary>Writes the word with its boundary marks into <paramref name="destination"/>; returns its length.</summary>
    public static int Pad(ReadOnlySpan<char> word, Span<char> destination)
    {
        destination[0] = Start;
        word.CopyTo(destination[1..]);
        destination[word.Length + 1] = End;
        return word.Length + 2;
    }

    /// <summary>Adds the character n-grams of every word in <paramref name="tokens"/> to <paramref name="grams"/>.</summary>
    public static void AddTo(TokenList tokens, int min, int max, List<string> grams)
    {
        Span<char> padded = stackalloc char[MaxPaddedLength];
        for (int t = 0; t < tokens.Count; t++)
        {
            if (!tokens.IsWord(t))
            {
                continue;
            }

            int length = Pad(tokens.WordOf(t), padded);
            for (int n = min; n <= max; n++)
            {
                for (int start = 0; start + n <= length; start++)
                {
                    grams.Add(new string(padded.Slice(start, n)));
                }
            }
        }
    }
}
