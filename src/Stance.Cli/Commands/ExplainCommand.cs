using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Stance.Cli.Output;
using Stance.Serialization;

namespace Stance.Cli.Commands;

/// <summary>What <c>stance explain</c> was asked to show.</summary>
internal sealed record ExplainOptions(string ModelPath, int Top, string Format);

/// <summary><c>stance explain</c>: the most indicative features of each label over the whole model.</summary>
internal sealed class ExplainCommand : StanceCommand<ExplainOptions>
{
    private readonly Option<string?> _model;
    private readonly Option<int> _top = new Option<int>("--top") { Description = "Features per label.", DefaultValueFactory = _ => 15 }.InRange(1, 10_000);
    private readonly Option<string> _format = CommonOptions.Format("table", "table", "json");

    public ExplainCommand(CliConsole console)
        : base(
            "explain",
            "List the most indicative words and phrases of each label of a model (the global view; classify --explain explains one quote).",
            console,
            "stance explain",
            "stance explain --model models/stance-fast.zip --top 30 --format json")
    {
        _model = CommonOptions.Model(console);
        Add(_model);
        Add(_top);
        Add(_format);
    }

    protected override ExplainOptions Bind(ParseResult parse) => new(ModelLocator.Locate(parse.GetValue(_model), Console), parse.GetValue(_top), parse.GetValue(_format)!);

    public override int Run(ExplainOptions options, CancellationToken cancellationToken)
    {
        using StanceClassifier classifier = StanceClassifier.Load(options.ModelPath);
        var heads = classifier.Heads.ToDictionary(h => h.Name, h => classifier.MostIndicativeFeatures(h.Name, options.Top));
        if (options.Format == "json")
        {
            var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            {
                ClassificationJson.WriteIndicative(json, heads);
            }

            Console.Out.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            return StanceCli.Success;
        }

        IAnsiConsole output = Terminal.Out(Console);
        foreach ((string head, var labels) in heads)
        {
            var table = new Table().Border(TableBorder.Simple).Title($"{head}: most indicative features per label (weight above the other labels' mean)");
            foreach (string label in labels.Keys)
            {
                table.AddColumn(Markup.Escape(label));
            }

            for (int row = 0; row < options.Top; row++)
            {
                table.AddRow(labels.Values.Select(features => row < features.Count
                    ? Markup.Escape($"{Shown(features[row])} {features[row].Weight.ToString("0.00", CultureInfo.InvariantCulture)}")
                    : string.Empty).ToArray());
            }

            output.Write(table);
        }

        return StanceCli.Success;
    }

    private static string Shown(IndicativeFeature feature) => feature.Kind == FeatureKind.CharNgram ? $"\"{feature.Feature}\"" : feature.Feature;
}
