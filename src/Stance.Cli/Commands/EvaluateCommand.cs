using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Stance.Cli.Output;
using Stance.Training.Data;
using Stance.Training.Metrics;

namespace Stance.Cli.Commands;

/// <summary>What <c>stance evaluate</c> was asked to do.</summary>
internal sealed record EvaluateOptions(string ModelPath, string DataPath, string? TextColumn, string? StanceColumn, string? SentimentColumn, IO.Csv.CsvFormat Csv, string Format)
{
    /// <summary>The file's label names folded into the model's (<c>--label-map</c>).</summary>
    public IReadOnlyDictionary<string, string> LabelMap { get; init; } = new Dictionary<string, string>();
}

/// <summary><c>stance evaluate</c>: the metrics of a model on a labeled file.</summary>
internal sealed class EvaluateCommand : StanceCommand<EvaluateOptions>
{
    private readonly Option<string?> _model;
    private readonly Option<string> _data;
    private readonly Option<string?> _textColumn = CommonOptions.TextColumn("the model's text column");
    private readonly Option<string?> _stanceColumn = CommonOptions.StanceColumn();
    private readonly Option<string?> _sentimentColumn = CommonOptions.SentimentColumn();
    private readonly Option<string> _delimiter = CommonOptions.Delimiter();
    private readonly Option<string> _format = CommonOptions.Format("table", "table", "json");
    private readonly Option<string[]> _labelMap = CommonOptions.LabelMap("before scoring");

    public EvaluateCommand(CliConsole console)
        : base(
            "evaluate",
            "Measure a model on a labeled CSV file: accuracy, macro-F1, per-class precision/recall/F1, confusion matrix.",
            console,
            "stance evaluate --data labeled.csv",
            "stance evaluate --model models/stance-fast.zip --data labeled.csv --stance-column label --format json")
    {
        _model = CommonOptions.Model(console);
        _data = new Option<string>("--data", "-d") { Description = "The labeled CSV file to evaluate on.", Required = true };
        foreach (Option option in new Option[] { _model, _data, _textColumn, _stanceColumn, _sentimentColumn, _delimiter, _format, _labelMap })
        {
            Add(option);
        }
    }

    protected override EvaluateOptions Bind(ParseResult parse) => new(
        ModelLocator.Locate(parse.GetValue(_model), Console),
        Console.Resolve(parse.GetValue(_data)!),
        parse.GetValue(_textColumn),
        parse.GetValue(_stanceColumn),
        parse.GetValue(_sentimentColumn),
        CommonOptions.ParseDelimiter(parse.GetValue(_delimiter)!),
        parse.GetValue(_format)!)
    {
        LabelMap = CommonOptions.ParseLabelMap(parse.GetValue(_labelMap)),
    };

    public override int Run(EvaluateOptions options, CancellationToken cancellationToken)
    {
        using StanceClassifier classifier = StanceClassifier.Load(options.ModelPath);
        ModelMetadata metadata = classifier.Metadata;
        var heads = metadata.Heads.Select(h =>
        {
            string? chosen = h.Name == HeadNames.Stance ? options.StanceColumn : options.SentimentColumn;
            return new HeadColumn(h.Name, chosen ?? h.LabelColumn, chosen is not null);
        }).ToList();
        LabeledDataset dataset = DatasetLoader.Load(options.DataPath, new DatasetOptions
        {
            TextColumn = options.TextColumn ?? metadata.TextColumn,
            HeadColumns = heads,
            Format = options.Csv,
            RequireTrainableLabels = false,
            LabelMap = options.LabelMap,
        });

        if (metadata.TrainingData.Includes(dataset.Sha256))
        {
            Console.Error.WriteLine($"stance: warning: {Path.GetFileName(options.DataPath)} is {(metadata.TrainingData.Files.Count > 1 ? "one of the files" : "the file")} this model was trained on (same SHA-256); scores on training data overstate accuracy: evaluate on rows the model has not seen (its cross-validated metrics are in 'stance info')");
        }

        for (int h = 0; h < dataset.Heads.Count; h++)
        {
            HeadData head = dataset.Heads[h];
            IReadOnlyList<string> known = metadata.Head(head.Name)!.Labels;
            if (dataset.Examples.FirstOrDefault(e => !known.Contains(e.Labels[h])) is { } row)
            {
                int count = dataset.Examples.Count(e => e.Labels[h] == row.Labels[h]);
                throw new StanceException($"{options.DataPath}:{row.Line} (column '{head.Column}'): the label '{row.Labels[h]}' ({count} row(s)) is not one the model knows (its {head.Name} labels are: {string.Join(", ", known)}); fold it into one with --label-map {row.Labels[h]}=LABEL");
            }
        }

        Classification[] predictions = classifier.ClassifyMany(dataset.Examples.Select(e => e.Text), cancellationToken).ToArray();
        var reports = new Dictionary<string, ClassificationReport>();
        for (int h = 0; h < dataset.Heads.Count; h++)
        {
            HeadData head = dataset.Heads[h];
            IReadOnlyList<string> labels = metadata.Head(head.Name)!.Labels;
            reports[head.Name] = ClassificationMetrics.Compute(labels, dataset.Examples.Select(e => e.Labels[h]), predictions.Select(p => p.Head(head.Name)!.Label));
        }

        if (options.Format == "json")
        {
            var document = new EvaluationDocument(options.ModelPath, options.DataPath, dataset.Examples.Count, dataset.SkippedEmpty, reports);
            Console.Out.WriteLine(JsonSerializer.Serialize(document, CliJson.Default.EvaluationDocument));
        }
        else
        {
            IAnsiConsole output = Terminal.Out(Console);
            output.WriteLine($"{Path.GetFileName(options.ModelPath)} on {Path.GetFileName(options.DataPath)}: {dataset.Examples.Count} rows{(dataset.SkippedEmpty > 0 ? $" ({dataset.SkippedEmpty} with an empty text skipped)" : string.Empty)}");
            foreach ((string head, ClassificationReport report) in reports)
            {
                ReportRenderer.Report(output, head, report);
            }
        }

        return StanceCli.Success;
    }
}

/// <summary>The JSON form of an evaluation.</summary>
internal sealed record EvaluationDocument(string Model, string Data, int Rows, int SkippedEmpty, IReadOnlyDictionary<string, ClassificationReport> Heads);
