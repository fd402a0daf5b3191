namespace Stance.Extraction;

/// <summary>
/// Tells the reporter's framing from content in narration: an adverbial segment ("While detailing …",
/// "In a statement", "Contrarily", "Speaking by phone …") says nothing by itself; a range that holds a
/// quotation, a clause or more than one segment does.
/// </summary>
internal sealed class NarrationReader(NameReader names)
{
    /// <summary>Whether the segment is an adverbial: it opens with an adverbial word, is one "-ly" word, or opens with an "-ing" word.</summary>
    public bool IsAdverbial(Token[] t, (int From, int To) segment)
    {
        int from = segment.From;
        while (from < segment.To && t[from].In(Lexicon.LeadingConjunctions))
        {
            from++;
        }

        if (from >= segment.To)
        {
            return true;
        }

        Token first = t[from];
        if (!first.IsWord || names.IsKnownNameWord(first.Text))
        {
            return false;
        }

        string lower = first.Text.ToLowerInvariant();
        return Lexicon.AdverbialOpeners.Contains(lower)
            || (segment.To - from == 1 && lower.EndsWith("ly", StringComparison.Ordinal))
            || (segment.To - from > 1 && lower.EndsWith("ing", StringComparison.Ordinal) && !first.In(Lexicon.OrganizationWords));
    }

    /// <summary>Whether tokens [from, to) say something: not empty, not only an adverbial ("While detailing …", "In a statement").</summary>
    public bool IsContent(Token[] t, (int From, int To) range)
    {
        if (range.From >= range.To)
        {
            return false;
        }

        if (TokenRanges.ContainsQuote(t, range.From, range.To))
        {
            return true;
        }

        if (TokenRanges.CountWords(t, range.From, range.To) == 0)
        {
            return false;
        }

        bool oneSegment = TokenRanges.Segments(t, range.From, range.To).Count == 1;
        bool hasClause = false;
        for (int i = range.From; i < range.To; i++)
        {
            hasClause |= t[i].In(Lexicon.Auxiliaries);
        }

        return !(oneSegment && !hasClause && IsAdverbial(t, range));
    }
}
