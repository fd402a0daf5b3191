namespace Stance.Extraction;

/// <summary>
/// Finds the statements in a news article: every direct quotation and every piece of reported
/// speech, each with its speaker named in full, the speaker's role when the article gives it, and
/// where it stands in the article. Rule-based and deterministic; plain C#, no model.
/// </summary>
/// <remarks>
/// <para>
/// The article is cut into paragraphs (blank-line separated, else one per line), its quotation marks
/// paired (curly and straight, mixed, and quotations running over a paragraph break), its narration
/// cut into sentences with each quotation as one token. Each sentence's attribution is read from its
/// speech verb ("said", "warned", "according to", ...) and the name, pronoun or title around it;
/// surnames and pronouns are resolved to the people the article introduced; pieces of one statement
/// are merged. Headlines, captions and headings (paragraphs without final punctuation) hold no
/// statements, and short quoted phrases in the reporter's narration (scare quotes, titles) are not
/// statements, while a quoted fragment inside someone's reported speech stays part of it.
/// </para>
/// <para>
/// Time and memory grow linearly with the article's length: every step reads each paragraph or
/// sentence a bounded number of times, and the lookups across the article (names, pronouns,
/// statements already taken) are dictionaries and binary searches. A run of more than
/// <see cref="SentenceSplitter.MaxTokens"/> tokens without a sentence end (a table, a list, text without
/// punctuation; no sentence of prose comes near it) is cut there, which bounds the work of one sentence.
/// </para>
/// </remarks>
public static class QuoteExtractor
{
    /// <summary>Extracts the statements of <paramref name="article"/>, in the order they appear.</summary>
    public static IReadOnlyList<ExtractedStatement> Extract(string article) => Extract(article, null, CancellationToken.None);

    /// <summary>
    /// Extracts the statements of <paramref name="article"/>, in the order they appear, reporting the
    /// fraction of the article processed (from 0 to 1, rising, 1 last) and stopping promptly when cancelled.
    /// </summary>
    /// <param name="progress">Told the fraction processed, at most about two hundred times a run; null for none.</param>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled.</exception>
    public static IReadOnlyList<ExtractedStatement> Extract(string article, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(article);
        var reporter = new ProgressReporter(progress, article.Length);
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<Paragraph> paragraphs = ParagraphSplitter.Split(article);
        IReadOnlyList<QuoteSpan> quotes = QuotationMarks.Pair(article, paragraphs);
        reporter.Report(Phase.Split, article.Length);

        var sentences = new List<Sentence>();
        int q = 0;
        foreach (Paragraph paragraph in paragraphs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int first = q;
            while (q < quotes.Count && quotes[q].Paragraph == paragraph.Index)
            {
                q++; // the quotations are in article order: this paragraph's are the next ones
            }

            var inParagraph = new ListSlice<QuoteSpan>(quotes, first, q - first);
            SentenceSplitter.Split(article, paragraph, Tokenizer.Tokenize(article, paragraph, inParagraph, cancellationToken), sentences);
            reporter.Report(Phase.Tokenize, paragraph.End);
        }

        var registry = new PersonRegistry();
        var names = new NameReader(article, registry.IsKnownNameWord);
        registry.Collect(article, sentences, names, sentence =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            reporter.Report(Phase.Collect, sentence.End);
        });

        var parser = new AttributionParser(article, names);
        var analyses = new List<SentenceAnalysis>(sentences.Count);
        foreach (Sentence sentence in sentences)
        {
            cancellationToken.ThrowIfCancellationRequested();
            analyses.Add(parser.Analyze(sentence));
            reporter.Report(Phase.Analyze, sentence.End);
        }

        IReadOnlyList<ExtractedStatement> statements = new StatementAssembler(article, quotes, registry).Assemble(analyses, (phase, offset) =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            reporter.Report(phase, offset);
        });
        reporter.Complete();
        return statements;
    }
}
