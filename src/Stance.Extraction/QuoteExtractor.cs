namespace Stance.Extraction;

/// <summary>
/// Finds the statements in a news article: every direct quotation and every piece of reported
/// speech, each with its speaker named in full, the speaker's role when the article gives it, and
/// where it stands in the article. Rule-based and deterministic; plain C#, no model.
/// </summary>
/// <remarks>
/// The article is cut into paragraphs (blank-line separated, else one per line), its quotation marks
/// paired (curly and straight, mixed, and quotations running over a paragraph break), its narration
/// cut into sentences with each quotation as one token. Each sentence's attribution is read from its
/// speech verb ("said", "warned", "according to", ...) and the name, pronoun or title around it;
/// surnames and pronouns are resolved to the people the article introduced; pieces of one statement
/// are merged. Headlines, captions and headings (paragraphs without final punctuation) hold no
/// statements, and short quoted phrases in the reporter's narration (scare quotes, titles) are not
/// statements, while a quoted fragment inside someone's reported speech stays part of it.
/// </remarks>
public static class QuoteExtractor
{
    /// <summary>Extracts the statements of <paramref name="article"/>, in the order they appear.</summary>
    public static IReadOnlyList<ExtractedStatement> Extract(string article)
    {
        ArgumentNullException.ThrowIfNull(article);
        IReadOnlyList<Paragraph> paragraphs = ParagraphSplitter.Split(article);
        IReadOnlyList<QuoteSpan> quotes = QuotationMarks.Pair(article, paragraphs);
        var sentences = new List<Sentence>();
        foreach (Paragraph paragraph in paragraphs)
        {
            var inParagraph = quotes.Where(q => q.Paragraph == paragraph.Index).ToList();
            SentenceSplitter.Split(article, paragraph, Tokenizer.Tokenize(article, paragraph, inParagraph), sentences);
        }

        var registry = new PersonRegistry();
        var names = new NameReader(article, registry.IsKnownNameWord);
        registry.Collect(article, sentences, names);
        var parser = new AttributionParser(article, names);
        var analyses = sentences.Select(parser.Analyze).ToList();
        return new StatementAssembler(article, quotes, registry).Assemble(analyses);
    }
}
