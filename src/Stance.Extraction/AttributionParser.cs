namespace Stance.Extraction;

/// <summary>The spans of one statement that one sentence holds, with the quotations inside them.</summary>
internal sealed record PieceGroup(StatementKind Kind, IReadOnlyList<TextSpan> Spans, IReadOnlyList<QuoteSpan> Quotes);

/// <summary>A sentence's attribution: who (as written), in what role, and the statements it gives them.</summary>
internal sealed record Attribution(SpeakerPhrase Speaker, string? Role, IReadOnlyList<PieceGroup> Groups);

/// <summary>
/// What one sentence contributes: an attribution, a quotation standing alone (whose speaker comes
/// from the sentences around it), or neither, with the named subject of the sentence if any (for pronouns).
/// </summary>
internal sealed record SentenceAnalysis(Sentence Sentence, Attribution? Attribution, PieceGroup? Unattributed, SpeakerPhrase? Subject);

/// <summary>How a speech verb attributes.</summary>
internal enum VerbKind
{
    /// <summary>"said", "warned", "told": the speaker is its subject ("X said") or follows it ("said X").</summary>
    Speech,

    /// <summary>"according to X": the source follows.</summary>
    AccordingTo,

    /// <summary>"as indicated by X" after the statement.</summary>
    IndicatedBy,
}

/// <summary>A speech verb found at tokens [First, Last].</summary>
internal sealed record SpeechVerb(int First, int Last, VerbKind Kind, bool Weak, bool ObjectFirst, bool Told);

/// <summary>
/// Finds the attribution in a sentence and cuts out what it attributes. The patterns, tried at each
/// speech verb in turn:
/// <list type="bullet">
/// <item>subject first: "X said, “…”", "X said (that) CLAUSE", "X, ROLE, said …", "“…,” X said (in the letter)",
/// and the parenthetical "The U.S., he added, “should …” …";</item>
/// <item>verb first: "“…,” said X, ROLE." and "That approach, said X, who …, allowed …";</item>
/// <item>a source: "According to X, ROLE, CLAUSE", "CLAUSE, according to X", "CLAUSE as indicated by X".</item>
/// </list>
/// A statement after the verb that is one quotation (or a quotation with more woven in, after a
/// comma or colon) is direct; anything mixing the reporter's words with the speaker's is reported.
/// </summary>
internal sealed class AttributionParser(string text, NameReader names)
{
    private enum Boundary
    {
        /// <summary>The subject opens the sentence.</summary>
        Start,

        /// <summary>A quotation ends right before the subject ("“…,” he said").</summary>
        Quote,

        /// <summary>Narration and a comma come before the subject ("The U.S., he added, …").</summary>
        Comma,
    }

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

    public SentenceAnalysis Analyze(Sentence sentence)
    {
        Token[] t = sentence.Tokens;
        if (sentence.Paragraph.IsHeading)
        {
            return new SentenceAnalysis(sentence, null, null, null);
        }

        for (int i = 0; i < t.Length; i++)
        {
            if (MatchVerb(t, i) is not { } verb)
            {
                continue;
            }

            Attribution? attribution = verb.Kind == VerbKind.Speech
                ? ParseSubjectFirst(t, verb) ?? ParseVerbFirst(t, verb)
                : ParseSource(t, verb);
            if (attribution is not null)
            {
                return new SentenceAnalysis(sentence, attribution, null, null);
            }

            i = verb.Last;
        }

        if ((ColonIntroduction(t) ?? ParticipleAttribution(t)) is { } introduced)
        {
            return new SentenceAnalysis(sentence, introduced, null, null);
        }

        if (StandaloneQuote(t) is { } standalone)
        {
            return new SentenceAnalysis(sentence, null, standalone, null);
        }

        return new SentenceAnalysis(sentence, null, null, FindSubject(t, 0, t.Length));
    }

    /// <summary>"Unification Minister Park Jae-won put the case plainly: “…”": a named subject, a colon, a quotation.</summary>
    private Attribution? ColonIntroduction(Token[] t)
    {
        for (int c = 1; c + 1 < t.Length; c++)
        {
            if (!t[c].IsPunctuation(':') || !t[c + 1].IsQuote)
            {
                continue;
            }

            if (FindSubject(t, 0, c) is not { } subject || Group(t, StatementKind.Direct, (c + 1, LastQuoteEnd(t, c + 1))) is not { } group)
            {
                return null;
            }

            return new Attribution(subject, subject.Names.Count == 1 ? subject.Names[0].Role : null, [group]);
        }

        return null;
    }

