using System.Globalization;
using System.Text;
using Stance.IO.Csv;
using Stance.Training.Metrics;

namespace Stance.Benchmarks;

/// <summary>
/// Scores models on real quotes by real experts (<c>../shared/benchmarks/realquotes-dev</c>, read in
/// place): stance macro-F1 on the clear-cut rows (the headline) and on all rows, sentiment
/// macro-F1, per-class F1, confusion matrices, calibration (expected calibration error, and how
/// often predictions above 0.8 are right), the confidence given to off-topic and one-word texts,
/// and the errors counted by failure kind (<see cref="FailureKinds"/>). Writes the aggregates to
/// <c>benchmarks/results/realquotes.md</c>; the errors themselves, which quote the dev set, are
/// listed only with <c>--errors FILE</c> (a file outside the repository: the dev set's text never
/// goes into it).
/// Usage: <c>realquotes [--models a.zip,b.zip] [--errors /tmp/errors.txt] [--out FILE.md]</c>.
/// </summary>
internal static class RealQuotesBenchmark
{
    /// <summary>Texts no statement about policy: a model should not be sure of any stance for them.</summary>
    public static readonly string[] OffTopic =
    [
        "Hello.",
        "Yes.",
        "Thanks, everyone.",
        "Sanctions.",
        "Talks.",
        "The weather in the capital was mild and dry for most of the week.",
        "Our quarterly revenue grew by four percent on strong demand for cloud services.",
        "The home team scored twice in the second half to win the cup final.",
        "Preheat the oven, then bake the bread for forty minutes.",
        "I will be in the office on Tuesday if anyone needs the slides.",
    ];

    private static readonly string[] Stances = ["pro-engagement", "pro-pressure", "skeptical"];
    private static readonly string[] Sentiments = ["negative", "neutral", "positive"];

