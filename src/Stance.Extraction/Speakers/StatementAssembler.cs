using System.Text;

namespace Stance.Extraction;

/// <summary>
/// Turns the sentences' attributions into statements: resolves each speaker (full names, surnames,
/// pronouns, quotations standing alone), merges the pieces of one continuous statement, and keeps
/// each statement once.
/// </summary>
/// <remarks>
/// A direct piece joins the statement before it when the speaker is the same and it goes straight on
/// from it: the quotation ran over the paragraph break, the piece is in the next sentence of the same
/// paragraph ("…," said Revere. "…"), or it is a quotation opening the paragraph right after the
/// statement's last one with no attribution of its own.
/// </remarks>
internal sealed class StatementAssembler(string text, IReadOnlyList<QuoteSpan> quotes, PersonRegistry registry)
{
    private readonly Salience _salience = new();
    private readonly List<Draft> _drafts = [];
    private Action<Phase, int>? _read;

    private LookAhead? _lookAhead;

    /// <param name="read">Called before each analysis, with the offset it ends at, and then before each statement is built, with the offset it starts at (for progress and cancellation).</param>
    public IReadOnlyList<ExtractedStatement> Assemble(IReadOnlyList<SentenceAnalysis> analyses, Action<Phase, int>? read = null)
    {
        _read = read;
        _lookAhead = new LookAhead(analyses);
        for (int i = 0; i < analyses.Count; i++)
        {
            SentenceAnalysis analysis = analyses[i];
            read?.Invoke(Phase.Assemble, analysis.Sentence.End);
            WorkMeter.Count();
            if (analysis.Attribution is { } attribution)
            {
                if (Resolve(attribution.Speaker, analysis.Sentence.Index) is not { } speaker)
                {
                    continue;
                }

                LearnGender(speaker, attribution.Speaker, analysis.Sentence);
                if (speaker.People.Count == 1 && attribution.Role is not null)
                {
                    speaker.People[0].Role ??= attribution.Role;
                }

                foreach (PieceGroup group in attribution.Groups)
                {
                    _drafts.Add(new Draft(speaker, attribution.Role, group, analysis.Sentence, Unattributed: false));
                }

                _salience.Push(speaker, analysis.Sentence.Index);
            }
            else if (analysis.Unattributed is { } group)
            {
                if (SpeakerOfStandaloneQuote(analyses, i) is { } speaker)
                {
                    _drafts.Add(new Draft(speaker, null, group, analysis.Sentence, Unattributed: true));
                }
            }
            else if (analysis.Subject is { } subject && Resolve(subject, analysis.Sentence.Index) is { } person)
            {
                LearnGender(person, subject, analysis.Sentence);
                _salience.Push(person, analysis.Sentence.Index);
            }
        }

        return Build();
    }

    private Speaker? Resolve(SpeakerPhrase phrase, int sentence)
    {
        if (phrase.Pronoun is { } pronoun)
        {
            return _salience.Resolve(pronoun, sentence);
        }

        if (phrase.UnnamedSource is { } source)
        {
            return new Speaker([], source);
        }

        return new Speaker(phrase.Names.Select(registry.Resolve).ToList());
    }

    /// <summary>
    /// A quotation with no attribution in its sentence belongs to the statement right before it in
    /// the same paragraph, to the quotation it continues, to the attributed quotation it leads into
    /// ("“…” “…,” she said."), to the statement ending the paragraph before, or else to whoever the
    /// article last put forward.
    /// </summary>
    private Speaker? SpeakerOfStandaloneQuote(IReadOnlyList<SentenceAnalysis> analyses, int index)
    {
        Sentence sentence = analyses[index].Sentence;
        PieceGroup group = analyses[index].Unattributed!;
        Draft? previous = _drafts.Count > 0 ? _drafts[^1] : null;
        if (previous is not null && previous.Sentence.Index == sentence.Index - 1 && previous.Sentence.Paragraph == sentence.Paragraph)
        {
            return previous.Speaker;
        }

        if (previous is not null && group.Quotes.Count > 0 && group.Quotes[0].ContinuesPrevious && previous.Group.Quotes.Count > 0 && previous.Group.Quotes[^1].RunsOn)
        {
            return previous.Speaker;
        }

        int next = _lookAhead!.StopAfter(index);
        if (next < analyses.Count && analyses[next] is { Unattributed: null } stop
            && (stop.Sentence.Paragraph == sentence.Paragraph || (stop.Sentence.FirstInParagraph && analyses[next - 1].Unattributed?.Quotes is [.., { RunsOn: true }]))
            && stop.Attribution is { } attribution && attribution.Groups[0].Kind == StatementKind.Direct
            && attribution.Groups[0].Spans[0].Start <= stop.Sentence.Tokens[0].End)
        {
            return Resolve(attribution.Speaker, stop.Sentence.Index);
        }

        if (previous is not null && previous.Sentence.Index == sentence.Index - 1)
        {
            return previous.Speaker;
        }

        return _salience.Current;
    }

