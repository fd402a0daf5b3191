namespace Stance.Extraction;

/// <summary>
/// Cuts the character spans of a statement out of token ranges: inside the marks of a quotation at
/// either end, without the commas, colons, dashes and white space at the edges.
/// </summary>
internal sealed class PieceCutter(string text)
{
    /// <summary>The pieces of tokens <paramref name="ranges"/> as one group, or null when they hold no characters.</summary>
    public PieceGroup? Group(Token[] t, StatementKind kind, params (int From, int To)[] ranges)
    {
        var spans = new List<TextSpan>();
        var quotes = new List<QuoteSpan>();
        foreach (var (from, to) in ranges)
        {
            if (SpanOf(t, from, to) is { } span)
            {
                spans.Add(span);
            }

            for (int i = from; i < to; i++)
            {
                if (t[i].IsQuote)
                {
                    quotes.Add(t[i].Quote!);
                }
            }
        }

        return spans.Count == 0 ? null : new PieceGroup(kind, spans, quotes);
    }

    /// <summary>The number of words in characters [from, to) of the article.</summary>
    public int CountWords(int from, int to)
    {
        int words = 0;
        bool inWord = false;
        for (int i = from; i < to; i++)
        {
            bool letter = char.IsLetterOrDigit(text[i]);
            words += letter && !inWord ? 1 : 0;
            inWord = letter || (inWord && text[i] is '’' or '\'' or '-');
        }

        return words;
    }

    /// <summary>The characters of tokens [from, to): inside the marks of a quotation at either end, without commas or white space at the edges.</summary>
    private TextSpan? SpanOf(Token[] t, int from, int to)
    {
        while (from < to && t[from].Kind == TokenKind.Punctuation && !t[from].IsPunctuation('[') && !t[from].IsPunctuation('(') && !t[from].IsPunctuation('…'))
        {
            from++;
        }

        while (to > from && t[to - 1].Kind == TokenKind.Punctuation && t[to - 1].Text[0] is ',' or ';' or ':' or '—' or '–' or '-')
        {
            to--;
        }

        if (from >= to)
        {
            return null;
        }

        int start = t[from].IsQuote ? t[from].Quote!.ContentStart : t[from].Start;
        int end = t[to - 1].IsQuote ? t[to - 1].Quote!.ContentEnd : t[to - 1].End;
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && (char.IsWhiteSpace(text[end - 1]) || text[end - 1] is ',' or ';' or ':'))
        {
            end--;
        }

        return end > start ? new TextSpan(start, end) : null;
    }
}
