using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Stance.Cli.Output;
using Stance.Training.Data;
using Stance.Training.Metrics;

namespace Stance.Cli.Commands;

/// <summary><c>stance evaluate</c>: the metrics of a model on a labeled file.</summary>
internal static class EvaluateCommand
{
    public static Command Create(CliConsole console)
    {
        var model = CommonOptions.Model();
        var data = new Option<string>("--data", "-d") { Description = "The labeled CSV file to evaluate on.", Required = true };
        var textColumn = new Option<string?>("--text-column") { Description = "The CSV column holding the statements (default: the model's text column)." };
        var stanceColumn = CommonOptions.StanceColumn();
        var sentimentColumn = CommonOptions.SentimentColumn();
        var delimiter = CommonOptions.Delimiter();
        var format = CommonOptions.Format("table", "table", "json");
        var command = new Command("evaluate", "Measure a model on a labeled CSV file: accuracy, macro-F1, per-class precision/recall/F1, confusion matrix.")
        {
            model, data, textColumn, stanceColumn, sentimentColumn, delimiter, format,
        };
        command.SetAction(parse => Run(
            ModelLocator.Locate(parse.GetValue(model), console),
            console.Resolve(parse.GetValue(data)!),
            parse.GetValue(textColumn),
            parse.GetValue(stanceColumn),
            parse.GetValue(sentimentColumn),
            CommonOptions.ParseDelimiter(parse.GetValue(delimiter)!),
            parse.GetValue(format)!,
            console));
        return command;
    }

    private static int Run(string modelPath, string dataPath, string? textColumn, string? stanceColumn, string? sentimentColumn, IO.Csv.CsvFormat csv, string format, CliConsole console)
    {
        using StanceClassifier classifier = StanceClassifier.Load(modelPath);
        ModelMetadata metadata = classifier.Metadata;
        var heads = metadata.Heads.Select(h =>
        {
            string? chosen = h.Name == "stance" ? stanceColumn : sentimentColumn;
            return new HeadColumn(h.Name, chosen ?? h.LabelColumn, chosen is not null);
        }).ToList();
        LabeledDataset dataset = DatasetLoader.Load(dataPath, new DatasetOptions
        {
            TextColumn = textColumn ?? metadata.TextColumn,
            HeadColumns = heads,
            Format = csv,
            RequireTrainableLabels = false,
        });

        foreach (HeadData head in dataset.Heads)
        {
            IReadOnlyList<string> known = metadata.Head(head.Name)!.Labels;
            string? unknown = head.Labels.FirstOrDefault(l => !known.Contains(l));
            if (unknown is not null)
            {
                throw new StanceException($"{dataPath}: column '{head.Column}' has the label '{unknown}', which the model does not know (its {head.Name} labels are: {string.Join(", ", known)})");
            }
        }

        Classification[] predictions = classifier.ClassifyMany(dataset.Examples.Select(e => e.Text)).ToArray();
        var reports = new Dictionary<string, ClassificationReport>();
        for (int h = 0; h < dataset.Heads.Count; h++)
        {
            HeadData head = dataset.Heads[h];
            IReadOnlyList<string> labels = metadata.Head(head.Name)!.Labels;
            int[] gold = dataset.Examples.Select(e => labels.PositionOf(e.Labels[h])).ToArray();
            int[] predicted = predictions.Select(p => labels.PositionOf(p.Head(head.Name)!.Label)).ToArray();
            reports[head.Name] = ClassificationMetrics.Compute(labels, gold, predicted);
        }

        if (format == "json")
        {
            var document = new EvaluationDocument(modelPath, dataPath, dataset.Examples.Count, dataset.SkippedEmpty, reports);
            console.Out.WriteLine(JsonSerializer.Serialize(document, CliJson.Default.EvaluationDocument));
        }
        else
        {
            var output = Terminal.Out(console);
            output.WriteLine($"{Path.GetFileName(modelPath)} on {Path.GetFileName(dataPath)}: {dataset.Examples.Count} rows{(dataset.SkippedEmpty > 0 ? $" ({dataset.SkippedEmpty} with an empty text skipped)" : string.Empty)}");
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