    /// <summary>
    /// Where the look-ahead from a quotation standing alone stops: at the first sentence after it that
    /// is not a further quotation standing alone in the same paragraph, or in the paragraphs a quotation
    /// runs on into. Worked out for every sentence at once, from the last back, so that a run of
    /// thousands of such quotations (one quotation running over thousands of paragraphs) is read once.
    /// </summary>
    private sealed class LookAhead
    {
        private readonly int[] _paragraphs;

        /// <summary>For each sentence, the first sentence after it in its paragraph that is not a quotation standing alone, else the first of the next paragraph.</summary>
        private readonly int[] _inParagraph;

        /// <summary>For each sentence, where a look-ahead that reached it from an earlier paragraph stops.</summary>
        private readonly int[] _acrossParagraphs;

        public LookAhead(IReadOnlyList<SentenceAnalysis> analyses)
        {
            int n = analyses.Count;
            _paragraphs = new int[n];
            for (int i = 0; i < n; i++)
            {
                _paragraphs[i] = analyses[i].Sentence.Paragraph.Index;
            }

            _inParagraph = new int[n];
            _acrossParagraphs = new int[n + 1];
            _acrossParagraphs[n] = n;
            for (int i = n - 1; i >= 0; i--)
            {
                int j = i + 1;
                _inParagraph[i] = j >= n || _paragraphs[j] != _paragraphs[i] || analyses[j].Unattributed is null ? j : _inParagraph[j];

                // Reached from an earlier paragraph, a sentence is linked only when it opens its paragraph and the quotation before it runs on.
                bool linked = analyses[i].Sentence.FirstInParagraph && i > 0 && analyses[i - 1].Unattributed?.Quotes is [.., { RunsOn: true }];
                _acrossParagraphs[i] = linked && analyses[i].Unattributed is not null ? _acrossParagraphs[i + 1] : i;
            }
        }

        /// <summary>The index where the look-ahead from sentence <paramref name="index"/> stops (the number of sentences when it runs off the end).</summary>
        public int StopAfter(int index)
        {
            int next = _inParagraph[index];
            return next < _paragraphs.Length && _paragraphs[next] == _paragraphs[index] ? next : _acrossParagraphs[next];
        }
    }

    /// <summary>"Blinken, in his confirmation hearing, said": a his or her after the name tells the speaker's gender.</summary>
    private static void LearnGender(Speaker speaker, SpeakerPhrase phrase, Sentence sentence)
    {
        if (!speaker.IsSinglePerson || speaker.People[0].Gender != Gender.Unknown || phrase.Names.Count != 1)
        {
            return;
        }

        int after = phrase.Names[0].End;
        bool his = sentence.Tokens.Any(t => t.Start > after && t.Is("his"));
        bool her = sentence.Tokens.Any(t => t.Start > after && t.Is("her"));
        if (his != her)
        {
            speaker.People[0].Gender = his ? Gender.Male : Gender.Female;
        }
    }

