namespace Stance.Extraction;

/// <summary>
/// Small questions about a range of a sentence's tokens that the attribution patterns share: its
/// comma-delimited segments, whether it holds words or quotations, where a speaker phrase or a
/// listener ends, and the dateline and conjunctions to strip from the front of a statement.
/// </summary>
internal static class TokenRanges
{
    /// <summary>The comma- or semicolon-delimited segments of tokens [from, to), empty ones left out.</summary>
    public static List<(int From, int To)> Segments(Token[] t, int from, int to)
    {
        var segments = new List<(int From, int To)>();
        int start = from;
        for (int i = from; i <= to; i++)
        {
            if (i == to || t[i].IsPunctuation(',') || t[i].IsPunctuation(';'))
            {
                if (i > start)
                {
                    segments.Add((start, i));
                }

                start = i + 1;
            }
        }

        return segments;
    }

    /// <summary>Whether a token ends a phrase: a quotation or punctuation other than an apostrophe or ampersand.</summary>
    public static bool IsPhraseBoundary(Token token) =>
        token.IsQuote || (token.Kind == TokenKind.Punctuation && token.Text[0] is not ('’' or '\'' or '&'));

    /// <summary>
    /// Where the speaker phrase that starts at <paramref name="s"/> after a verb ends ("said Sen. Ro Khanna,",
    /// "according to a senior U.S. official"): at punctuation, a relative pronoun or a lower-case word that
    /// is not part of a title or name.
    /// </summary>
    public static int SpeakerPhraseEnd(Token[] t, int s)
    {
        int n = t.Length;
        int e = s;
        while (e < n)
        {
            Token x = t[e];
            if (IsPhraseBoundary(x) || x.In(Lexicon.RelativePronouns))
            {
                break;
            }

            if (x.IsWord && !x.IsCapitalized && !x.In(Lexicon.Titles) && !NameReader.IsRoleNoun(x) && !x.In(Lexicon.NameParticles))
            {
                bool connector = x.In(Lexicon.TitlePrepositions) && e + 1 < n && t[e + 1].IsCapitalized;
                bool modifier = x.Is("and") || x.In(Lexicon.Determiners) || (x.In(Lexicon.RoleModifiers) && !Lexicon.AdjunctOpeners.Contains(x.Text));
                int roleNoun = -1;
                for (int look = e + 1; look < Math.Min(n, e + 4) && t[look].IsWord && !t[look].IsCapitalized; look++)
                {
                    if (NameReader.IsRoleNoun(t[look]))
                    {
                        roleNoun = look;
                        break;
                    }
                }

                if (!connector && !modifier && (roleNoun < 0 || Lexicon.AdjunctOpeners.Contains(x.Text)))
                {
                    break;
                }
            }

            e++;
        }

        return e;
    }

    /// <summary>Skips the listener after "told" ("told reporters", "told the committee", "told me"), at most five words.</summary>
    public static int SkipObject(Token[] t, int r)
    {
        int n = t.Length;
        if (r >= n || !t[r].IsWord || t[r].Is("that"))
        {
            return r;
        }

        if (t[r].In(Lexicon.ObjectPronouns))
        {
            return r + 1;
        }

        if (t[r].In(Lexicon.Articles))
        {
            r++;
        }

        int start = r;
        while (r < n && r - start < 5 && t[r].IsWord && !t[r].Is("that") && !(Lexicon.AdjunctOpeners.Contains(t[r].Text) && !t[r].IsCapitalized))
        {
            r++;
        }

        return r;
    }

    /// <summary>The range without a dateline, conjunctions and commas in front and commas and dashes at the end.</summary>
    public static (int From, int To) StripLeading(Token[] t, (int From, int To) range)
    {
        var (from, to) = range;
        from = SkipDateline(t, from, to);
        while (from < to && (t[from].In(Lexicon.LeadingConjunctions) || t[from].IsPunctuation(',')))
        {
            from++;
        }

        while (to > from && (t[to - 1].IsPunctuation(',') || t[to - 1].IsPunctuation('—')))
        {
            to--;
        }

        return (from, to);
    }

    /// <summary>Skips a dateline opening a paragraph: "OSLO —", "SEOUL, South Korea —".</summary>
    public static int SkipDateline(Token[] t, int from, int to)
    {
        if (from != 0 || to < 2 || !t[0].IsWord || t[0].Text.Length < 3 || !t[0].Text.All(c => char.IsUpper(c) || c == '.'))
        {
            return from;
        }

        for (int i = 1; i < Math.Min(to, 7); i++)
        {
            if (t[i].IsPunctuation('—') || t[i].IsPunctuation('–') || t[i].IsPunctuation('-'))
            {
                return i + 1;
            }

            if (!(t[i].IsCapitalized || t[i].IsPunctuation(',')))
            {
                break;
            }
        }

        return from;
    }

    /// <summary>Whether the range holds quotations and punctuation but no word of narration.</summary>
    public static bool IsQuoteOnly(Token[] t, (int From, int To) range)
    {
        bool quote = false;
        for (int i = range.From; i < range.To; i++)
        {
            if (t[i].IsWord)
            {
                return false;
            }

            quote |= t[i].IsQuote;
        }

        return quote;
    }

    /// <summary>Direct when the rest of the sentence from <paramref name="from"/> is one quotation (and punctuation), else reported.</summary>
    public static StatementKind ClauseKind(Token[] t, int from)
    {
        int to = t.Length;
        while (to > from && t[to - 1].Kind == TokenKind.Punctuation)
        {
            to--;
        }

        return to - from == 1 && t[from].IsQuote ? StatementKind.Direct : StatementKind.Reported;
    }

    /// <summary>The index just past the last quotation at or after <paramref name="from"/> (at least <paramref name="from"/> + 1).</summary>
    public static int LastQuoteEnd(Token[] t, int from)
    {
        int end = from + 1;
        for (int i = from; i < t.Length; i++)
        {
            if (t[i].IsQuote)
            {
                end = i + 1;
            }
        }

        return end;
    }

    /// <summary>Whether everything from <paramref name="from"/> on is punctuation (or nothing).</summary>
    public static bool OnlyPunctuation(Token[] t, int from)
    {
        for (int i = from; i < t.Length; i++)
        {
            if (t[i].Kind != TokenKind.Punctuation)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Skips a "that" at <paramref name="i"/>.</summary>
    public static int SkipThat(Token[] t, int i) => i < t.Length && t[i].Is("that") ? i + 1 : i;

    public static bool ContainsQuote(Token[] t, int from, int to)
    {
        for (int i = from; i < to; i++)
        {
            if (t[i].IsQuote)
            {
                return true;
            }
        }

        return false;
    }

    public static int CountWords(Token[] t, int from, int to)
    {
        int words = 0;
        for (int i = from; i < to; i++)
        {
            words += t[i].IsWord ? 1 : 0;
        }

        return words;
    }
}
