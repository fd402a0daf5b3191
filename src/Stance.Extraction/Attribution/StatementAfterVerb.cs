namespace Stance.Extraction;

/// <summary>
/// Decides what a subject-first attribution attributes, from what follows the speech verb and what
/// came before the subject: a quotation after a comma or colon ("X said, “…”"), a clause, with or
/// without "that" (reported speech, "X said the talks had failed"), only where and when ("“…,” X said
/// in the letter"), the rest of a parenthetical ("The U.S., he added, should …"), or a further
/// statement after a participle ("…, he said, adding that …").
/// </summary>
internal sealed class StatementAfterVerb(NameReader names, NarrationReader narration, PieceCutter pieces)
{
    private enum AfterKind
    {
        /// <summary>Nothing after the verb.</summary>
        Empty,

        /// <summary>Only where and when ("in the letter", "on Wednesday").</summary>
        AdjunctOnly,

        /// <summary>A comma and more narration: the rest of a parenthetical attribution.</summary>
        Continuation,

        /// <summary>", adding that …": a further reported statement.</summary>
        Participle,

        /// <summary>A quotation (after a comma or colon, or right away).</summary>
        Quote,

        /// <summary>A clause: reported speech (or one quotation after "that").</summary>
        Clause,
    }

    private readonly record struct After(AfterKind Kind, int Start, bool HadThat = false);

    /// <param name="before">The tokens before the subject, which may hold a statement.</param>
    public Attribution? Build(Token[] t, SpeechVerb verb, SpeakerPhrase speaker, string? role, (int From, int To) before, SubjectBoundary boundary)
    {
        int n = t.Length;
        before = TokenRanges.StripLeading(t, before);
        bool hasBefore = narration.IsContent(t, before);
        bool beforeQuoteOnly = hasBefore && TokenRanges.IsQuoteOnly(t, before);
        StatementKind beforeKind = beforeQuoteOnly ? StatementKind.Direct : StatementKind.Reported;
        int r = verb.Last + 1;
        if (verb.Told)
        {
            r = TokenRanges.SkipObject(t, r);
        }

        After after = AnalyzeAfter(t, r, verb);
        var groups = new List<PieceGroup?>();
        switch (after.Kind)
        {
            case AfterKind.Empty:
            case AfterKind.AdjunctOnly:
                if (hasBefore)
                {
                    groups.Add(pieces.Group(t, beforeKind, before));
                }
                else if (after.Kind == AfterKind.AdjunctOnly && !verb.Weak && TokenRanges.CountWords(t, r, n) >= 5)
                {
                    groups.Add(pieces.Group(t, StatementKind.Reported, (r, n))); // "said on Wednesday the talks were over"
                }

                break;
            case AfterKind.Continuation:
                if (boundary == SubjectBoundary.Comma)
                {
                    StatementKind kind = (!hasBefore || beforeQuoteOnly) && TokenRanges.ClauseKind(t, after.Start) == StatementKind.Direct ? StatementKind.Direct : StatementKind.Reported;
                    groups.Add(hasBefore ? pieces.Group(t, kind, before, (after.Start, n)) : pieces.Group(t, kind, (after.Start, n)));
                }
                else if (hasBefore)
                {
                    groups.Add(pieces.Group(t, beforeKind, before));
                }
                else
                {
                    groups.Add(pieces.Group(t, TokenRanges.ClauseKind(t, after.Start), (after.Start, n)));
                }

                break;
            case AfterKind.Participle:
                if (hasBefore)
                {
                    groups.Add(pieces.Group(t, beforeKind, before));
                }

                groups.Add(pieces.Group(t, StatementKind.Reported, (after.Start, n)));
                break;
            case AfterKind.Quote:
                int quoteEnd = TokenRanges.LastQuoteEnd(t, after.Start);
                if (hasBefore && boundary == SubjectBoundary.Quote && beforeQuoteOnly)
                {
                    groups.Add(pieces.Group(t, StatementKind.Direct, before, (after.Start, quoteEnd))); // "“…,” he said, “…”"
                }
                else if (hasBefore && boundary == SubjectBoundary.Comma)
                {
                    StatementKind kind = beforeQuoteOnly && TokenRanges.ClauseKind(t, after.Start) == StatementKind.Direct ? StatementKind.Direct : StatementKind.Reported;
                    groups.Add(pieces.Group(t, kind, before, (after.Start, n))); // "The U.S., he added, “should …” that …"
                }
                else
                {
                    groups.Add(pieces.Group(t, StatementKind.Direct, (after.Start, quoteEnd))); // "X said, “…” unless “…”"
                }

                break;
            case AfterKind.Clause:
                if (verb.Weak && !verb.ObjectFirst && !after.HadThat && !TokenRanges.ContainsQuote(t, after.Start, n) && !hasBefore)
                {
                    return null; // "agreed to meet", "continued to push"
                }

                if (hasBefore && beforeQuoteOnly && boundary == SubjectBoundary.Quote)
                {
                    groups.Add(pieces.Group(t, StatementKind.Direct, before)); // "“….” Smith said the plan would fail."
                }

                groups.Add(pieces.Group(t, TokenRanges.ClauseKind(t, after.Start), (after.Start, n)));
                break;
        }

        var found = groups.OfType<PieceGroup>().ToList();
        if (found.Count == 0 || (!speaker.IsNamed && speaker.Pronoun is null && found.All(g => g.Kind == StatementKind.Reported && g.Quotes.Count == 0)))
        {
            return null; // nothing said, or unnamed "experts" paraphrased by the reporter without a word of their own
        }

        return new Attribution(speaker, role, found);
    }

