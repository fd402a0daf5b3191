namespace Stance.Extraction;

/// <summary>
/// One quotation inside one paragraph. A quotation that runs over a paragraph break (news style
/// leaves the closing mark off and opens the next paragraph with a mark) is one <see cref="QuoteSpan"/>
/// per paragraph, linked by <see cref="RunsOn"/> and <see cref="ContinuesPrevious"/>.
/// </summary>
/// <param name="Open">Offset of the opening mark.</param>
/// <param name="Close">Offset of the closing mark, or -1 when the quotation runs to the end of the paragraph.</param>
/// <param name="ContentStart">Offset of the first character after the opening mark.</param>
/// <param name="ContentEnd">Offset of the closing mark, or the end of the paragraph.</param>
/// <param name="ContinuesPrevious">Whether this continues a quotation left open at the end of the previous paragraph.</param>
/// <param name="RunsOn">Whether the quotation goes on in the next paragraph.</param>
internal sealed record QuoteSpan(int Index, int Paragraph, int Open, int Close, int ContentStart, int ContentEnd, bool ContinuesPrevious, bool RunsOn)
{
    /// <summary>Offset just past the quotation's last character (its closing mark when it has one).</summary>
    public int End => Close >= 0 ? Close + 1 : ContentEnd;
}

/// <summary>
/// Pairs double quotation marks into quotations: curly (“ ”), straight (") and low (, „) marks, mixed
/// freely within one quotation as careless copy does (“…," said Revere. "…”).
/// </summary>
/// <remarks>
/// A mark's direction comes from its neighbours, not its shape, when they are clear: after a space
/// or an opening bracket and before a word it opens; after a word or punctuation and before a space or
/// punctuation it closes. Otherwise the shape decides (a straight mark closes an open quotation and
/// opens otherwise). An opening mark inside a quotation opens a nested one (a straight-quoted title
/// inside a curly quote); single quotation marks are left alone, since they double as apostrophes.
/// </remarks>
internal static class QuotationMarks
{
    private enum Direction
    {
        Open,
        Close,
        Either,
    }

    /// <summary>Whether <paramref name="c"/> is a double quotation mark.</summary>
    public static bool IsMark(char c) => c is '"' or '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u00AB' or '\u00BB';

    public static IReadOnlyList<QuoteSpan> Pair(string text, IReadOnlyList<Paragraph> paragraphs)
    {
        var quotes = new List<QuoteSpan>();
        bool previousRanOn = false;
        for (int p = 0; p < paragraphs.Count; p++)
        {
            Paragraph paragraph = paragraphs[p];
            int depth = 0;
            int open = -1;
            bool continues = false;
            for (int i = paragraph.Start; i < paragraph.End; i++)
            {
                if (!IsMark(text[i]))
                {
                    continue;
                }

                Direction direction = DirectionOf(text, i, paragraph);
                if (depth == 0)
                {
                    if (direction == Direction.Close)
                    {
                        continue; // a stray closing mark
                    }

                    open = i;
                    depth = 1;
                    continues = previousRanOn && i == paragraph.Start;
                }
                else if (direction == Direction.Open)
                {
                    depth++;
                }
                else if (depth > 1)
                {
                    depth--;
                }
                else
                {
                    quotes.Add(new QuoteSpan(quotes.Count, p, open, i, open + 1, i, continues, RunsOn: false));
                    depth = 0;
                }
            }

            previousRanOn = false;
            if (depth > 0)
            {
                bool runsOn = p + 1 < paragraphs.Count
                    && IsMark(text[paragraphs[p + 1].Start])
                    && DirectionOf(text, paragraphs[p + 1].Start, paragraphs[p + 1]) != Direction.Close;
                quotes.Add(new QuoteSpan(quotes.Count, p, open, -1, open + 1, paragraph.End, continues, runsOn));
                previousRanOn = runsOn;
            }
        }

        return quotes;
    }

    private static Direction DirectionOf(string text, int i, Paragraph paragraph)
    {
        char before = i > paragraph.Start ? text[i - 1] : ' ';
        char after = i + 1 < paragraph.End ? text[i + 1] : ' ';
        bool openingBefore = char.IsWhiteSpace(before) || before is '(' or '[' or '{' or '—' or '–' or '-' or '/';
        bool closingAfter = char.IsWhiteSpace(after) || after is ',' or '.' or ';' or ':' or '!' or '?' or ')' or ']' or '}' or '—' or '–' or '…';
        if (openingBefore && !closingAfter)
        {
            return Direction.Open;
        }

        if (!openingBefore && closingAfter)
        {
            return Direction.Close;
        }

        return text[i] switch
        {
            '\u201C' or '\u201E' or '\u201F' or '\u00AB' => Direction.Open,
            '\u201D' or '\u00BB' => Direction.Close,
            _ => Direction.Either,
        };
    }
}
