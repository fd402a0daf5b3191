namespace Stance.Extraction;

/// <summary>
/// Recognizes an attribution whose speaker comes before the speech verb: "X said …", "X, ROLE, said …",
/// "Mary Chen, John Park and Omar Haddad wrote …", "Its lead author, Dr. Priya Raman, said …", "“…,” X said"
/// and the parenthetical "The U.S., he added, “should …” …". It finds the speaker and role; what the
/// statement is, around the verb, <see cref="StatementAfterVerb"/> decides.
/// </summary>
internal sealed class SubjectFirstPattern(NameReader names, NarrationReader narration, StatementAfterVerb statement)
{
    public Attribution? Parse(Token[] t, SpeechVerb verb)
    {
        int k = verb.First - 1;
        while (k >= 0 && (t[k].In(Lexicon.PreVerbWords) || t[k].IsPunctuation(')')))
        {
            if (t[k].IsPunctuation(')'))
            {
                // "Sen. Ro Khanna (D-Calif.) said": skip the parenthesis.
                while (k >= 0 && !t[k].IsPunctuation('('))
                {
                    k--;
                }
            }

            k--;
        }

        if (k < 0 || t[k].IsQuote)
        {
            return null;
        }

        return t[k].IsPunctuation(',') ? ParseAppositiveSubject(t, verb, k) : ParseBareSubject(t, verb, k);
    }

    /// <summary>"X said", "“…,” X said", "The U.S., he added, …": the subject is the phrase that ends at token <paramref name="k"/>.</summary>
    private Attribution? ParseBareSubject(Token[] t, SpeechVerb verb, int k)
    {
        if (!t[k].IsWord)
        {
            return null;
        }

        int s = k;
        while (s > 0 && !TokenRanges.IsPhraseBoundary(t[s - 1]) && !t[s - 1].In(Lexicon.RelativePronouns))
        {
            s--;
        }

        if (s > 0 && t[s - 1].In(Lexicon.RelativePronouns))
        {
            return null; // "a plan that Smith said would fail"
        }

        SpeakerPhrase? speaker = names.ParseSpeaker(t, s, k + 1, startsSentence: s == 0, allowUnnamed: true);
        if (speaker is null)
        {
            return null;
        }

        string? role = speaker.Names.Count == 1 ? speaker.Names[0].Role : null;
        if (speaker.Names.Count > 1 && s > 0 && t[s - 1].IsPunctuation(','))
        {
            // "Mary Chen, John Park and Omar Haddad said": earlier names of the list before commas.
            List<(int From, int To)> listed = TokenRanges.Segments(t, 0, s - 1);
            int first = listed.Count;
            while (first > 0 && names.ParseSpeaker(t, listed[first - 1].From, listed[first - 1].To, startsSentence: listed[first - 1].From == 0, allowUnnamed: false) is { Names: [{ IsOrganization: false }] })
            {
                first--;
            }

            if (first < listed.Count)
            {
                var all = new List<NameMention>();
                for (int n = first; n < listed.Count; n++)
                {
                    all.AddRange(names.ParseSpeaker(t, listed[n].From, listed[n].To, startsSentence: listed[n].From == 0, allowUnnamed: false)!.Names);
                }

                speaker = new SpeakerPhrase([.. all, .. speaker.Names], null, null);
                s = listed[first].From;
            }
        }

        SubjectBoundary boundary = s == 0 ? SubjectBoundary.Start
            : t[s - 1].IsQuote || (s >= 2 && t[s - 1].IsPunctuation(',') && t[s - 2].IsQuote) ? SubjectBoundary.Quote
            : SubjectBoundary.Comma;
        return statement.Build(t, verb, speaker, role, (0, s), boundary);
    }

    /// <summary>"X, ROLE, said": the subject is the first segment that is not an adverbial, after any quotation; the segments after it are its roles.</summary>
    private Attribution? ParseAppositiveSubject(Token[] t, SpeechVerb verb, int k)
    {
        int regionStart = 0;
        for (int j = k - 1; j >= 0; j--)
        {
            if (t[j].IsQuote)
            {
                regionStart = j + 1;
                break;
            }
        }

        while (regionStart < k && t[regionStart].Kind == TokenKind.Punctuation)
        {
            regionStart++;
        }

        List<(int From, int To)> segments = TokenRanges.Segments(t, regionStart, k);
        int first = 0;
        while (first < segments.Count && narration.IsAdverbial(t, segments[first]))
        {
            first++;
        }

        if (first == segments.Count)
        {
            return null;
        }

        SpeakerPhrase? speaker = names.ParseSpeaker(t, segments[first].From, segments[first].To, startsSentence: segments[first].From == 0, allowUnnamed: true);
        var roles = new List<string>();
        if (speaker is not { IsNamed: true } && first + 1 < segments.Count
            && names.ParseSpeaker(t, segments[first + 1].From, segments[first + 1].To, startsSentence: false, allowUnnamed: false) is { IsNamed: true } named)
        {
            // "Its lead author, Dr. Priya Raman, said": the role comes first.
            if (speaker is not null || names.Roles.Classify(t, segments[first].From, segments[first].To) == SegmentKind.Role)
            {
                roles.Add(names.Roles.RoleText(t, segments[first].From, segments[first].To));
            }

            speaker = named;
            first++;
        }

        if (speaker is null)
        {
            return null;
        }

        if (speaker.Names.Count == 1 && speaker.Names[0].Role is { } title)
        {
            roles.Add(title);
        }

        if (speaker.IsNamed && ListedNames(t, segments, first) is { } listed)
        {
            speaker = listed;
            first = segments.Count - 1;
        }

        for (int n = first + 1; n < segments.Count; n++)
        {
            SegmentKind kind = names.Roles.Classify(t, segments[n].From, segments[n].To);
            if (kind == SegmentKind.Role)
            {
                roles.Add(names.Roles.RoleText(t, segments[n].From, segments[n].To));
            }
            else if (kind == SegmentKind.Other)
            {
                return null; // not an appositive structure ("That approach, said Campbell")
            }
        }

        string? role = roles.Count > 0 ? string.Join(", ", roles) : null;
        return statement.Build(t, verb, speaker, role, (0, regionStart), regionStart > 0 ? SubjectBoundary.Quote : SubjectBoundary.Start);
    }

    /// <summary>"Smith, Jones and Lee": every segment from <paramref name="first"/> on a name, the last joining two with "and".</summary>
    private SpeakerPhrase? ListedNames(Token[] t, List<(int From, int To)> segments, int first)
    {
        if (segments.Count - first < 2)
        {
            return null;
        }

        var all = new List<NameMention>();
        for (int n = first; n < segments.Count; n++)
        {
            if (names.ParseSpeaker(t, segments[n].From, segments[n].To, startsSentence: segments[n].From == 0, allowUnnamed: false) is not { IsNamed: true } phrase
                || phrase.Names.Any(m => m.IsOrganization)
                || (n < segments.Count - 1 && phrase.Names.Count > 1))
            {
                return null;
            }

            all.AddRange(phrase.Names);
        }

        return all.Count > 2 ? new SpeakerPhrase(all, null, null) : null;
    }
}