    private After AnalyzeAfter(Token[] t, int r, SpeechVerb verb)
    {
        int n = t.Length;
        if (TokenRanges.OnlyPunctuation(t, r))
        {
            return new After(AfterKind.Empty, n);
        }

        if (t[r].IsPunctuation(',') || t[r].IsPunctuation(':') || t[r].IsPunctuation('—'))
        {
            int j = r + 1;
            while (j < n)
            {
                if (t[j].IsQuote)
                {
                    return new After(AfterKind.Quote, j);
                }

                if (t[j].In(Lexicon.ReportingParticiples))
                {
                    return new After(AfterKind.Participle, TokenRanges.SkipThat(t, j + 1));
                }

                if (t[j].Is("that"))
                {
                    return new After(AfterKind.Clause, j + 1, HadThat: true);
                }

                int end = RoleReader.SegmentEnd(t, j, n);
                SegmentKind kind = names.Roles.Classify(t, j, end);
                if (kind is SegmentKind.Discourse or SegmentKind.Adjunct && end < n && t[end].IsPunctuation(','))
                {
                    j = end + 1;
                    continue;
                }

                break;
            }

            if (TokenRanges.OnlyPunctuation(t, j))
            {
                return new After(AfterKind.Empty, n);
            }

            return t[r].IsPunctuation(',') ? new After(AfterKind.Continuation, j) : new After(AfterKind.Clause, j);
        }

        if (t[r].IsQuote)
        {
            // "said “…”" is a quotation; "urged “all parties” to exercise restraint" weaves a fragment into reported speech.
            return TokenRanges.OnlyPunctuation(t, r + 1) ? new After(AfterKind.Quote, r) : new After(AfterKind.Clause, r);
        }

        if (t[r].Is("that"))
        {
            return new After(AfterKind.Clause, r + 1, HadThat: true);
        }

        if (verb.ObjectFirst)
        {
            return new After(AfterKind.Clause, r);
        }

        if (t[r].IsWord && Lexicon.AdjunctOpeners.Contains(t[r].Text))
        {
            for (int j = r; j < n; j++)
            {
                if (t[j].Is("that"))
                {
                    return new After(AfterKind.Clause, j + 1, HadThat: true);
                }

                if ((t[j].IsPunctuation(',') || t[j].IsPunctuation(':')) && j + 1 < n)
                {
                    if (t[j + 1].IsQuote)
                    {
                        return new After(AfterKind.Quote, j + 1);
                    }

                    if (t[j + 1].In(Lexicon.ReportingParticiples))
                    {
                        return new After(AfterKind.Participle, TokenRanges.SkipThat(t, j + 2));
                    }
                }

                if (t[j].IsQuote)
                {
                    break;
                }
            }

            return new After(AfterKind.AdjunctOnly, r);
        }

        return new After(AfterKind.Clause, r);
    }
}
