namespace Stance.Extraction;

/// <summary>
/// Recognizes statements a sentence introduces without a speech verb: a named subject, a colon and a
/// quotation ("Unification Minister Park Jae-won put the case plainly: “…”"), and reported speech after
/// a participle following the main clause ("Kremlin spokesman Dmitri Volkov rejected the criticism,
/// telling reporters that …", "…, saying …").
/// </summary>
internal sealed class IntroducedStatementPatterns(SubjectFinder subjects, PieceCutter pieces)
{
    /// <summary>"X put the case plainly: “…”".</summary>
    public Attribution? ColonIntroduction(Token[] t)
    {
        for (int c = 1; c + 1 < t.Length; c++)
        {
            if (!t[c].IsPunctuation(':') || !t[c + 1].IsQuote)
            {
                continue;
            }

            if (subjects.Find(t, 0, c) is not { } subject || pieces.Group(t, StatementKind.Direct, (c + 1, TokenRanges.LastQuoteEnd(t, c + 1))) is not { } group)
            {
                return null;
            }

            return new Attribution(subject, subject.Names.Count == 1 ? subject.Names[0].Role : null, [group]);
        }

        return null;
    }

    /// <summary>"X rejected the criticism, telling reporters that …" / "…, saying …".</summary>
    public Attribution? ParticipleAttribution(Token[] t)
    {
        for (int c = 1; c + 2 < t.Length; c++)
        {
            if (!t[c].IsPunctuation(',') || !t[c + 1].In(Lexicon.ReportingParticiples))
            {
                continue;
            }

            if (subjects.Find(t, 0, c) is not { } subject)
            {
                return null;
            }

            int r = c + 2;
            if (t[c + 1].Is("telling"))
            {
                r = TokenRanges.SkipObject(t, r);
            }

            r = TokenRanges.SkipThat(t, r);
            return pieces.Group(t, TokenRanges.ClauseKind(t, r), (r, t.Length)) is { } group
                ? new Attribution(subject, subject.Names.Count == 1 ? subject.Names[0].Role : null, [group])
                : null;
        }

        return null;
    }
}
