namespace Stance.Extraction;

/// <summary>
/// Finds the attribution in a sentence and cuts out what it attributes. At each speech verb in turn
/// (<see cref="SpeechVerbMatcher"/>) it tries the subject-first patterns (<see cref="SubjectFirstPattern"/>:
/// "X said …", "“…,” X said", "The U.S., he added, …"), then the verb-first ones
/// (<see cref="VerbFirstPattern"/>: "“…,” said X", "That approach, said X, …, allowed …"), or for
/// "according to" and "as indicated by" the source patterns (<see cref="SourcePattern"/>). A sentence
/// without a speech verb may still introduce a statement (<see cref="IntroducedStatementPatterns"/>:
/// "X put it plainly: “…”", "…, telling reporters that …"), be a quotation standing alone
/// (<see cref="StandaloneQuotePattern"/>), or name the subject a later pronoun refers to (<see cref="SubjectFinder"/>).
/// </summary>
/// <remarks>
/// A statement after the verb that is one quotation (or a quotation with more woven in, after a
/// comma or colon) is direct; anything mixing the reporter's words with the speaker's is reported.
/// </remarks>
internal sealed class AttributionParser
{
    private readonly SubjectFirstPattern _subjectFirst;
    private readonly VerbFirstPattern _verbFirst;
    private readonly SourcePattern _source;
    private readonly IntroducedStatementPatterns _introduced;
    private readonly StandaloneQuotePattern _standalone;
    private readonly SubjectFinder _subjects;

    public AttributionParser(string text, NameReader names)
    {
        var pieces = new PieceCutter(text);
        var narration = new NarrationReader(names);
        _subjects = new SubjectFinder(names, narration);
        _subjectFirst = new SubjectFirstPattern(names, narration, new StatementAfterVerb(names, narration, pieces));
        _verbFirst = new VerbFirstPattern(names, narration, pieces);
        _source = new SourcePattern(names, narration, pieces);
        _introduced = new IntroducedStatementPatterns(_subjects, pieces);
        _standalone = new StandaloneQuotePattern(text, pieces);
    }

    public SentenceAnalysis Analyze(Sentence sentence)
    {
        Token[] t = sentence.Tokens;
        if (sentence.Paragraph.IsHeading)
        {
            return new SentenceAnalysis(sentence, null, null, null);
        }

        WorkMeter.Count(t.Length);
        for (int i = 0; i < t.Length; i++)
        {
            if (SpeechVerbMatcher.Match(t, i) is not { } verb)
            {
                continue;
            }

            Attribution? attribution = verb.Kind == VerbKind.Speech
                ? _subjectFirst.Parse(t, verb) ?? _verbFirst.Parse(t, verb)
                : _source.Parse(t, verb);
            if (attribution is not null)
            {
                return new SentenceAnalysis(sentence, attribution, null, null);
            }

            i = verb.Last;
        }

        if ((_introduced.ColonIntroduction(t) ?? _introduced.ParticipleAttribution(t)) is { } introduced)
        {
            return new SentenceAnalysis(sentence, introduced, null, null);
        }

        if (_standalone.Match(t) is { } standalone)
        {
            return new SentenceAnalysis(sentence, null, standalone, null);
        }

        return new SentenceAnalysis(sentence, null, null, _subjects.Find(t, 0, t.Length));
    }
}