    private List<ExtractedStatement> Build()
    {
        var statements = new List<Statement>();
        var taken = new IntervalSet();
        foreach (Draft draft in _drafts)
        {
            WorkMeter.Count();
            if (draft.Group.Spans.Any(taken.Overlaps))
            {
                continue; // each statement once
            }

            foreach (TextSpan span in draft.Group.Spans)
            {
                taken.Add(span);
            }

            Statement? last = statements.Count > 0 ? statements[^1] : null;
            if (last is not null && Continues(last, draft))
            {
                last.Add(draft);
            }
            else
            {
                statements.Add(new Statement(draft));
            }
        }

        var marks = new HashSet<int>();
        foreach (QuoteSpan quote in quotes)
        {
            marks.Add(quote.Open);
            if (quote.Close >= 0)
            {
                marks.Add(quote.Close);
            }
        }

        return statements
            .Select(s =>
            {
                _read?.Invoke(Phase.Build, s.Start);
                return s.ToExtracted(text, marks);
            })
            .Where(s => s.Text.Length > 0)
            .OrderBy(s => s.Start)
            .ToList();
    }

    private static bool Continues(Statement statement, Draft draft)
    {
        Draft last = statement.Last;
        if (last.Group.Kind != StatementKind.Direct || draft.Group.Kind != StatementKind.Direct || !last.Speaker.SameAs(draft.Speaker))
        {
            return false;
        }

        bool ranOn = last.Group.Quotes.Count > 0 && draft.Group.Quotes.Count > 0
            && last.Group.Quotes[^1].RunsOn && draft.Group.Quotes[0].ContinuesPrevious
            && draft.Group.Quotes[0].Index == last.Group.Quotes[^1].Index + 1;
        bool nextSentence = draft.Sentence.Index == last.Sentence.Index + 1;
        bool sameParagraph = draft.Sentence.Paragraph == last.Sentence.Paragraph;
        bool nextParagraph = draft.Unattributed && draft.Sentence.FirstInParagraph && last.Sentence.LastInParagraph;
        return ranOn || (nextSentence && (sameParagraph || nextParagraph));
    }

    /// <summary>One statement piece group as attributed in one sentence, with the role given there (if any).</summary>
    private sealed record Draft(Speaker Speaker, string? AttributionRole, PieceGroup Group, Sentence Sentence, bool Unattributed);

    /// <summary>A statement being put together from drafts.</summary>
    private sealed class Statement(Draft first)
    {
        private readonly List<Draft> _drafts = [first];

        public Draft Last => _drafts[^1];

        public int Start => _drafts[0].Group.Spans[0].Start;

        public void Add(Draft draft) => _drafts.Add(draft);

        public ExtractedStatement ToExtracted(string text, HashSet<int> marks)
        {
            Draft first = _drafts[0];
            List<TextSpan> pieces = _drafts.SelectMany(d => d.Group.Spans).ToList();
            var builder = new StringBuilder();
            foreach (TextSpan piece in pieces)
            {
                string words = Clean(text, piece, marks);
                if (words.Length == 0)
                {
                    continue;
                }

                if (builder.Length > 0)
                {
                    if (char.IsUpper(words[0]) || (words[0] == '[' && words.Length > 1 && char.IsUpper(words[1])))
                    {
                        if (builder[^1] is not ('.' or '?' or '!' or '…' or '—'))
                        {
                            builder.Append('.');
                        }
                    }

                    builder.Append(' ');
                }

                builder.Append(words);
            }

            // The role given where the statement is attributed, else the one the article gives anywhere (read once all is read).
            string? role = first.Speaker.Role(_drafts.Select(d => d.AttributionRole).FirstOrDefault(r => r is not null));
            return new ExtractedStatement(first.Speaker.Name, role, builder.ToString(), first.Group.Kind, pieces[0].Start, pieces[^1].End, pieces);
        }

        /// <summary>The piece's text without the quotation marks that delimit quoted words, with white space runs made one space.</summary>
        private static string Clean(string text, TextSpan piece, HashSet<int> marks)
        {
            var builder = new StringBuilder(piece.Length);
            bool space = false;
            for (int i = piece.Start; i < piece.End; i++)
            {
                char c = text[i];
                if (QuotationMarks.IsMark(c) && marks.Contains(i))
                {
                    continue;
                }

                if (char.IsWhiteSpace(c))
                {
                    space = builder.Length > 0;
                    continue;
                }

                if (space)
                {
                    builder.Append(' ');
                    space = false;
                }

                builder.Append(c);
            }

            return builder.ToString();
        }
    }
}
