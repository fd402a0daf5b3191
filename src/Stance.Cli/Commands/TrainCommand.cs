using System.CommandLine;
using Spectre.Console;
using Stance.Cli.Output;
using Stance.Training;
using Stance.Training.Data;
using Stance.Training.Pipeline;

namespace Stance.Cli.Commands;

/// <summary><c>stance train</c>: cross-validate, choose, fit and write a model.</summary>
internal static class TrainCommand
{
    public static Command Create(CliConsole console)
    {
        var data = new Option<string>("--data", "-d") { Description = "The labeled CSV file to train on.", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "Where to write the model file (written atomically).", Required = true };
        var textColumn = CommonOptions.TextColumn();
        var stanceColumn = CommonOptions.StanceColumn();
        var sentimentColumn = CommonOptions.SentimentColumn();
        var seed = new Option<int>("--seed") { Description = "Random seed: the same data and seed give the same model and metrics.", DefaultValueFactory = _ => 1 };
        var folds = new Option<int>("--folds") { Description = "Cross-validation folds.", DefaultValueFactory = _ => 5 };
        var noSelect = new Option<bool>("--no-select") { Description = "Skip model selection: train the default recipe of the tier." };
        var tier = new Option<string>("--tier") { Description = "Which candidates compete: fast (n-grams), accurate (n-grams + sentence embeddings) or all.", DefaultValueFactory = _ => "all" };
        tier.AcceptOnlyFromAmong("all", Tiers.Fast, Tiers.Accurate);
        var labels = new Option<string[]>("--labels")
        {
            Description = "Expected labels, refused otherwise: 'a,b,c' for a one-head model, or 'stance=a,b,c' / 'sentiment=x,y' (repeatable).",
            AllowMultipleArgumentsPerToken = false,
        };
        var strict = new Option<bool>("--strict") { Description = "Refuse rows with an empty text instead of skipping them." };
        var normalize = new Option<bool>("--normalize-labels") { Description = "Fold labels to lower case with hyphens ('Pro Engagement' = 'pro-engagement') instead of refusing such variants." };
        var delimiter = CommonOptions.Delimiter();
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Do not report progress on standard error." };

        var command = new Command("train", "Train a model from a labeled CSV file, with k-fold cross-validation and model selection.")
        {
            data, output, textColumn, stanceColumn, sentimentColumn, seed, folds, noSelect, tier, labels, strict, normalize, delimiter, quiet,
        };
        command.SetAction(parse =>
        {
            string? stance = parse.GetValue(stanceColumn);
            string? sentiment = parse.GetValue(sentimentColumn);
            var heads = new List<HeadColumn>
            {
                new("stance", stance ?? "stance", stance is not null),
                new("sentiment", sentiment ?? "sentiment", sentiment is not null),
            };
            var options = new TrainingOptions
            {
                DataPath = console.Resolve(parse.GetValue(data)!),
                OutputPath = console.Resolve(parse.GetValue(output)!),
                Seed = parse.GetValue(seed),
                Folds = parse.GetValue(folds),
                Select = !parse.GetValue(noSelect),
                Tier = parse.GetValue(tier)!,
                Data = new DatasetOptions
                {
                    TextColumn = parse.GetValue(textColumn)!,
                    HeadColumns = heads,
                    Format = CommonOptions.ParseDelimiter(parse.GetValue(delimiter)!),
                    ExpectedLabels = ParseLabels(parse.GetValue(labels) ?? [], heads),
                    Strict = parse.GetValue(strict),
                    NormalizeLabels = parse.GetValue(normalize),
                },
            };
            return Run(options, parse.GetValue(quiet), console);
        });
        return command;
    }

    public static int Run(TrainingOptions options, bool quiet, CliConsole console)
    {
        IAnsiConsole error = Terminal.Error(console);
        var progress = new SynchronousProgress(message =>
        {
            if (!quiet)
            {
                error.MarkupLine($"[grey]{Markup.Escape(message)}[/]");
            }
        });
        TrainingResult result = ModelTrainer.Train(options, progress);

        IAnsiConsole output = Terminal.Out(console);
        ReportRenderer.Candidates(output, result.Metadata.Selection);
        output.MarkupLine($"[bold]{result.Metadata.Folds}-fold cross-validation[/] of the chosen model ({Markup.Escape(result.Metadata.Features.Describe())}), {result.Metadata.TrainingData.RowCount} rows, seed {result.Metadata.Seed}:");
        foreach (HeadMetadata head in result.Metadata.Heads)
        {
            ReportRenderer.Report(output, $"{head.Name} ({head.Trainer.Describe()})", head.CrossValidation);
        }

        foreach (string note in result.Notes)
        {
            error.MarkupLine($"[yellow]{Markup.Escape(note)}[/]");
        }

        output.MarkupLine($"wrote {Markup.Escape(options.OutputPath)} ({result.Metadata.Tier} tier, {(result.CompiledScorer ? "compiled scorer" : "ML.NET scorer")})");
        return StanceCli.Success;
    }

    /// <summary>Parses <c>--labels</c> values: <c>head=a,b</c>, or <c>a,b</c> when only one head can be meant.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ParseLabels(string[] values, IReadOnlyList<HeadColumn> heads)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>();
        foreach (string value in values)
        {
            int equals = value.IndexOf('=');
            string head;
            string list;
            if (equals > 0)
            {
                head = value[..equals].Trim();
                list = value[(equals + 1)..];
                if (heads.All(h => h.Head != head))
                {
                    throw new StanceException($"--labels {value}: unknown head '{head}' (use stance= or sentiment=)");
                }
            }
            else
            {
                // A plain list is for the one head the file turns out to have (see DatasetOptions.AnyHead).
                IReadOnlyList<HeadColumn> named = heads.Where(h => h.Explicit).ToList();
                head = named.Count == 1 ? named[0].Head : DatasetOptions.AnyHead;
                list = value;
            }

            result[head] = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        }

        return result;
    }
}

/// <summary>An <see cref="IProgress{T}"/> that reports on the calling thread, in order.</summary>
internal sealed class SynchronousProgress(Action<string> report) : IProgress<string>
{
    private readonly object _gate = new();

    public void Report(string value)
    {
        lock (_gate)
        {
            report(value);
        }
    }
}
