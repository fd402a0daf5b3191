using System.CommandLine;
using Spectre.Console;
using Stance.Cli.Output;
using Stance.IO.Files;
using Stance.Training;
using Stance.Training.Data;
using Stance.Training.Pipeline;

namespace Stance.Cli.Commands;

/// <summary>What <c>stance train</c> was asked to do: the training library's options and how to report.</summary>
internal sealed record TrainOptions(TrainingOptions Training, bool Quiet);

/// <summary><c>stance train</c>: cross-validate, choose, fit and write a model.</summary>
internal sealed class TrainCommand : StanceCommand<TrainOptions>
{
    private readonly Option<string[]> _data;
    private readonly Option<string> _output;
    private readonly Option<string?> _textColumn = CommonOptions.TextColumn("text");
    private readonly Option<string?> _stanceColumn = CommonOptions.StanceColumn();
    private readonly Option<string?> _sentimentColumn = CommonOptions.SentimentColumn();
    private readonly Option<int> _seed = new("--seed") { Description = "Random seed: the same data and seed give the same model and metrics.", DefaultValueFactory = _ => 1 };
    private readonly Option<int> _folds = new Option<int>("--folds") { Description = "Cross-validation folds (2 to 50, and at most the number of rows).", DefaultValueFactory = _ => 5 }.InRange(2, 50);
    private readonly Option<bool> _noSelect = new("--no-select") { Description = "Skip model selection: train the default recipe of the tier." };
    private readonly Option<string> _tier = new("--tier") { Description = "Which candidates compete: fast (n-grams), accurate (n-grams + sentence embeddings) or all; ensemble trains an accurate and a fast model and packs them into one that averages them (the kind of models/stance.zip).", DefaultValueFactory = _ => "all" };
    private readonly Option<string[]> _labels = new("--labels")
    {
        Description = "Expected labels, refused otherwise: 'a,b,c' for a one-head model, or 'stance=a,b,c' / 'sentiment=x,y' (repeatable).",
        AllowMultipleArgumentsPerToken = false,
    };
    private readonly Option<string[]> _labelMap = CommonOptions.LabelMap("before training");
    private readonly Option<bool> _strict = new("--strict") { Description = "Refuse rows with an empty text instead of skipping them." };
    private readonly Option<bool> _normalize = new("--normalize-labels") { Description = "Fold labels to lower case with hyphens ('Pro Engagement' = 'pro-engagement') instead of refusing such variants." };
    private readonly Option<string> _delimiter = CommonOptions.Delimiter();
    private readonly Option<bool> _quiet = new("--quiet", "-q") { Description = "Do not report progress on standard error." };

    public TrainCommand(CliConsole console)
        : base(
            "train",
            "Train a model from a labeled CSV file, with k-fold cross-validation and model selection.",
            console,
            "stance train --data data/statements.csv --out models/my-model.zip",
            "stance train --data data/statements.csv --out fast.zip --tier fast --no-select",
            "stance train --data data/statements.csv --data my-labels.csv --out mine.zip --tier ensemble",
            "stance train --data tweets.csv --out t.zip --stance-column label --labels favor,against,none",
            "stance train --data data/statements.csv --data my-labels.csv --label-map favor=pro-engagement,against=pro-pressure --out mine.zip")
    {
        _data = new Option<string[]>("--data", "-d") { Description = "A labeled CSV file to train on; repeat to train on several at once (each checked the same way).", Required = true, AllowMultipleArgumentsPerToken = false };
        _output = new Option<string>("--out", "--output", "-o") { Description = "Where to write the model file (written atomically).", Required = true }.IsWritablePath(console);
        _tier.AcceptOnlyFromAmong("all", Tiers.Fast, Tiers.Accurate, Tiers.Ensemble);
        foreach (Option option in new Option[] { _data, _output, _textColumn, _stanceColumn, _sentimentColumn, _seed, _folds, _noSelect, _tier, _labels, _labelMap, _strict, _normalize, _delimiter, _quiet })
        {
            Add(option);
        }

        _labels.Validators.Add(result =>
        {
            foreach (string value in result.GetValueOrDefault<string[]>() ?? [])
            {
                int equals = value.IndexOf('=');
                string head = equals > 0 ? value[..equals].Trim() : string.Empty;
                if (equals > 0 && head is not (HeadNames.Stance or HeadNames.Sentiment))
                {
                    result.AddError($"--labels {value}: unknown head '{head}' (use stance= or sentiment=)");
                }
            }
        });
        Validators.Add(result =>
        {
            string? output = result.GetValue(_output);
            foreach (string data in result.GetValue(_data) ?? [])
            {
                if (output is not null && FileStatus.SameFile(console.Resolve(data), console.Resolve(output)))
                {
                    result.AddError("--out must not be a --data file (the model would overwrite the training data)");
                }
            }
        });
    }

