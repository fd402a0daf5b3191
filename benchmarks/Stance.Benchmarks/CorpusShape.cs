using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Stance.IO.Csv;

namespace Stance.Benchmarks;

/// <summary>
/// The shape of the corpus beside real quotes: for each wave of <c>data/statements.csv</c>, the
/// whole corpus and the real-quote dev set, word-count percentiles and the share of rows with two
/// sentences or more, a question, the first person, a negation, a condition, a digit, or a final
/// comma (a clause the reporter cut before "..., he said"). Aggregates only: no dev-set text is
/// printed. Writes the table behind data/README.md's "Shape beside real quotes" to standard output.
/// Usage: <c>corpus-shape</c>.
/// </summary>
internal static partial class CorpusShape
{
    public static int Run(string[] args)
    {
        _ = args;
        var groups = new List<(string Name, List<string> Texts)>();
        List<(string Id, string Text)> corpus = ReadCorpus(Paths.Corpus);
        // Waves 4 on carry ids "w4-0001", "w5-0001", ...; waves 1-3 "s0001", the seed article "seed01".
        groups.Add(("waves 1-3", corpus.Where(r => !r.Id.StartsWith('w')).Select(r => r.Text).ToList()));
        foreach (string wave in corpus.Where(r => r.Id.StartsWith('w')).Select(r => r.Id[1..r.Id.IndexOf('-')]).Distinct().Order(StringComparer.Ordinal))
        {
            string prefix = $"w{wave}-";
            groups.Add(($"wave {wave}", corpus.Where(r => r.Id.StartsWith(prefix, StringComparison.Ordinal)).Select(r => r.Text).ToList()));
        }

        groups.Add(("whole corpus", corpus.Select(r => r.Text).ToList()));
        string? dev = Paths.SharedBenchmarks is { } shared ? Path.Combine(shared, "realquotes-dev", "quotes.csv") : null;
        if (dev is not null && File.Exists(dev))
        {
            groups.Add(("real quotes (dev)", RealQuotesBenchmark.Read(dev).Select(q => q.Text).ToList()));
        }
        else
        {
            Console.Error.WriteLine("the dev-set column is left out: ../shared/benchmarks/realquotes-dev/quotes.csv is not beside the repository");
        }

        groups.RemoveAll(g => g.Texts.Count == 0);
        var table = new StringBuilder();
        table.Append("| measure |").AppendJoin(string.Empty, groups.Select(g => $" {g.Name} ({g.Texts.Count:N0}) |")).AppendLine();
        table.Append("|---|").AppendJoin(string.Empty, groups.Select(_ => "---|")).AppendLine();
        table.Append("| words, 10th / 25th / 50th / 75th / 90th percentile |")
            .AppendJoin(string.Empty, groups.Select(g => " " + string.Join(" / ", Percentiles(g.Texts.Select(t => Words().Count(t)).ToList(), [10, 25, 50, 75, 90])) + " |"))
            .AppendLine();
        foreach ((string measure, Func<string, bool> test) in Measures)
        {
            table.Append(CultureInfo.InvariantCulture, $"| {measure} |")
                .AppendJoin(string.Empty, groups.Select(g => string.Create(CultureInfo.InvariantCulture, $" {100.0 * g.Texts.Count(test) / g.Texts.Count:0.0} |")))
                .AppendLine();
        }

        Console.Write(table.ToString());
        return 0;
    }

    private static readonly (string Measure, Func<string, bool> Test)[] Measures =
    [
        ("two sentences or more", t => SentenceBreak().IsMatch(t.Trim())),
        ("a question", t => t.Contains('?', StringComparison.Ordinal)),
        ("first person (I, we, our, us, my, me)", t => FirstPerson().IsMatch(t)),
        ("negation (not, no, never, n't, cannot)", t => Negation().IsMatch(t)),
        ("a condition (if, unless)", t => Condition().IsMatch(t)),
        ("a digit", t => t.Any(char.IsAsciiDigit)),
        ("ends in a comma (a clause cut by the reporter)", t => t.TrimEnd().EndsWith(',')),
    ];

    /// <summary>Nearest-rank percentiles.</summary>
    private static IEnumerable<int> Percentiles(List<int> values, int[] percents)
    {
        values.Sort();
        return percents.Select(p => values[Math.Clamp((int)Math.Ceiling(p / 100.0 * values.Count) - 1, 0, values.Count - 1)]);
    }

    private static List<(string Id, string Text)> ReadCorpus(string path)
    {
        using CsvTableReader reader = CsvTableReader.Open(path, CsvFormat.Default);
        int id = reader.RequireColumn("id", "id");
        int text = reader.RequireColumn("text", "text");
        var rows = new List<(string, string)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(id), reader.GetString(text)));
        }

        return rows;
    }

    [GeneratedRegex(@"[\p{L}\p{N}']+")]
    private static partial Regex Words();

    // A sentence end (. ! ? or an ellipsis) followed by more text that starts a sentence; not the
    // period of an initialism ("U.S. President") or of a title ("Sen. Smith").
    [GeneratedRegex(@"(?<!\b\p{Lu}\.\p{Lu})(?<!\b\p{Lu})(?<!\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Jr|Sr|Lt|Col|Adm|Amb|Prof))[.!?…]+[""'”’)]?\s+[""'“‘(]?[\p{Lu}\p{N}]")]
    private static partial Regex SentenceBreak();

    // Case matters: "US" is the United States, not "us".
    [GeneratedRegex(@"\bI\b|\b[Ww]e\b|\b[Oo]urs?\b|\bus\b|\b[Mm]y\b|\b[Mm]e\b")]
    private static partial Regex FirstPerson();

    [GeneratedRegex(@"\b(not|no|never|cannot)\b|n['’]t\b", RegexOptions.IgnoreCase)]
    private static partial Regex Negation();

    [GeneratedRegex(@"\b(if|unless)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Condition();
}
