using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Stance.Cli.Output;

namespace Stance.Cli.Commands;

/// <summary>What <c>stance info</c> was asked to show.</summary>
internal sealed record InfoOptions(string ModelPath, string Format);

/// <summary><c>stance info</c>: what a model file says about itself, and which file it is.</summary>
internal sealed class InfoCommand : StanceCommand<InfoOptions>
{
    private readonly Option<string?> _model;
    private readonly Option<string> _format = CommonOptions.Format("table", "table", "json");

    public InfoCommand(CliConsole console)
        : base(
            "info",
            "Show a model's metadata: the file used, heads, labels, training data, settings and cross-validation metrics (for an ensemble, also each member's weight, features and metrics).",
            console,
            "stance info",
            "stance info --model models/stance-fast.zip --format json")
    {
        _model = CommonOptions.Model(console);
        Add(_model);
        Add(_format);
    }

    protected override InfoOptions Bind(ParseResult parse) => new(ModelLocator.Locate(parse.GetValue(_model), Console), parse.GetValue(_format)!);

    public override int Run(InfoOptions options, CancellationToken cancellationToken)
    {
        using StanceClassifier classifier = StanceClassifier.Load(options.ModelPath);
        if (options.Format == "json")
        {
            // The model's own metadata, with the file that was used and its scorer in front.
            var document = new JsonObject { ["file"] = classifier.Source, ["engine"] = classifier.EngineName };
            foreach ((string name, JsonNode? value) in JsonSerializer.SerializeToNode(classifier.Metadata, CliJson.Default.ModelMetadata)!.AsObject().ToList())
            {
                document[name] = value?.DeepClone();
            }

            Console.Out.WriteLine(document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return StanceCli.Success;
        }

        var output = Terminal.Out(Console);
        ReportRenderer.Metadata(output, classifier.Source, classifier.Metadata, classifier.EngineName);
        foreach (HeadMetadata head in classifier.Metadata.Heads)
        {
            if (head.CrossValidation is { } report)
            {
                ReportRenderer.Report(output, $"{head.Name}, {classifier.Metadata.Folds}-fold cross-validation{(classifier.Metadata.IsEnsemble ? " of the ensemble" : string.Empty)}", report);
            }

            ReportRenderer.Calibration(output, head);
        }

        return StanceCli.Success;
    }
}
