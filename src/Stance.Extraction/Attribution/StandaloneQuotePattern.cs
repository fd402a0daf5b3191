namespace Stance.Extraction;

/// <summary>
/// Recognizes a sentence that is nothing but quotations: a statement whose speaker comes from the
/// sentences around it, if it reads as one (three words or more ending in punctuation, or part of a
/// quotation running over a paragraph break), not a quoted title or heading.
/// </summary>
internal sealed class StandaloneQuotePattern(string text, PieceCutter pieces)
{
    public PieceGroup? Match(Token[] t)
    {
        if (!t.Any(x => x.IsQuote) || t.Any(x => x.IsWord))
        {
            return null;
        }

        var quotes = t.Where(x => x.IsQuote).Select(x => x.Quote!).ToList();
        int words = quotes.Sum(q => pieces.CountWords(q.ContentStart, q.ContentEnd));
        QuoteSpan last = quotes[^1];
        int end = last.ContentEnd - 1;
        while (end > last.ContentStart && char.IsWhiteSpace(text[end]))
        {
            end--;
        }

        bool punctuated = text[end] is '.' or '?' or '!' or '…' or ',' or ';' or ':' or '—' or '-';
        if (!(quotes[0].ContinuesPrevious || last.RunsOn || (words >= 3 && punctuated)))
        {
            return null;
        }

        var ranges = new List<(int From, int To)>();
        for (int i = 0; i < t.Length; i++)
        {
            if (t[i].IsQuote)
            {
                ranges.Add((i, i + 1));
            }
        }

        return pieces.Group(t, StatementKind.Direct, [.. ranges]);
    }
}
