namespace Stance.Extraction;

/// <summary>
/// Recognizes a named source: "According to X, ROLE, CLAUSE", "CLAUSE, according to X" and "CLAUSE as
/// indicated by X". The statement is the narration before the source phrase and after its appositives;
/// direct when it is nothing but quotations.
/// </summary>
internal sealed class SourcePattern(NameReader names, NarrationReader narration, PieceCutter pieces)
{
    public Attribution? Parse(Token[] t, SpeechVerb verb)
    {
        int n = t.Length;
        int s = verb.Last + 1;
        int e = TokenRanges.SpeakerPhraseEnd(t, s);
        if (e == s || names.ParseSpeaker(t, s, e, startsSentence: false, allowUnnamed: false) is not { IsNamed: true } speaker)
        {
            return null;
        }

        // No adjuncts here: after "According to X," the statement may well open with one ("at least forty tankers ...").
        var (appositive, rest) = names.Roles.ReadAppositives(t, e, n, SegmentKind.Relative | SegmentKind.Discourse);
        string? role = RoleReader.Join(speaker.Names.Count == 1 ? speaker.Names[0].Role : null, appositive);
        (int From, int To) before = TokenRanges.StripLeading(t, (0, verb.First));
        var ranges = new List<(int From, int To)>();
        if (narration.IsContent(t, before))
        {
            ranges.Add(before);
        }
        else if (verb.Kind == VerbKind.IndicatedBy)
        {
            return null;
        }

        if (rest >= 0 && !TokenRanges.OnlyPunctuation(t, rest))
        {
            ranges.Add((rest, n));
        }

        if (ranges.Count == 0)
        {
            return null;
        }

        StatementKind kind = ranges.All(range => TokenRanges.IsQuoteOnly(t, range)) ? StatementKind.Direct : StatementKind.Reported;
        return pieces.Group(t, kind, [.. ranges]) is { } group ? new Attribution(speaker, role, [group]) : null;
    }
}