    public static int Run(string[] args)
    {
        string? shared = Paths.SharedBenchmarks;
        string? dev = shared is null ? null : Path.Combine(shared, "realquotes-dev", "quotes.csv");
        if (dev is null || !File.Exists(dev))
        {
            Console.WriteLine("realquotes benchmark skipped: ../shared/benchmarks/realquotes-dev/quotes.csv is not beside the repository");
            return 0;
        }

        string[] models = Option(args, "--models")?.Split(',') ?? Directory.GetFiles(Path.Combine(Paths.Root, "models"), "*.zip").Order(StringComparer.Ordinal).ToArray();
        string? errorsPath = Option(args, "--errors");
        string output = Option(args, "--out") ?? Path.Combine(Paths.Results, "realquotes.md");
        if (errorsPath is not null && Path.GetFullPath(errorsPath).StartsWith(Paths.Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            Console.Error.WriteLine("--errors must be outside the repository: the listing quotes the dev set, which never goes into it");
            return 2;
        }

        List<Quote> quotes = Read(dev);
        var reports = new List<ModelReport>();
        var errors = new StringBuilder();
        foreach (string model in models)
        {
            ModelReport report = Score(model, quotes, errors);
            reports.Add(report);
            Console.WriteLine($"{Path.GetFileName(model)}: stance macro-F1 clear-cut {F(report.StanceClear.MacroF1)}, all {F(report.StanceAll.MacroF1)}; sentiment {F(report.Sentiment.MacroF1)}; ECE {F(report.Ece)}; off-topic max confidence {F(report.OffTopicMax)}");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        File.WriteAllText(output, Markdown(reports, quotes));
        Console.WriteLine($"wrote {output}");
        if (errorsPath is not null)
        {
            File.WriteAllText(errorsPath, errors.ToString());
            Console.WriteLine($"wrote the errors grouped by kind to {errorsPath}");
        }

        return 0;
    }

    /// <summary>The dev set, or null when it is not beside the repository.</summary>
    public static List<Quote>? DevSet()
    {
        string? shared = Paths.SharedBenchmarks;
        string? dev = shared is null ? null : Path.Combine(shared, "realquotes-dev", "quotes.csv");
        return dev is not null && File.Exists(dev) ? Read(dev) : null;
    }

    internal static ModelReport Score(string modelPath, List<Quote> quotes, StringBuilder errors)
    {
        using StanceClassifier classifier = StanceClassifier.Load(modelPath);
        Classification[] results = classifier.ClassifyMany(quotes.Select(q => q.Text)).ToArray();
        string[] stance = results.Select(r => r.Stance!.Label).ToArray();
        string[] sentiment = results.Select(r => r.Sentiment!.Label).ToArray();
        int[] clear = Enumerable.Range(0, quotes.Count).Where(i => quotes[i].ClearCut).ToArray();

        ClassificationReport stanceClear = ClassificationMetrics.Compute(Stances, clear.Select(i => quotes[i].Stance), clear.Select(i => stance[i]));
        ClassificationReport stanceAll = ClassificationMetrics.Compute(Stances, quotes.Select(q => q.Stance), stance);
        ClassificationReport sentimentAll = ClassificationMetrics.Compute(Sentiments, quotes.Select(q => q.Sentiment), sentiment);

        // Calibration of stance confidence over all rows: 10 equal-width bins.
        var bins = new (int Count, double Confidence, int Right)[10];
        for (int i = 0; i < quotes.Count; i++)
        {
            float confidence = results[i].Stance!.Confidence;
            int b = Math.Min(9, (int)(confidence * 10));
            bins[b] = (bins[b].Count + 1, bins[b].Confidence + confidence, bins[b].Right + (stance[i] == quotes[i].Stance ? 1 : 0));
        }

        double ece = bins.Where(b => b.Count > 0).Sum(b => b.Count * Math.Abs((b.Confidence / b.Count) - ((double)b.Right / b.Count))) / quotes.Count;
        int[] confident = Enumerable.Range(0, quotes.Count).Where(i => results[i].Stance!.Confidence > 0.8f).ToArray();
        double confidentAccuracy = confident.Length == 0 ? double.NaN : confident.Count(i => stance[i] == quotes[i].Stance) / (double)confident.Length;
        float offTopicMax = classifier.ClassifyMany(OffTopic).Max(r => Math.Max(r.Stance!.Confidence, r.Sentiment!.Confidence));

        var kinds = new Dictionary<string, (int Rows, int Errors)>();
        foreach (string kind in FailureKinds.All)
        {
            kinds[kind] = (0, 0);
        }

        errors.AppendLine($"# {Path.GetFileName(modelPath)}: stance errors on clear-cut rows, by failure kind");
        var byKind = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (int i in clear)
        {
            bool wrong = stance[i] != quotes[i].Stance;
            foreach (string kind in FailureKinds.Of(quotes[i].Text, quotes[i].Stance, quotes[i].Role))
            {
                kinds[kind] = (kinds[kind].Rows + 1, kinds[kind].Errors + (wrong ? 1 : 0));
                if (wrong)
                {
                    (byKind.TryGetValue(kind, out List<string>? list) ? list : byKind[kind] = []).Add(
                        $"  {quotes[i].Id} gold {quotes[i].Stance}, predicted {stance[i]} {results[i].Stance!.Confidence:0.00}: {quotes[i].Text}");
                }
            }
        }

        foreach ((string kind, List<string> lines) in byKind)
        {
            errors.AppendLine($"## {kind} ({lines.Count})");
            lines.ForEach(l => errors.AppendLine(l));
        }

        return new ModelReport(Path.GetFileName(modelPath), classifier.Metadata.Tier, stanceClear, stanceAll, sentimentAll, ece, confident.Length / (double)quotes.Count, confidentAccuracy, offTopicMax, kinds);
    }

    private static string Markdown(List<ModelReport> reports, List<Quote> quotes)
    {
        var text = new StringBuilder();
        text.AppendLine("# Accuracy on real quotes (realquotes-dev)");
        text.AppendLine();
        text.AppendLine($"Produced by `dotnet run -c Release --project benchmarks/Stance.Benchmarks -- realquotes` on {DateTime.UtcNow:yyyy-MM-dd}: {quotes.Count} real quotes by named experts and officials ({quotes.Count(q => q.ClearCut)} clear-cut), labeled by the project's guide (see `../shared/benchmarks/README.md`). Measurement only: no model is trained or selected on them.");
        text.AppendLine();
        text.AppendLine("| model | tier | stance macro-F1, clear-cut | stance macro-F1, all | sentiment macro-F1 | stance ECE | share of stance predictions above 0.8 / their accuracy | highest confidence on off-topic or one-word texts |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (ModelReport r in reports)
        {
            text.AppendLine($"| `{r.Model}` | {r.Tier} | **{F(r.StanceClear.MacroF1)}** | {F(r.StanceAll.MacroF1)} | **{F(r.Sentiment.MacroF1)}** | {F(r.Ece)} | {P(r.ConfidentShare)} / {P(r.ConfidentAccuracy)} | {F(r.OffTopicMax)} |");
        }

        foreach (ModelReport r in reports)
        {
            text.AppendLine();
            text.AppendLine($"## `{r.Model}`");
            text.AppendLine();
            Report(text, "stance, clear-cut rows", r.StanceClear);
            Report(text, "sentiment, all rows", r.Sentiment);
            text.AppendLine("Stance errors on clear-cut rows by failure kind (a quote can be of several kinds; `FailureKinds` in `benchmarks/Stance.Benchmarks` defines them):");
            text.AppendLine();
            text.AppendLine("| kind | clear-cut rows of this kind | stance errors | error rate |");
            text.AppendLine("|---|---|---|---|");
            foreach ((string kind, (int rows, int errors)) in r.Kinds)
            {
                text.AppendLine($"| {kind} | {rows} | {errors} | {(rows == 0 ? "-" : P((double)errors / rows))} |");
            }
        }

        return text.ToString();
    }

    private static void Report(StringBuilder text, string title, ClassificationReport report)
    {
        text.AppendLine($"{title}: accuracy {F(report.Accuracy)}, macro-F1 {F(report.MacroF1)}; per class F1 {string.Join(", ", report.PerClass.Select(c => $"{c.Label} {F(c.F1)}"))}.");
        text.AppendLine();
        text.AppendLine("| true \\ predicted | " + string.Join(" | ", report.Labels) + " |");
        text.AppendLine("|---|" + string.Concat(report.Labels.Select(_ => "---|")));
        for (int i = 0; i < report.Labels.Count; i++)
        {
            text.AppendLine($"| {report.Labels[i]} | " + string.Join(" | ", report.ConfusionMatrix[i]) + " |");
        }

        text.AppendLine();
    }

    internal static List<Quote> Read(string path)
    {
        using CsvTableReader reader = CsvTableReader.Open(path, CsvFormat.Default);
        int id = reader.RequireColumn("id", "id");
        int text = reader.RequireColumn("text", "text");
        int stance = reader.RequireColumn("stance", "stance");
        int sentiment = reader.RequireColumn("sentiment", "sentiment");
        int confidence = reader.RequireColumn("confidence", "confidence");
        int? role = reader.FindColumn("role");
        var quotes = new List<Quote>();
        while (reader.Read())
        {
            quotes.Add(new Quote(reader.GetString(id), reader.GetString(text), reader.GetString(stance), reader.GetString(sentiment), reader.GetString(confidence) == "high", role is null ? string.Empty : reader.GetString(role.Value)));
        }

        return quotes;
    }

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string F(double value) => double.IsNaN(value) ? "-" : value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string P(double value) => double.IsNaN(value) ? "-" : (100 * value).ToString("0", CultureInfo.InvariantCulture) + "%";

    internal sealed record Quote(string Id, string Text, string Stance, string Sentiment, bool ClearCut, string Role);

    internal sealed record ModelReport(
        string Model,
        string Tier,
        ClassificationReport StanceClear,
        ClassificationReport StanceAll,
        ClassificationReport Sentiment,
        double Ece,
        double ConfidentShare,
        double ConfidentAccuracy,
        float OffTopicMax,
        Dictionary<string, (int Rows, int Errors)> Kinds);
}
