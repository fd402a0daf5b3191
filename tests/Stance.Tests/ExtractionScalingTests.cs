using System.Text;
using System.Text.RegularExpressions;
using Stance.Extraction;

namespace Stance.Tests;

/// <summary>
/// The quote extractor's work grows linearly with the article, checked by counts, not clocks: an
/// article eight times longer has exactly eight times the statements and about eight times the
/// steps; pathological inputs finish (a timeout guards against a hang, it measures nothing); progress
/// rises to 1 and cancellation stops a run.
/// </summary>
public sealed class ExtractionScalingTests
{
    [Fact]
    public void An_article_eight_times_longer_has_eight_times_the_statements_and_the_work()
    {
        string small = LongArticle.Build(copies: 3);
        string large = LongArticle.Build(copies: 24);

        (IReadOnlyList<ExtractedStatement> few, long smallSteps) = Measure(small);
        (IReadOnlyList<ExtractedStatement> many, long largeSteps) = Measure(large);

        Assert.True(few.Count > 100, $"only {few.Count} statements in the small article");
        Assert.Equal(8 * few.Count, many.Count);
        double ratio = (double)largeSteps / smallSteps;
        Assert.True(ratio is > 7.5 and < 8.5, $"{largeSteps} steps for {smallSteps}: {ratio:F2} times"); // a quadratic path would make it about 64
    }

    [Fact]
    public void The_copies_of_a_long_article_keep_their_own_speakers()
    {
        string article = LongArticle.Build(copies: 4);

        IReadOnlyList<ExtractedStatement> statements = QuoteExtractor.Extract(article);

        // Every copy's Oduya (renamed per copy) speaks in their own copy only.
        var oduyas = statements.Where(s => s.Speaker.StartsWith("Margaret Oduya", StringComparison.Ordinal)).GroupBy(s => s.Speaker).ToList();
        Assert.Equal(4, oduyas.Count);
        Assert.All(oduyas, g => Assert.Equal(oduyas[0].Count(), g.Count()));
    }

