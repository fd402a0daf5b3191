using System.Globalization;
using System.Runtime.CompilerServices;

namespace Stance.Text;

/// <summary>
/// Splits a statement into lower-case word tokens, question and exclamation marks, and (optionally)
/// negation-marked words. It is the only tokenizer in Stance: training (through the ML.NET pipeline)
/// and the compiled scorer both call it, which is what makes their features identical.
/// </summary>
/// <remarks>
/// Writes into a reusable <see cref="TokenList"/> so that the hot path allocates nothing.
/// </remarks>
internal sealed class Tokenizer
{
    /// <summary>Texts longer than this are classified by their first <see cref="MaxTextLength"/> characters.</summary>
    public const int MaxTextLength = 10_000;

    /// <summary>Longer words (URLs, base64, runs of letters) are cut to this length.</summary>
    public const int MaxTokenLength = 40;

    /// <summary>Prefix of a word inside the scope of a negation cue.</summary>
    public const string NegationPrefix = "not_";

    private readonly TokenizerOptions _options;

    public Tokenizer(TokenizerOptions options)
    {
        options.Validate();
        _options = options;
    }

    public TokenizerOptions Options => _options;

    public void Tokenize(ReadOnlySpan<char> text, TokenList tokens)
    {
        tokens.Clear();
        if (text.Length > MaxTextLength)
        {
            text = text[..MaxTextLength];
        }

        bool negating = false;
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsAsciiLetterOrDigit(c))
            {
                // Most words are a run of ASCII letters and digits that nothing extends (see
                // ContinuesWord): add those in one pass; ReadWord handles the rest.
                int end = i + 1;
                while (end < text.Length && char.IsAsciiLetterOrDigit(text[end]))
                {
                    end++;
                }

                if (end - i <= MaxTokenLength && !ContinuesWord(text, end))
                {
                    tokens.AddAsciiWord(text[i..end], negating && _options.MarkNegation, _options.FoldDigits, i);
                    UpdateNegation(tokens.LastWord, ref negating);
                    i = end;
                    continue;
                }
            }

            if (IsWordChar(c))
            {
                i = ReadWord(text, i, tokens, ref negating);
                continue;
            }

            if (c is '?' or '!')
            {
                tokens.AddSymbol(c, i);
                negating = false;
            }
            else if (EndsNegationScope(c))
            {
                negating = false;
            }

