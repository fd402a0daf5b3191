using Stance.Extraction;

namespace Stance.Articles;

/// <summary>An article and the statements the extractor found in it.</summary>
public sealed record ExtractedArticle(Article Article, IReadOnlyList<ExtractedStatement> Statements);

/// <summary>
/// One statement of a collection of articles: its article, the speaker after resolution across the
/// articles (the fullest name, the most informative role), and its classification.
/// </summary>
public sealed record CorpusStatement(Article Article, ExtractedStatement Statement, string Speaker, string? Role, Classification Classification);

/// <summary>
/// Many articles in, classified statements out: speakers resolved across the articles with
/// <see cref="SpeakerResolver"/> (one article keeps the extractor's own names), every statement
/// classified in one batch. What <c>stance extract</c> and <c>stance report</c> share.
/// </summary>
public static class CorpusAnalyzer
{
    /// <summary>Resolves the speakers of <paramref name="articles"/> and classifies their statements, in article and statement order.</summary>
    public static IReadOnlyList<CorpusStatement> Analyze(StanceClassifier classifier, IReadOnlyList<ExtractedArticle> articles, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(articles);
        var speakers = new List<(string Speaker, string? Role)>();
        if (articles.Count > 1)
        {
            // Sources are made unique by position: two inputs may share a name (standard input and a file called "-").
            SpeakerResolution resolution = SpeakerResolver.Resolve(articles.Select((a, i) => new ArticleStatements(i.ToString(System.Globalization.CultureInfo.InvariantCulture), a.Statements)));
            foreach (ResolvedStatement resolved in resolution.Statements)
            {
                speakers.Add(resolved.Speakers.Count switch
                {
                    0 => (resolved.Statement.Speaker, resolved.Statement.Role),
                    1 => (resolved.Speakers[0].Name, resolved.Speakers[0].Role ?? resolved.Statement.Role),
                    _ => (string.Join(" and ", resolved.Speakers.Select(s => s.Name)), resolved.Statement.Role),
                });
            }
        }
        else
        {
            speakers.AddRange(articles.SelectMany(a => a.Statements).Select(s => (s.Speaker, s.Role)));
        }

        var flat = articles.SelectMany(a => a.Statements.Select(s => (a.Article, Statement: s))).ToList();
        Classification[] results = classifier.ClassifyMany(flat.Select(f => f.Statement.Text), cancellationToken).ToArray();
        var statements = new List<CorpusStatement>(flat.Count);
        for (int i = 0; i < flat.Count; i++)
        {
            statements.Add(new CorpusStatement(flat[i].Article, flat[i].Statement, speakers[i].Speaker, speakers[i].Role, results[i]));
        }

        return statements;
    }
}
