using System.CommandLine;
using System.Text.Json;
using Stance.Cli.Output;

namespace Stance.Cli.Commands;

/// <summary><c>stance info</c>: what a model file says about itself.</summary>
internal static class InfoCommand
{
    public static Command Create(CliConsole console)
    {
        var model = CommonOptions.Model();
        var format = CommonOptions.Format("table", "table", "json");
        var command = new Command("info", "Show a model's metadata: heads, labels, training data, settings and cross-validation metrics.") { model, format };
        command.SetAction(parse =>
        {
            string path = ModelLocator.Locate(parse.GetValue(model), console);
            using StanceClassifier classifier = StanceClassifier.Load(path);
            if (parse.GetValue(format) == "json")
            {
                console.Out.WriteLine(JsonSerializer.Serialize(classifier.Metadata, CliJson.Default.ModelMetadata));
                return StanceCli.Success;
            }

            var output = Terminal.Out(console);
            ReportRenderer.Metadata(output, path, classifier.Metadata, classifier.EngineName);
            foreach (HeadMetadata head in classifier.Metadata.Heads)
            {
                ReportRenderer.Report(output, $"{head.Name}, {classifier.Metadata.Folds}-fold cross-validation", head.CrossValidation);
                ReportRenderer.Calibration(output, head);
            }

            return StanceCli.Success;
        });
        return command;
    }
}
