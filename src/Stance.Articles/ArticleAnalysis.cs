using Stance.Extraction;

namespace Stance.Articles;

/// <summary>One statement of an article with its classification.</summary>
public sealed record ClassifiedStatement(ExtractedStatement Statement, Classification Classification);

/// <summary>A label and how many statements got it.</summary>
public readonly record struct LabelCount(string Label, int Count);

/// <summary>
/// One speaker of an article (or of many): their role, how many statements, and how many of each
/// stance, most frequent first (an unclassifiable statement counts under its error).
/// </summary>
public sealed record SpeakerSummary(string Speaker, string? Role, int Statements, IReadOnlyList<LabelCount> Stances)
{
    /// <summary>The stance counts as text, such as <c>pro-pressure 2, skeptical 1</c>.</summary>
    public string DescribeStances() => string.Join(", ", Stances.Select(s => $"{s.Label} {s.Count}"));
}

/// <summary>The classified statements of an article and the summary per speaker, in order of first appearance.</summary>
public sealed record ArticleAnalysis(IReadOnlyList<ClassifiedStatement> Statements, IReadOnlyList<SpeakerSummary> Speakers);

/// <summary>
/// Extracts the statements of an article and classifies them: what <c>stance extract</c> prints
/// and the server's <c>/v1/extract</c> returns.
/// </summary>
public static class ArticleAnalyzer
{
    /// <summary>Extracts and classifies the statements of <paramref name="article"/> (plain text).</summary>
    public static ArticleAnalysis Analyze(StanceClassifier classifier, string article, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(article);
        IReadOnlyList<ExtractedStatement> statements = QuoteExtractor.Extract(article);
        Classification[] results = classifier.ClassifyMany(statements.Select(s => s.Text), cancellationToken).ToArray();
        List<ClassifiedStatement> classified = statements.Zip(results, (s, c) => new ClassifiedStatement(s, c)).ToList();
        return new ArticleAnalysis(classified, Summarize(classified));
    }

    /// <summary>Each speaker in order of first appearance, with their first known role, statement count and stance counts.</summary>
    public static IReadOnlyList<SpeakerSummary> Summarize(IEnumerable<ClassifiedStatement> statements) =>
        statements
            .GroupBy(s => s.Statement.Speaker, StringComparer.Ordinal)
            .Select(group => new SpeakerSummary(
                group.Key,
                group.Select(s => s.Statement.Role).FirstOrDefault(r => r is not null),
                group.Count(),
                group
                    .Select(s => s.Classification.Stance?.Label ?? s.Classification.Error ?? "-")
                    .GroupBy(label => label, StringComparer.Ordinal)
                    .OrderByDescending(g => g.Count())
                    .ThenBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => new LabelCount(g.Key, g.Count()))
                    .ToList()))
            .ToList();
}