    private static SpeechVerb? MatchVerb(Token[] t, int i)
    {
        Token word = t[i];
        if (!word.IsWord)
        {
            return null;
        }

        if (word.Is("according") && i + 1 < t.Length && t[i + 1].Is("to"))
        {
            return new SpeechVerb(i, i + 1, VerbKind.AccordingTo, Weak: false, ObjectFirst: false, Told: false);
        }

        if (word.Is("as") && i + 2 < t.Length && (t[i + 1].Is("indicated") || t[i + 1].Is("noted") || t[i + 1].Is("stated")) && t[i + 2].Is("by"))
        {
            return new SpeechVerb(i, i + 2, VerbKind.IndicatedBy, Weak: false, ObjectFirst: false, Told: false);
        }

        if (!word.In(Lexicon.SpeechVerbs) || char.IsUpper(word.Text[0]))
        {
            return null;
        }

        int last = i;
        if (word.Is("pointed") || word.Is("points"))
        {
            if (!(i + 1 < t.Length && t[i + 1].Is("out")))
            {
                return null;
            }

            last = i + 1;
        }

        // "called for talks", "called on Beijing to ..." name a demand; "called the plan “reckless”" only with a quotation (a weak verb).
        bool callsFor = (word.Is("called") || word.Is("calls")) && i + 1 < t.Length && (t[i + 1].Is("for") || t[i + 1].Is("on"));

        int before = i - 1;
        while (before >= 0 && t[before].In(Lexicon.PreVerbWords) && !t[before].In(Lexicon.VerbBlockers))
        {
            before--;
        }

        if (before >= 0 && t[before].In(Lexicon.VerbBlockers))
        {
            return null; // "was told", "declined to say", "did not say", "the notes"
        }

        bool weak = word.In(Lexicon.WeakSpeechVerbs) && !callsFor;
        bool told = word.Is("told") || word.Is("tells") || word.Is("reminded") || word.Is("assured");
        return new SpeechVerb(i, last, VerbKind.Speech, weak, word.In(Lexicon.ObjectFirstVerbs) && (callsFor || !(word.Is("called") || word.Is("calls"))), told);
    }

    /// <summary>"X said …", "X, ROLE, said …", "“…,” X said", "The U.S., he added, …".</summary>
    private Attribution? ParseSubjectFirst(Token[] t, SpeechVerb verb)
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

