namespace Stance.Extraction;

/// <summary>
/// Recognizes an attribution whose speaker follows the speech verb, after a quotation or a comma:
/// "“…,” said X, ROLE." (and "“…,” said X. “…”" with the quotation going on after the appositives), and
/// the parenthetical "That approach, said X, who …, allowed …", where the statement is the narration
/// around the attribution (reported speech).
/// </summary>
internal sealed class VerbFirstPattern(NameReader names, NarrationReader narration, PieceCutter pieces)
{
    public Attribution? Parse(Token[] t, SpeechVerb verb)
    {
        int n = t.Length;
        int k = verb.First - 1;
        if (k < 0 || !(t[k].IsQuote || t[k].IsPunctuation(',')))
        {
            return null;
        }

        int s = verb.Last + 1;
        int e = TokenRanges.SpeakerPhraseEnd(t, s);
        if (e == s || names.ParseSpeaker(t, s, e, startsSentence: false, allowUnnamed: true) is not { } speaker)
        {
            return null;
        }

        (int From, int To) before = TokenRanges.StripLeading(t, (0, t[k].IsQuote ? k + 1 : k));
        if (!narration.IsContent(t, before))
        {
            return null;
        }

        var (appositive, rest) = names.Roles.ReadAppositives(t, e, n, SegmentKind.Relative | SegmentKind.Adjunct | SegmentKind.Discourse);
        string? role = RoleReader.Join(speaker.Names.Count == 1 ? speaker.Names[0].Role : null, appositive);
        bool more = rest >= 0 && !TokenRanges.OnlyPunctuation(t, rest);
        var groups = new List<PieceGroup?>();
        if (TokenRanges.IsQuoteOnly(t, before))
        {
            if (more && t[rest].IsQuote)
            {
                groups.Add(pieces.Group(t, StatementKind.Direct, before, (rest, TokenRanges.LastQuoteEnd(t, rest))));
            }
            else
            {
                groups.Add(pieces.Group(t, StatementKind.Direct, before));
                if (more && t[rest].In(Lexicon.ReportingParticiples))
                {
                    groups.Add(pieces.Group(t, StatementKind.Reported, (TokenRanges.SkipThat(t, rest + 1), n)));
                }
            }
        }
        else
        {
            if (!speaker.IsNamed && speaker.Pronoun is null && !TokenRanges.ContainsQuote(t, 0, n))
            {
                return null;
            }

            groups.Add(more ? pieces.Group(t, StatementKind.Reported, before, (rest, n)) : pieces.Group(t, StatementKind.Reported, before));
        }

        var found = groups.OfType<PieceGroup>().ToList();
        return found.Count == 0 ? null : new Attribution(speaker, role, found);
    }
}
