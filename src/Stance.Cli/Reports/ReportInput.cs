using System.Globalization;
using Stance.Articles;
using Stance.IO.Csv;

namespace Stance.Cli.Reports;

/// <summary>The statements of a report: from articles (extracted and classified), or from a CSV that <c>extract</c> or <c>classify</c> wrote.</summary>
internal static class ReportInput
{
    /// <summary>The statements of extracted, classified articles (unclassifiable statements left out).</summary>
    public static List<ReportStatement> FromArticles(IReadOnlyList<CorpusStatement> statements) =>
        statements.Where(s => s.Classification.Stance is not null)
            .Select(s => new ReportStatement(
                s.Speaker,
                s.Role,
                s.Statement.Text,
                s.Classification.Stance!.Label,
                s.Classification.Stance.Confidence,
                s.Classification.Sentiment?.Label,
                s.Article.Date,
                s.Article.Source,
                s.Article.Title,
                s.Article.Outlet))
            .ToList();

    /// <summary>Whether a CSV has the stance column a report needs (else its texts are classified).</summary>
    public static bool HasStance(string path)
    {
        using CsvTableReader reader = CsvTableReader.Open(path, CsvFormat.Default);
        return (reader.FindColumn("predicted_stance") ?? reader.FindColumn("stance")) is not null;
    }

    /// <summary>
    /// Reads a statements CSV: <c>text</c>, and any of <c>speaker</c>, <c>role</c>, <c>stance</c> and
    /// <c>stance_confidence</c> (or their <c>predicted_</c> forms, which win), <c>sentiment</c>, <c>date</c>
    /// (<c>yyyy-MM-dd</c>, or a timestamp starting with it), <c>article</c>, <c>title</c>, <c>outlet</c>.
    /// Without a stance column the texts are classified by <paramref name="classify"/>. Rows without a
    /// stance (a classify error) are left out. A bad date or confidence is an error naming line and column.
    /// </summary>
    public static List<ReportStatement> FromCsv(string path, string display, Func<IReadOnlyList<string>, IReadOnlyList<Classification>>? classify)
    {
        using CsvTableReader reader = CsvTableReader.Open(path, CsvFormat.Default);
        int text = reader.RequireColumn("text", "TextColumn");
        int? Column(params string[] names) => names.Select(reader.FindColumn).FirstOrDefault(i => i is not null);
        int? speaker = Column("speaker"), role = Column("role"), date = Column("date"), article = Column("article", "source"), title = Column("title"), outlet = Column("outlet");
        int? stance = Column("predicted_stance", "stance"), confidence = Column("predicted_stance_confidence", "stance_confidence"), sentiment = Column("predicted_sentiment", "sentiment");
        var rows = new List<(ReportStatement Statement, long Line)>();
        while (reader.Read())
        {
            string? Get(int? index) => index is null ? null : reader.GetString(index.Value) is { Length: > 0 } value ? value : null;
            string statement = reader.GetString(text);
            if (string.IsNullOrWhiteSpace(statement) || (stance is not null && Get(stance) is null))
            {
                continue;
            }

            DateOnly? day = null;
            if (Get(date) is { } written)
            {
                day = written.Length >= 10 && DateOnly.TryParseExact(written[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly parsed)
                    ? parsed
                    : throw new CsvInputException(display, reader.Line, reader.Columns[date!.Value], $"\"{written}\" is not a date (yyyy-MM-dd)");
            }

            double probability = 1;
            if (Get(confidence) is { } p && (!double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out probability) || probability is < 0 or > 1))
            {
                throw new CsvInputException(display, reader.Line, reader.Columns[confidence!.Value], $"\"{p}\" is not a probability between 0 and 1");
            }

            rows.Add((new ReportStatement(Get(speaker) ?? "(unnamed)", Get(role), statement, Get(stance) ?? string.Empty, probability, Get(sentiment), day, Get(article), Get(title), Get(outlet)), reader.Line));
        }

        if (stance is null && rows.Count > 0)
        {
            if (classify is null)
            {
                throw new InvalidOperationException("a CSV without a stance column needs a classifier");
            }

            IReadOnlyList<Classification> results = classify(rows.Select(r => r.Statement.Text).ToList());
            rows = rows.Zip(results, (r, c) => (c.Stance is null ? r.Statement : r.Statement with { Stance = c.Stance.Label, Confidence = c.Stance.Confidence, Sentiment = r.Statement.Sentiment ?? c.Sentiment?.Label }, r.Line))
                .Where(r => r.Item1.Stance.Length > 0).ToList();
        }

        return rows.Select(r => r.Statement).ToList();
    }
}
