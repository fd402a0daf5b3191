namespace Stance.Extraction;

/// <summary>What a token is.</summary>
internal enum TokenKind
{
    /// <summary>A word, with its inner periods, hyphens and apostrophes ("U.S.-based", "Korea’s", "Sen.").</summary>
    Word,

    /// <summary>One punctuation character.</summary>
    Punctuation,

    /// <summary>A whole quotation, from its opening mark to its closing one: the rules see quotations as units.</summary>
    Quote,
}

/// <summary>A token of the narration around quotations; offsets are into the article.</summary>
/// <param name="Quote">The quotation a <see cref="TokenKind.Quote"/> token stands for.</param>
internal sealed record Token(TokenKind Kind, int Start, int End, string Text, QuoteSpan? Quote = null)
{
    public bool IsWord => Kind == TokenKind.Word;

    public bool IsQuote => Kind == TokenKind.Quote;

    public bool IsCapitalized => Kind == TokenKind.Word && char.IsUpper(Text[0]);

    public bool IsPossessive => Kind == TokenKind.Word && (Text.EndsWith("’s", StringComparison.Ordinal) || Text.EndsWith("'s", StringComparison.Ordinal));

    public bool Is(string word) => Kind == TokenKind.Word && string.Equals(Text, word, StringComparison.OrdinalIgnoreCase);

    public bool IsPunctuation(char c) => Kind == TokenKind.Punctuation && Text[0] == c;

    /// <summary>Whether the token ends a sentence's punctuation (., ?, !).</summary>
    public bool IsTerminal => Kind == TokenKind.Punctuation && Text[0] is '.' or '?' or '!';

    /// <summary>Whether the word is in <paramref name="words"/>.</summary>
    public bool In(IReadOnlySet<string> words) => Kind == TokenKind.Word && words.Contains(Text);
}

/// <summary>Cuts a paragraph into words, punctuation and whole quotations.</summary>
internal static class Tokenizer
{
    /// <param name="quotes">The paragraph's quotations, in order.</param>
    public static List<Token> Tokenize(string text, Paragraph paragraph, IReadOnlyList<QuoteSpan> quotes, CancellationToken cancellationToken = default)
    {
        var tokens = new List<Token>();
        int q = 0;
        int i = paragraph.Start;
        while (i < paragraph.End)
        {
            WorkMeter.Count();
            if ((tokens.Count & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested(); // a paragraph may be the whole article
            }

            while (q < quotes.Count && quotes[q].Open < i)
            {
                q++;
            }

            if (q < quotes.Count && quotes[q].Open == i)
            {
                QuoteSpan quote = quotes[q++];
                tokens.Add(new Token(TokenKind.Quote, quote.Open, quote.End, text[quote.Open..quote.End], quote));
                i = quote.End;
                continue;
            }

            char c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (char.IsLetterOrDigit(c))
            {
                int end = WordEnd(text, i, paragraph.End);
                tokens.Add(new Token(TokenKind.Word, i, end, text[i..end]));
                i = end;
            }
            else
            {
                tokens.Add(new Token(TokenKind.Punctuation, i, i + 1, text[i..(i + 1)]));
                i++;
            }
        }

        return tokens;
    }

    private static int WordEnd(string text, int start, int limit)
    {
        int j = start + 1;
        while (j < limit)
        {
            char c = text[j];
            bool nextIsWordChar = j + 1 < limit && char.IsLetterOrDigit(text[j + 1]);
            if (char.IsLetterOrDigit(c))
            {
                j++;
            }
            else if (c is '.' or '-' or '’' or '\'' or '&' or '\u2010' or '\u2011' && nextIsWordChar)
            {
                j++;
            }
            else if (c == ',' && nextIsWordChar && char.IsDigit(text[j - 1]) && char.IsDigit(text[j + 1]))
            {
                j++;
            }
            else if (c == '.' && IsAbbreviation(text.AsSpan(start, j - start)))
            {
                j++;
                if (!(j + 1 < limit && text[j] == '-' && char.IsLetterOrDigit(text[j + 1])))
                {
                    break;
                }
            }
            else
            {
                break;
            }
        }

        return j;
    }

    private static bool IsAbbreviation(ReadOnlySpan<char> word) =>
        word.Contains('.') || (word.Length == 1 && char.IsUpper(word[0])) || Lexicon.Abbreviations.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);
}