        SpeakerPhrase? speaker;
        string? role;
        (int From, int To) before;
        Boundary boundary;
        if (!t[k].IsPunctuation(','))
        {
            if (!t[k].IsWord)
            {
                return null;
            }

            int s = k;
            while (s > 0 && !IsPhraseBoundary(t[s - 1]) && !t[s - 1].In(Lexicon.RelativePronouns))
            {
                s--;
            }

            if (s > 0 && t[s - 1].In(Lexicon.RelativePronouns))
            {
                return null; // "a plan that Smith said would fail"
            }

            speaker = names.ParseSpeaker(t, s, k + 1, startsSentence: s == 0, allowUnnamed: true);
            if (speaker is null)
            {
                return null;
            }

            role = speaker.Names.Count == 1 ? speaker.Names[0].Role : null;
            if (speaker.Names.Count > 1 && s > 0 && t[s - 1].IsPunctuation(','))
            {
                // "Mary Chen, John Park and Omar Haddad said": earlier names of the list before commas.
                List<(int From, int To)> listed = Segments(t, 0, s - 1);
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

            before = (0, s);
            boundary = s == 0 ? Boundary.Start
                : t[s - 1].IsQuote || (s >= 2 && t[s - 1].IsPunctuation(',') && t[s - 2].IsQuote) ? Boundary.Quote
                : Boundary.Comma;
        }
        else
        {
            // "X, ROLE, said": the subject is the first segment that is not an adverbial, after any quotation.
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

            List<(int From, int To)> segments = Segments(t, regionStart, k);
            int first = 0;
            while (first < segments.Count && IsAdverbial(t, segments[first]))
            {
                first++;
            }

            if (first == segments.Count)
            {
                return null;
            }

            speaker = names.ParseSpeaker(t, segments[first].From, segments[first].To, startsSentence: segments[first].From == 0, allowUnnamed: true);
            var roles = new List<string>();
            if (speaker is not { IsNamed: true } && first + 1 < segments.Count
                && names.ParseSpeaker(t, segments[first + 1].From, segments[first + 1].To, startsSentence: false, allowUnnamed: false) is { IsNamed: true } named)
            {
                // "Its lead author, Dr. Priya Raman, said": the role comes first.
                if (speaker is not null || names.Classify(t, segments[first].From, segments[first].To) == SegmentKind.Role)
                {
                    roles.Add(names.RoleText(t, segments[first].From, segments[first].To));
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
                SegmentKind kind = names.Classify(t, segments[n].From, segments[n].To);
                if (kind == SegmentKind.Role)
                {
                    roles.Add(names.RoleText(t, segments[n].From, segments[n].To));
                }
                else if (kind == SegmentKind.Other)
                {
                    return null; // not an appositive structure ("That approach, said Campbell")
                }
            }

            role = roles.Count > 0 ? string.Join(", ", roles) : null;
            before = (0, regionStart);
            boundary = regionStart > 0 ? Boundary.Quote : Boundary.Start;
        }

        return Build(t, verb, speaker, role, before, boundary);
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

    private Attribution? Build(Token[] t, SpeechVerb verb, SpeakerPhrase speaker, string? role, (int From, int To) before, Boundary boundary)
    {
        int n = t.Length;
        before = StripLeading(t, before);
        bool hasBefore = IsContent(t, before);
        bool beforeQuoteOnly = hasBefore && IsQuoteOnly(t, before);
        StatementKind beforeKind = beforeQuoteOnly ? StatementKind.Direct : StatementKind.Reported;
        int r = verb.Last + 1;
        if (verb.Told)
        {
            r = SkipObject(t, r);
        }

        After after = AnalyzeAfter(t, r, verb);
        var groups = new List<PieceGroup?>();
        switch (after.Kind)
        {
            case AfterKind.Empty:
            case AfterKind.AdjunctOnly:
                if (hasBefore)
                {
                    groups.Add(Group(t, beforeKind, before));
                }
                else if (after.Kind == AfterKind.AdjunctOnly && !verb.Weak && CountWords(t, r, n) >= 5)
                {
                    groups.Add(Group(t, StatementKind.Reported, (r, n))); // "said on Wednesday the talks were over"
                }

                break;
            case AfterKind.Continuation:
                if (boundary == Boundary.Comma)
                {
                    StatementKind kind = (!hasBefore || beforeQuoteOnly) && ClauseKind(t, after.Start) == StatementKind.Direct ? StatementKind.Direct : StatementKind.Reported;
                    groups.Add(hasBefore ? Group(t, kind, before, (after.Start, n)) : Group(t, kind, (after.Start, n)));
                }
                else if (hasBefore)
                {
                    groups.Add(Group(t, beforeKind, before));
                }
                else
                {
                    groups.Add(Group(t, ClauseKind(t, after.Start), (after.Start, n)));
                }

                break;
            case AfterKind.Participle:
                if (hasBefore)
                {
                    groups.Add(Group(t, beforeKind, before));
                }

                groups.Add(Group(t, StatementKind.Reported, (after.Start, n)));
                break;
            case AfterKind.Quote:
                int quoteEnd = LastQuoteEnd(t, after.Start);
                if (hasBefore && boundary == Boundary.Quote && beforeQuoteOnly)
                {
                    groups.Add(Group(t, StatementKind.Direct, before, (after.Start, quoteEnd))); // "“…,” he said, “…”"
                }
                else if (hasBefore && boundary == Boundary.Comma)
                {
                    StatementKind kind = beforeQuoteOnly && ClauseKind(t, after.Start) == StatementKind.Direct ? StatementKind.Direct : StatementKind.Reported;
                    groups.Add(Group(t, kind, before, (after.Start, n))); // "The U.S., he added, “should …” that …"
                }
                else
                {
                    groups.Add(Group(t, StatementKind.Direct, (after.Start, quoteEnd))); // "X said, “…” unless “…”"
                }

                break;
            case AfterKind.Clause:
                if (verb.Weak && !verb.ObjectFirst && !after.HadThat && !ContainsQuote(t, after.Start, n) && !hasBefore)
                {
                    return null; // "agreed to meet", "continued to push"
                }

                if (hasBefore && beforeQuoteOnly && boundary == Boundary.Quote)
                {
                    groups.Add(Group(t, StatementKind.Direct, before)); // "“….” Smith said the plan would fail."
                }

                groups.Add(Group(t, ClauseKind(t, after.Start), (after.Start, n)));
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
        if (OnlyPunctuation(t, r))
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
                    return new After(AfterKind.Participle, SkipThat(t, j + 1));
                }

                if (t[j].Is("that"))
                {
                    return new After(AfterKind.Clause, j + 1, HadThat: true);
                }

                int end = NameReader.SegmentEnd(t, j, n);
                SegmentKind kind = names.Classify(t, j, end);
                if (kind is SegmentKind.Discourse or SegmentKind.Adjunct && end < n && t[end].IsPunctuation(','))
                {
                    j = end + 1;
                    continue;
                }

                break;
            }

            if (OnlyPunctuation(t, j))
            {
                return new After(AfterKind.Empty, n);
            }

            return t[r].IsPunctuation(',') ? new After(AfterKind.Continuation, j) : new After(AfterKind.Clause, j);
        }

        if (t[r].IsQuote)
        {
            // "said “…”" is a quotation; "urged “all parties” to exercise restraint" weaves a fragment into reported speech.
            return OnlyPunctuation(t, r + 1) ? new After(AfterKind.Quote, r) : new After(AfterKind.Clause, r);
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
                        return new After(AfterKind.Participle, SkipThat(t, j + 2));
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

    /// <summary>"“…,” said X, ROLE." and the parenthetical "That approach, said X, who …, allowed …".</summary>
    private Attribution? ParseVerbFirst(Token[] t, SpeechVerb verb)
    {
        int n = t.Length;
        int k = verb.First - 1;
        if (k < 0 || !(t[k].IsQuote || t[k].IsPunctuation(',')))
        {
            return null;
        }

        int s = verb.Last + 1;
        int e = PhraseEnd(t, s);
        if (e == s || names.ParseSpeaker(t, s, e, startsSentence: false, allowUnnamed: true) is not { } speaker)
        {
            return null;
        }

        (int From, int To) before = StripLeading(t, (0, t[k].IsQuote ? k + 1 : k));
        if (!IsContent(t, before))
        {
            return null;
        }

        var (appositive, rest) = names.ReadAppositives(t, e, n, SegmentKind.Relative | SegmentKind.Adjunct | SegmentKind.Discourse);
        string? role = JoinRoles(speaker.Names.Count == 1 ? speaker.Names[0].Role : null, appositive);
        bool more = rest >= 0 && !OnlyPunctuation(t, rest);
        var groups = new List<PieceGroup?>();
        if (IsQuoteOnly(t, before))
        {
            if (more && t[rest].IsQuote)
            {
                groups.Add(Group(t, StatementKind.Direct, before, (rest, LastQuoteEnd(t, rest))));
            }
            else
            {
                groups.Add(Group(t, StatementKind.Direct, before));
                if (more && t[rest].In(Lexicon.ReportingParticiples))
                {
                    groups.Add(Group(t, StatementKind.Reported, (SkipThat(t, rest + 1), n)));
                }
            }
        }
        else
        {
            if (!speaker.IsNamed && speaker.Pronoun is null && !ContainsQuote(t, 0, n))
            {
                return null;
            }

            groups.Add(more ? Group(t, StatementKind.Reported, before, (rest, n)) : Group(t, StatementKind.Reported, before));
        }

        var found = groups.OfType<PieceGroup>().ToList();
        return found.Count == 0 ? null : new Attribution(speaker, role, found);
    }

    /// <summary>"According to X, ROLE, CLAUSE", "CLAUSE, according to X", "CLAUSE as indicated by X".</summary>
    private Attribution? ParseSource(Token[] t, SpeechVerb verb)
    {
        int n = t.Length;
        int s = verb.Last + 1;
        int e = PhraseEnd(t, s);
        if (e == s || names.ParseSpeaker(t, s, e, startsSentence: false, allowUnnamed: false) is not { IsNamed: true } speaker)
        {
            return null;
        }

        // No adjuncts here: after "According to X," the statement may well open with one ("at least forty tankers ...").
        var (appositive, rest) = names.ReadAppositives(t, e, n, SegmentKind.Relative | SegmentKind.Discourse);
        string? role = JoinRoles(speaker.Names.Count == 1 ? speaker.Names[0].Role : null, appositive);
        (int From, int To) before = StripLeading(t, (0, verb.First));
        var ranges = new List<(int From, int To)>();
        if (IsContent(t, before))
        {
            ranges.Add(before);
        }
        else if (verb.Kind == VerbKind.IndicatedBy)
        {
            return null;
        }

        if (rest >= 0 && !OnlyPunctuation(t, rest))
        {
            ranges.Add((rest, n));
        }

        if (ranges.Count == 0)
        {
            return null;
        }

        StatementKind kind = ranges.All(range => IsQuoteOnly(t, range)) ? StatementKind.Direct : StatementKind.Reported;
        return Group(t, kind, [.. ranges]) is { } group ? new Attribution(speaker, role, [group]) : null;
    }

    /// <summary>"Kremlin spokesman Dmitri Volkov rejected the criticism, telling reporters that …" / "…, saying …".</summary>
    private Attribution? ParticipleAttribution(Token[] t)
    {
        for (int c = 1; c + 2 < t.Length; c++)
        {
            if (!t[c].IsPunctuation(',') || !t[c + 1].In(Lexicon.ReportingParticiples))
            {
                continue;
            }

            if (FindSubject(t, 0, c) is not { } subject)
            {
                return null;
            }

            int r = c + 2;
            if (t[c + 1].Is("telling"))
            {
                r = SkipObject(t, r);
            }

            r = SkipThat(t, r);
            return Group(t, ClauseKind(t, r), (r, t.Length)) is { } group
                ? new Attribution(subject, subject.Names.Count == 1 ? subject.Names[0].Role : null, [group])
                : null;
        }

        return null;
    }

    /// <summary>A sentence that is nothing but a quotation: a statement if it reads as one (not a quoted title or heading).</summary>
    private PieceGroup? StandaloneQuote(Token[] t)
    {
        if (!t.Any(x => x.IsQuote) || t.Any(x => x.IsWord))
        {
            return null;
        }

        var quotes = t.Where(x => x.IsQuote).Select(x => x.Quote!).ToList();
        int words = quotes.Sum(q => CountWords(q.ContentStart, q.ContentEnd));
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

        return Group(t, StatementKind.Direct, [.. ranges]);
    }

    /// <summary>The named subject of tokens [start, end) of a sentence without an attribution, for pronouns in the sentences after it.</summary>
    private SpeakerPhrase? FindSubject(Token[] t, int start, int end)
    {
        List<(int From, int To)> segments = Segments(t, start, end);
        int first = 0;
        while (first < segments.Count && IsAdverbial(t, segments[first]))
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
        while (j < to && ((t[j].IsCapitalized && !t[j].IsPossessive) || t[j].Is("of") || t[j].Is("and") || NameReader.IsRoleNoun(t[j]) || NameReader.IsInitial(t[j])
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

    private PieceGroup? Group(Token[] t, StatementKind kind, params (int From, int To)[] ranges)
    {
        var spans = new List<TextSpan>();
        var quotes = new List<QuoteSpan>();
        foreach (var (from, to) in ranges)
        {
            if (SpanOf(t, from, to) is { } span)
            {
                spans.Add(span);
            }

            for (int i = from; i < to; i++)
            {
                if (t[i].IsQuote)
                {
                    quotes.Add(t[i].Quote!);
                }
            }
        }

        return spans.Count == 0 ? null : new PieceGroup(kind, spans, quotes);
    }

    /// <summary>The characters of tokens [from, to): inside the marks of a quotation at either end, without commas or white space at the edges.</summary>
    private TextSpan? SpanOf(Token[] t, int from, int to)
    {
        while (from < to && t[from].Kind == TokenKind.Punctuation && !t[from].IsPunctuation('[') && !t[from].IsPunctuation('(') && !t[from].IsPunctuation('…'))
        {
            from++;
        }

        while (to > from && t[to - 1].Kind == TokenKind.Punctuation && t[to - 1].Text[0] is ',' or ';' or ':' or '—' or '–' or '-')
        {
            to--;
        }

        if (from >= to)
        {
            return null;
        }

        int start = t[from].IsQuote ? t[from].Quote!.ContentStart : t[from].Start;
        int end = t[to - 1].IsQuote ? t[to - 1].Quote!.ContentEnd : t[to - 1].End;
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && (char.IsWhiteSpace(text[end - 1]) || text[end - 1] is ',' or ';' or ':'))
        {
            end--;
        }

        return end > start ? new TextSpan(start, end) : null;
    }

    private static int SkipObject(Token[] t, int r)
    {
        int n = t.Length;
        if (r >= n || !t[r].IsWord || t[r].Is("that"))
        {
            return r;
        }

        if (t[r].Is("me") || t[r].Is("us") || t[r].Is("him") || t[r].Is("her") || t[r].Is("them") || t[r].Is("you"))
        {
            return r + 1;
        }

        if (t[r].Is("the") || t[r].Is("a") || t[r].Is("an"))
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

    private int PhraseEnd(Token[] t, int s)
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
                bool connector = (x.Is("of") || x.Is("for")) && e + 1 < n && t[e + 1].IsCapitalized;
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

    private bool IsAdverbial(Token[] t, (int From, int To) segment)
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
    private bool IsContent(Token[] t, (int From, int To) range)
    {
        if (range.From >= range.To)
        {
            return false;
        }

        if (ContainsQuote(t, range.From, range.To))
        {
            return true;
        }

        if (CountWords(t, range.From, range.To) == 0)
        {
            return false;
        }

        bool oneSegment = Segments(t, range.From, range.To).Count == 1;
        bool hasClause = false;
        for (int i = range.From; i < range.To; i++)
        {
            hasClause |= t[i].In(Lexicon.Auxiliaries);
        }

        return !(oneSegment && !hasClause && IsAdverbial(t, range));
    }

    private static (int From, int To) StripLeading(Token[] t, (int From, int To) range)
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
    private static int SkipDateline(Token[] t, int from, int to)
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

    private static bool IsQuoteOnly(Token[] t, (int From, int To) range)
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

    private static StatementKind ClauseKind(Token[] t, int from)
    {
        int to = t.Length;
        while (to > from && t[to - 1].Kind == TokenKind.Punctuation)
        {
            to--;
        }

        return to - from == 1 && t[from].IsQuote ? StatementKind.Direct : StatementKind.Reported;
    }

    private static int LastQuoteEnd(Token[] t, int from)
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

    private static bool OnlyPunctuation(Token[] t, int from)
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

    private static int SkipThat(Token[] t, int i) => i < t.Length && t[i].Is("that") ? i + 1 : i;

    private static bool ContainsQuote(Token[] t, int from, int to)
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

    private static int CountWords(Token[] t, int from, int to)
    {
        int words = 0;
        for (int i = from; i < to; i++)
        {
            words += t[i].IsWord ? 1 : 0;
        }

        return words;
    }

    private int CountWords(int from, int to)
    {
        int words = 0;
        bool inWord = false;
        for (int i = from; i < to; i++)
        {
            bool letter = char.IsLetterOrDigit(text[i]);
            words += letter && !inWord ? 1 : 0;
            inWord = letter || (inWord && text[i] is '’' or '\'' or '-');
        }

        return words;
    }

    private static List<(int From, int To)> Segments(Token[] t, int from, int to)
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

    private static bool IsPhraseBoundary(Token token) =>
        token.IsQuote || (token.Kind == TokenKind.Punctuation && token.Text[0] is not ('’' or '\'' or '&'));

    private static string? JoinRoles(string? title, string? appositive) =>
        title is null ? appositive : appositive is null ? title : $"{title}, {appositive}";
}
