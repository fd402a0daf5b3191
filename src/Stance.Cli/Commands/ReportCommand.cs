using System.CommandLine;
using System.Diagnostics;
using System.Text;
using Stance.Articles;
using Stance.Cli.Reports;
using Stance.IO.Files;

namespace Stance.Cli.Commands;

/// <summary>What <c>stance report</c> was asked to do.</summary>
/// <param name="Model">The <c>--model</c> value; located only when statements need classifying (a CSV with a stance column does not).</param>
internal sealed record ReportOptions(IReadOnlyList<string> Inputs, string Output, string Format, string Period, string? Manifest, string? Title, string? Model, bool Quiet, bool Verbose);

/// <summary>
/// <c>stance report</c>: many articles (or a CSV that <c>extract</c> or <c>classify</c> wrote) in, one
/// self-contained HTML page out: who argues what, how the shares move over time and by outlet, who
/// changed stance, and every statement with filters; or the aggregates as CSV or JSON.
/// </summary>
internal sealed class ReportCommand : StanceCommand<ReportOptions>
{
    private readonly Argument<string[]> _inputs = ArticleInputs.Argument("Articles (files, folders, -), as for extract; or CSV files of statements written by extract or classify.");
    private readonly Option<string> _output;
    private readonly Option<string> _format = CommonOptions.Format("html", "html", "csv", "json");
    private readonly Option<string> _period = new("--period") { Description = "Time buckets of the chart: week, month, or auto (weeks for up to 16 weeks of dates, else months).", DefaultValueFactory = _ => "auto" };
    private readonly Option<string?> _manifest = ArticleInputs.Manifest();
    private readonly Option<string?> _title = new("--title") { Description = "The report's heading (default: Stance report)." };
    private readonly Option<string?> _model;
    private readonly Option<bool> _quiet = CommonOptions.Quiet();

    public ReportCommand(CliConsole console)
        : base(
            "report",
            "Write a stance report of many articles (or of a statements CSV): per-speaker table, stance share over time and by outlet, stance changes, filterable statement list; one self-contained HTML file.",
            console,
            "stance report articles/ --manifest articles.csv --out report.html",
            "stance report statements.csv --out report.html --period month",
            "stance report articles/ --format json --out aggregates.json")
    {
        _model = CommonOptions.Model(console);
        _output = new Option<string>("--out", "--output", "-o") { Description = "Where to write the report (atomically), or - for standard output.", Required = true }.IsWritablePath(console);
        _period.AcceptOnlyFromAmong("auto", "week", "month");
        Add(_inputs);
        foreach (Option option in new Option[] { _output, _format, _period, _manifest, _title, _model, _quiet })
        {
            Add(option);
        }

        Validators.Add(result =>
        {
            string[] inputs = result.GetValue(_inputs) ?? [];
            int csv = inputs.Count(IsCsv);
            if (csv > 0 && csv < inputs.Length)
            {
                result.AddError("give either articles or statement CSV files, not both");
            }
            else if (csv > 0 && result.GetValue(_manifest) is not null)
            {
                result.AddError("--manifest is for articles; a statements CSV has its own date and outlet columns");
            }
        });
    }

    private static bool IsCsv(string input) => input.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);

    protected override ReportOptions Bind(ParseResult parse) => new(
        parse.GetValue(_inputs)!,
        parse.GetValue(_output)!,
        parse.GetValue(_format)!,
        parse.GetValue(_period)!,
        parse.GetValue(_manifest),
        parse.GetValue(_title),
        parse.GetValue(_model),
        parse.GetValue(_quiet),
        parse.GetValue(StanceCli.Verbose));

    public override int Run(ReportOptions options, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var statements = new List<ReportStatement>();
        int failed = 0;
        StanceClassifier? classifier = null;
        string model = "the model";
        try
        {
            StanceClassifier Classifier()
            {
                if (classifier is null)
                {
                    string path = ModelLocator.Locate(options.Model, Console);
                    model = Path.GetFileName(path);
                    classifier = ModelLocator.Load(path, Console, options.Verbose);
                }

                return classifier;
            }

            if (options.Inputs.All(IsCsv))
            {
                bool classified = true;
                foreach (string input in options.Inputs)
                {
                    string path = Console.Resolve(input);
                    if (!File.Exists(path))
                    {
                        throw new StanceException($"{input}: no such file");
                    }

                    classified &= ReportInput.HasStance(path);
                    statements.AddRange(ReportInput.FromCsv(path, input, texts => Classifier().ClassifyMany(texts, cancellationToken).ToList()));
                }

                if (classified)
                {
                    model = "the input's stance column";
                }
            }
            else
            {
                ArticleBatch batch = ArticleInputs.Read(options.Inputs, options.Manifest, Console, options.Quiet, cancellationToken);
                failed = batch.Failed;
                statements.AddRange(ReportInput.FromArticles(CorpusAnalyzer.Analyze(Classifier(), batch.Articles, cancellationToken)));
            }

            IReadOnlyList<string> labels = classifier?.Metadata.Head(HeadNames.Stance)?.Labels ?? [];
            StanceReport report = StanceReport.Build(statements, labels, options.Period);
            string reportDirectory = options.Output == "-" ? Console.WorkingDirectory : Path.GetDirectoryName(Console.Resolve(options.Output))!;
            string content = options.Format switch
            {
                "csv" => ReportData.Csv(report),
                "json" => ReportData.Json(report),
                _ => ReportHtml.Write(report, options.Title ?? "Stance report", model, article => Link(article, reportDirectory)),
            };
            cancellationToken.ThrowIfCancellationRequested();
            using (OutputTarget target = options.Output == "-" ? OutputTarget.ForStream(Console.OpenOutputStream(), "standard output") : OutputTarget.Create(Console.Resolve(options.Output)))
            {
                byte[] bytes = new UTF8Encoding(false).GetBytes(content);
                target.Stream.Write(bytes);
                target.Commit();
            }

            if (!options.Quiet)
            {
                Console.Error.WriteLine($"report of {report.Statements.Count} statements by {report.Speakers.Count} speakers in {stopwatch.Elapsed.TotalSeconds:0.0} s; wrote {options.Output}");
            }
        }
        finally
        {
            classifier?.Dispose();
        }

        if (failed > 0)
        {
            Console.Error.WriteLine($"stance: {failed} input(s) could not be read (named above); the report covers the others");
            return StanceCli.Failure;
        }

        return StanceCli.Success;
    }

    /// <summary>A link from the report to an article: a web address as is, a file that exists relative to the report's folder; else none.</summary>
    private string? Link(string? article, string reportDirectory)
    {
        if (string.IsNullOrEmpty(article) || article == ArticleSources.StandardInput)
        {
            return null;
        }

        if (Uri.TryCreate(article, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return article;
        }

        string path = Console.Resolve(article);
        if (!File.Exists(path))
        {
            return null;
        }

        string relative = Path.GetRelativePath(reportDirectory, path);
        return string.Join('/', relative.Split(Path.DirectorySeparatorChar).Select(Uri.EscapeDataString));
    }
}
