namespace Stance.Extraction;

/// <summary>
/// Finds the named subject of a sentence (or of its first clause): the first segment that is not an
/// adverbial, read as names or a body ("North Korea's foreign ministry"), or the name set off after a
/// role ("The envoy, Ambassador Lucas Brandvold, defended ..."). The pronouns of the sentences after
/// it refer to that subject, and a colon or participle introduction attributes to it.
/// </summary>
internal sealed class SubjectFinder(NameReader names, NarrationReader narration)
{
    /// <summary>The named subject of tokens [start, end), or null.</summary>
    public SpeakerPhrase? Find(Token[] t, int start, int end)
    {
        start = TokenRanges.SkipDateline(t, start, end); // "SEOUL — South Korea's unification ministry …"
        List<(int From, int To)> segments = TokenRanges.Segments(t, start, end);
        int first = 0;
        while (first < segments.Count && narration.IsAdverbial(t, segments[first]))
        {
            first++;
        }

        if (first == segments.Count)
        {
            return null;
        }

        if (first + 1 < segments.Count && names.ParseSpeaker(t, segments[first].From, segments[first].To, startsSentence: segments[first].From == 0, allowUnnamed: true) is not { IsNamed: true }
            && names.ParseSpeaker(t, segments[first + 1].From, segments[first + 1].To, startsSentence: false, allowUnnamed: false) is { IsNamed: true } appositive)
        {
            return appositive; // "The envoy, Ambassador Lucas Brandvold, defended ..."
        }

        var (from, to) = segments[first];
        while (from < to && t[from].In(Lexicon.LeadingConjunctions))
        {
            from++;
        }

        int j = from;
        while (j < to && ((t[j].IsCapitalized && !t[j].IsPossessive) || t[j].In(Lexicon.SubjectConnectors) || NameReader.IsRoleNoun(t[j]) || NameReader.IsInitial(t[j])
            || (t[j].In(Lexicon.RoleModifiers) && !t[j].In(Lexicon.Determiners) && !t[j].In(Lexicon.AdjunctOpeners))
            || (t[j].IsCapitalized && j + 1 < to && (t[j + 1].In(Lexicon.OrganizationWords) || NameReader.IsRoleNoun(t[j + 1])))))
        {
            j++; // a possessive only before a body: "North Korea's foreign ministry"
        }

        if (j == from || (j < to && t[j].IsPossessive))
        {
            return null;
        }

        return names.ParseSpeaker(t, from, j, startsSentence: from == 0, allowUnnamed: false) is { IsNamed: true } phrase ? phrase : null;
    }
}