    public static TheoryData<string> Pathological => new(PathologicalInputs.Keys);

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Pathological))]
    public async Task A_pathological_input_finishes_with_statements_inside_the_article(string name)
    {
        string article = PathologicalInputs[name]();

        IReadOnlyList<ExtractedStatement> statements = await Task.Run(() => QuoteExtractor.Extract(article));

        Assert.All(statements, s =>
        {
            Assert.InRange(s.Start, 0, s.End);
            Assert.InRange(s.End, s.Start, article.Length);
            Assert.All(s.Pieces, p => Assert.True(p.Start >= s.Start && p.End <= s.End && p.Length > 0));
        });
    }

    [Fact]
    public void Text_without_any_punctuation_is_all_headings_and_holds_no_statement()
    {
        Assert.Empty(QuoteExtractor.Extract(PathologicalInputs["no punctuation at all"]()));
    }

    [Fact]
    public void Progress_rises_to_one_a_bounded_number_of_times()
    {
        string article = LongArticle.Build(copies: 6);
        var reports = new List<double>();

        IReadOnlyList<ExtractedStatement> statements = QuoteExtractor.Extract(article, new Recorder(reports.Add), CancellationToken.None);

        Assert.Equal(QuoteExtractor.Extract(article), statements, StatementComparer.Instance);
        Assert.True(reports.Count is > 20 and <= 210, $"{reports.Count} reports");
        Assert.Equal(1.0, reports[^1]);
        Assert.All(reports.Zip(reports.Skip(1)), pair => Assert.True(pair.Second > pair.First, $"{pair.Second} after {pair.First}"));
        Assert.All(reports, r => Assert.InRange(r, 0.0, 1.0));
    }

    [Fact]
    public void Cancelling_stops_the_extraction_soon_after()
    {
        string article = LongArticle.Build(copies: 6);
        using var cancellation = new CancellationTokenSource();
        var reports = new List<double>();
        var progress = new Recorder(fraction =>
        {
            reports.Add(fraction);
            if (fraction >= 0.5)
            {
                cancellation.Cancel();
            }
        });

        Assert.ThrowsAny<OperationCanceledException>(() => QuoteExtractor.Extract(article, progress, cancellation.Token));

        double cancelledAt = reports.First(r => r >= 0.5);
        Assert.True(reports[^1] < cancelledAt + 0.02, $"went on to {reports[^1]} after being cancelled at {cancelledAt}");
    }

    [Fact]
    public void An_already_cancelled_token_stops_before_any_work()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => QuoteExtractor.Extract("“Talks now,” said Ana Lund.", null, cancellation.Token));
    }

    private static (IReadOnlyList<ExtractedStatement> Statements, long Steps) Measure(string article)
    {
        long before = WorkMeter.Steps;
        IReadOnlyList<ExtractedStatement> statements = QuoteExtractor.Extract(article);
        return (statements, WorkMeter.Steps - before);
    }

    private static readonly Dictionary<string, Func<string>> PathologicalInputs = new()
    {
        ["one huge paragraph"] = () => LongArticle.Build(copies: 40).Replace("\n\n", " ", StringComparison.Ordinal),
        ["a million quotation marks"] = () => new string('"', 1_000_000),
        ["a million quotation marks around words"] = () => Repeat("\"no\" ", 500_000) + ".",
        ["a million mixed marks"] = () => Repeat("“a” \"b\" „c“ ", 333_334) + ".",
        ["no punctuation at all"] = () => Repeat("Ann Lee said the talks would fail and Bob Kay said so too ", 20_000),
        ["one sentence of a million words"] = () => Repeat("Ann Lee said the talks would fail and Bob Kay said so too ", 80_000) + ".",
        ["a hundred thousand speech verbs in a row"] = () => Repeat("said ", 100_000) + ".",
        ["a hundred thousand unclosed quotes in one paragraph"] = () => Repeat("“He said the talks ", 100_000) + ".",
        ["a hundred thousand unclosed quotes in as many paragraphs"] = () => Repeat("“He said the talks will fail.\n\n", 100_000),
        ["a hundred thousand quotes standing alone"] = () => Repeat("“The talks will fail, and soon.” ", 100_000),
        ["thirty thousand people of one given name"] = () => string.Concat(Enumerable.Range(0, 30_000).Select(i => $"John Smith{Suffix(i)} spoke. “We will talk,” said John.\n\n")),
        ["thirty thousand men and a she each"] = () => string.Concat(Enumerable.Range(0, 30_000).Select(i => $"Mr. Bob Kay{Suffix(i)} spoke. “We will talk,” she said.\n\n")),
    };

    private static string Repeat(string text, int times) => new StringBuilder(text.Length * times).Insert(0, text, times).ToString();

    private static string Suffix(int i) => LongArticle.Suffix(i);

    private sealed class Recorder(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }

    private sealed class StatementComparer : IEqualityComparer<ExtractedStatement>
    {
        public static readonly StatementComparer Instance = new();

        public bool Equals(ExtractedStatement? x, ExtractedStatement? y) =>
            x is not null && y is not null && x.Speaker == y.Speaker && x.Role == y.Role && x.Text == y.Text && x.Kind == y.Kind
            && x.Start == y.Start && x.End == y.End && x.Pieces.SequenceEqual(y.Pieces);

        public int GetHashCode(ExtractedStatement obj) => obj.Start;
    }
}

/// <summary>
/// A long article made of the test articles (Articles/*.txt) over and over, each copy with its
/// speakers' surnames changed ("Oduya" → "Oduyaka", "Oduyaro", …), so that every copy introduces new
/// people, as a long article or a collection of articles does.
/// </summary>
internal static class LongArticle
{
    private static readonly string[] Syllables = ["ka", "ro", "mi", "ten", "vo", "las", "du", "ne", "shi", "bor", "al", "fen"];

    private static readonly Lazy<IReadOnlyList<(string Text, string[] Surnames)>> Sources = new(() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Articles"), "*.txt")
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllText)
            .Select(text => (text, QuoteExtractor.Extract(text)
                .SelectMany(s => s.Speaker.Split([" and ", ", "], StringSplitOptions.RemoveEmptyEntries))
                .Where(name => name.Contains(' ', StringComparison.Ordinal) && char.IsUpper(name[0]) && !name.StartsWith("One ", StringComparison.Ordinal))
                .Select(name => name.Split(' ')[^1])
                .Distinct(StringComparer.Ordinal)
                .ToArray()))
            .ToList());

    public static string Build(int copies)
    {
        var builder = new StringBuilder();
        for (int copy = 0; copy < copies; copy++)
        {
            foreach (var (text, surnames) in Sources.Value)
            {
                string renamed = text;
                foreach (string surname in surnames)
                {
                    renamed = Regex.Replace(renamed, $@"\b{Regex.Escape(surname)}\b", surname + Suffix(copy));
                }

                builder.Append(renamed.Trim()).Append("\n\n");
            }
        }

        return builder.ToString();
    }

    /// <summary>A different lower-case suffix for every number: "ka", "ro", …, "kaka", "karo", ….</summary>
    public static string Suffix(int number)
    {
        var suffix = new StringBuilder();
        do
        {
            suffix.Append(Syllables[number % Syllables.Length]);
            number /= Syllables.Length;
        }
        while (number > 0);
        return suffix.ToString();
    }
}
