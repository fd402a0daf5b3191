using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Stance.Cli.Output;

namespace Stance.Cli.Commands;

/// <summary><c>stance explain</c>: the most indicative features of each label over the whole model.</summary>
internal static class ExplainCommand
{
    public static Command Create(CliConsole console)
    {
        var model = new Argument<string?>("model") { Description = $"The model file (default: {ModelLocator.DefaultRelativePath}).", Arity = ArgumentArity.ZeroOrOne };
        var top = new Option<int>("--top") { Description = "Features per label.", DefaultValueFactory = _ => 15 };
        var format = CommonOptions.Format("table", "table", "json");
        var command = new Command("explain", "List the most indicative words and phrases of each label of a model (the global view).") { model, top, format };
        command.SetAction(parse =>
        {
            string path = ModelLocator.Locate(parse.GetValue(model), console);
            using StanceClassifier classifier = StanceClassifier.Load(path);
            int count = parse.GetValue(top);
            var heads = classifier.Metadata.Heads.ToDictionary(h => h.Name, h => classifier.MostIndicativeFeatures(h.Name, count));
            if (parse.GetValue(format) == "json")
            {
                var buffer = new MemoryStream();
                using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
                {
                    json.WriteStartObject();
                    foreach ((string head, var labels) in heads)
                    {
                        json.WriteStartObject(head);
                        foreach ((string label, var features) in labels)
                        {
                            json.WriteStartArray(label);
                            foreach (IndicativeFeature feature in features)
                            {
                                json.WriteStartObject();
                                json.WriteString("feature", feature.Feature);
                                json.WriteString("kind", feature.Kind == FeatureKind.CharNgram ? "chars" : "words");
                                json.WriteNumber("weight", Math.Round(feature.Weight, 5));
                                json.WriteEndObject();
                            }

                            json.WriteEndArray();
                        }

                        json.WriteEndObject();
                    }

                    json.WriteEndObject();
                }

                console.Out.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
                return StanceCli.Success;
            }

            IAnsiConsole output = Terminal.Out(console);
            foreach ((string head, var labels) in heads)
            {
                var table = new Table().Border(TableBorder.Simple).Title($"{head}: most indicative features per label (weight above the other labels' mean)");
                foreach (string label in labels.Keys)
                {
                    table.AddColumn(Markup.Escape(label));
                }

                for (int row = 0; row < count; row++)
                {
                    table.AddRow(labels.Values.Select(features => row < features.Count
                        ? Markup.Escape($"{Name(features[row])} {features[row].Weight.ToString("0.00", CultureInfo.InvariantCulture)}")
                        : string.Empty).ToArray());
                }

                output.Write(table);
            }

            return StanceCli.Success;
        });
        return command;
    }

    private static string Name(IndicativeFeature feature) => feature.Kind == FeatureKind.CharNgram ? $"\"{feature.Feature}\"" : feature.Feature;
}