            i++;
        }

        if (_options.ArgumentCues)
        {
            Text.ArgumentCues.Append(text, tokens);
        }
    }

    /// <summary>Reads one word starting at <paramref name="start"/>; returns the index after it.</summary>
    private int ReadWord(ReadOnlySpan<char> text, int start, TokenList tokens, ref bool negating)
    {
        tokens.BeginWord(negating && _options.MarkNegation, start);
        int i = start;
        while (i < text.Length)
        {
            // Most words are runs of ASCII letters and digits: copy them in one step.
            int end = i;
            while (end < text.Length && char.IsAsciiLetterOrDigit(text[end]))
            {
                end++;
            }

            if (end > i)
            {
                tokens.AppendAsciiLower(text[i..end], _options.FoldDigits);
                i = end;
                continue;
            }

            char c = text[i];
            if (IsWordChar(c))
            {
                tokens.Append(Normalize(c));
                i++;
                continue;
            }

            bool letterFollows = i + 1 < text.Length && char.IsLetter(text[i + 1]);
            if (!letterFollows || !char.IsLetterOrDigit(text[i - 1]))
            {
                break;
            }

            if (c == '.')
            {
                // Abbreviations such as U.S. and U.N. stay one token ("u.s").
                tokens.Append('.');
                i++;
                continue;
            }

            if (!IsApostrophe(c))
            {
                break;
            }

            int suffixEnd = i + 1;
            while (suffixEnd < text.Length && char.IsLetter(text[suffixEnd]))
            {
                suffixEnd++;
            }

            ReadOnlySpan<char> suffix = text[(i + 1)..suffixEnd];
            if (suffix.Length == 1 && (suffix[0] is 't' or 'T') && tokens.CurrentWordEndsWith('n'))
            {
                // "shouldn't" -> "should" + "not"; "can't" -> "can" + "not"; "won't" -> "will" + "not".
                tokens.RemoveLastChar();
                tokens.FixNegatedModal();
                FinishWord(tokens, i, ref negating);
                tokens.BeginWord(false, i - 1);
                tokens.Append("not");
                FinishWord(tokens, suffixEnd, ref negating);
                return suffixEnd;
            }

            if (IsClitic(suffix))
            {
                // "Kim's" -> "kim" + "'s"; "we'll" -> "we" + "'ll".
                FinishWord(tokens, i, ref negating);
                tokens.BeginWord(negating && _options.MarkNegation, i);
                tokens.Append('\'');
                foreach (char s in suffix)
                {
                    tokens.Append(Normalize(s));
                }

                FinishWord(tokens, suffixEnd, ref negating);
                return suffixEnd;
            }

            // Names such as O'Brien keep their apostrophe.
            tokens.Append('\'');
            i++;
        }

        FinishWord(tokens, i, ref negating);
        return i;
    }

    private static void FinishWord(TokenList tokens, int sourceEnd, ref bool negating)
    {
        if (tokens.EndWord(sourceEnd))
        {
            UpdateNegation(tokens.LastWord, ref negating);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void UpdateNegation(ReadOnlySpan<char> word, ref bool negating)
    {
        if (word is "but")
        {
            negating = false;
        }
        else if (IsNegationCue(word))
        {
            negating = true;
        }
    }

    /// <summary>
    /// Whether the character at <paramref name="end"/>, just after a run of ASCII letters and
    /// digits, would make <see cref="ReadWord"/> go on with the word: a non-ASCII letter, digit or
    /// mark, or a full stop or apostrophe with a letter after it (U.S., Kim's, shouldn't, O'Brien).
    /// </summary>
    private static bool ContinuesWord(ReadOnlySpan<char> text, int end)
    {
        if (end >= text.Length)
        {
            return false;
        }

        char c = text[end];
        if (!char.IsAscii(c) && IsNonAsciiWordChar(c))
        {
            return true;
        }

        return (c == '.' || IsApostrophe(c)) && end + 1 < text.Length && char.IsLetter(text[end + 1]);
    }

    private char Normalize(char c)
    {
        if (char.IsAsciiLetterUpper(c))
        {
            return (char)(c | 0x20);
        }

        if (char.IsAsciiLetterLower(c))
        {
            return c;
        }

        if (_options.FoldDigits && char.IsDigit(c))
        {
            return '0';
        }

        return char.ToLowerInvariant(c);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsWordChar(char c) => char.IsAscii(c) ? char.IsAsciiLetterOrDigit(c) : IsNonAsciiWordChar(c);

    private static bool IsNonAsciiWordChar(char c)
    {
        if (char.IsLetterOrDigit(c))
        {
            return true;
        }

        UnicodeCategory category = char.GetUnicodeCategory(c);
        return category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
    }

    private static bool IsApostrophe(char c) => c is '\'' or '\u2019' or '\u2018' or '\u02BC' or '`';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool EndsNegationScope(char c) =>
        c is '.' or ',' or ';' or ':' or '(' or ')' or '"' or '\u201C' or '\u201D' or '\u2014' or '\u2013' or '[' or ']';

    private static bool IsClitic(ReadOnlySpan<char> suffix) =>
        suffix.Equals("s", StringComparison.OrdinalIgnoreCase)
        || suffix.Equals("re", StringComparison.OrdinalIgnoreCase)
        || suffix.Equals("ll", StringComparison.OrdinalIgnoreCase)
        || suffix.Equals("ve", StringComparison.OrdinalIgnoreCase)
        || suffix.Equals("d", StringComparison.OrdinalIgnoreCase)
        || suffix.Equals("m", StringComparison.OrdinalIgnoreCase);

    // The first-letter test, inlined into every word's end, turns most words away before the comparisons.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsNegationCue(ReadOnlySpan<char> word) =>
        word.Length >= 2 && word[0] is 'n' or 'c' or 'w' && IsNegationWord(word);

    private static bool IsNegationWord(ReadOnlySpan<char> word) =>
        word is "not" or "no" or "never" or "nor" or "neither" or "cannot" or "without" or "nothing" or "nobody" or "none" or "nowhere";
}