    protected override TrainOptions Bind(ParseResult parse)
    {
        string? stance = parse.GetValue(_stanceColumn);
        string? sentiment = parse.GetValue(_sentimentColumn);
        var heads = new List<HeadColumn>
        {
            new(HeadNames.Stance, stance ?? HeadNames.Stance, stance is not null),
            new(HeadNames.Sentiment, sentiment ?? HeadNames.Sentiment, sentiment is not null),
        };
        string[] data = parse.GetValue(_data)!;
        IReadOnlyDictionary<string, string> labelMap = CommonOptions.ParseLabelMap(parse.GetValue(_labelMap));

        var training = new TrainingOptions
        {
            DataPath = Console.Resolve(data[0]),
            MoreData = data.Skip(1).Select(Console.Resolve).ToList(),
            OutputPath = Console.Resolve(parse.GetValue(_output)!),
            Seed = parse.GetValue(_seed),
            Folds = parse.GetValue(_folds),
            Select = !parse.GetValue(_noSelect),
            Tier = parse.GetValue(_tier)!,
            Data = new DatasetOptions
            {
                TextColumn = parse.GetValue(_textColumn) ?? "text",
                HeadColumns = heads,
                Format = CommonOptions.ParseDelimiter(parse.GetValue(_delimiter)!),
                ExpectedLabels = ParseLabels(parse.GetValue(_labels) ?? [], heads),
                Strict = parse.GetValue(_strict),
                NormalizeLabels = parse.GetValue(_normalize),
                LabelMap = labelMap,
            },
        };
        return new TrainOptions(training, parse.GetValue(_quiet));
    }

    public override int Run(TrainOptions options, CancellationToken cancellationToken) => Run(options.Training with { CancellationToken = cancellationToken }, options.Quiet, Console);

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
        ModelMetadata metadata = result.Metadata;
        if (metadata.Members is { } members)
        {
            foreach (ModelMember member in members)
            {
                output.MarkupLine($"member {Markup.Escape(member.Entry)} (weight {member.Weight:0.###}, {Markup.Escape(member.Features)}): {Markup.Escape(string.Join(", ", member.Heads.Select(h => $"{h.Name} macro-F1 {h.MacroF1:0.000} ({h.Trainer})")))}");
            }

            output.MarkupLine($"[bold]{metadata.Folds}-fold cross-validation[/] of the ensemble (the weighted mean of the members' out-of-fold probabilities), {metadata.TrainingData.RowCount} rows, seed {metadata.Seed}:");
        }
        else
        {
            ReportRenderer.Candidates(output, metadata.Selection);
            output.MarkupLine($"[bold]{metadata.Folds}-fold cross-validation[/] of the chosen model ({Markup.Escape(metadata.Features.Describe())}), {metadata.TrainingData.RowCount} rows, seed {metadata.Seed}:");
        }

        foreach (HeadMetadata head in metadata.Heads)
        {
            ReportRenderer.Report(output, head.Trainer is null ? head.Name : $"{head.Name} ({head.Trainer.Describe()})", head.CrossValidation!);
        }

        foreach (string note in result.Notes)
        {
            error.MarkupLine($"[yellow]{Markup.Escape(note)}[/]");
        }

        if (metadata.TrainingData.SkippedRows > 0)
        {
            error.MarkupLine("[yellow](--strict refuses rows without text)[/]");
        }

        output.MarkupLine($"wrote {Markup.Escape(options.OutputPath)} ({metadata.Tier} tier, {(result.CompiledScorer ? "compiled scorer" : "ML.NET scorer")})");
        return StanceCli.Success;
    }

    /// <summary>Parses validated <c>--labels</c> values: <c>head=a,b</c>, or <c>a,b</c> when only one head can be meant.</summary>
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
