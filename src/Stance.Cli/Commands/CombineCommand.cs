using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Stance.Cli.Output;
using Stance.IO.Files;
using Stance.Training;

namespace Stance.Cli.Commands;

/// <summary>What <c>stance combine</c> was asked to do.</summary>
internal sealed record CombineCommandOptions(CombineOptions Combine, bool Quiet);

/// <summary><c>stance combine</c>: pack existing models into one ensemble model file that averages their probabilities.</summary>
internal sealed class CombineCommand : StanceCommand<CombineCommandOptions>
{
    private readonly Option<string[]> _models = new("--model", "-m")
    {
        Description = "A model file to include (repeat: 2 to 8 single models with the same heads and labels, trained on the same data; an ensemble cannot be a member).",
        Required = true,
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<string?> _weights = new("--weight", "-w")
    {
        Description = "The members' weights in the mean of their probabilities, in --model order: '0.5,0.5' (positive, summing to 1). Default: equal weights.",
    };

    private readonly Option<string?> _data = new("--data", "-d")
    {
        Description = "The members' training data: cross-validates each member's recorded configuration again on the same folds and records the ensemble's own cross-validation (minutes for an accurate-tier member). Without it, only the members' cross-validation is recorded.",
    };

    private readonly Option<string> _output;
    private readonly Option<bool> _quiet = CommonOptions.Quiet();

    public CombineCommand(CliConsole console)
        : base(
            "combine",
            "Pack existing model files into one ensemble model that scores each of them and averages their probabilities (the members are stored whole, unchanged, and checked at load).",
            console,
            "stance combine --model accurate.zip --model models/stance-fast.zip --out models/stance.zip",
            "stance combine -m a.zip -m b.zip --weight 0.7,0.3 --data data/statements.csv --out ab.zip")
    {
        _output = new Option<string>("--out", "--output", "-o") { Description = "Where to write the ensemble model file (written atomically; not one of the --model files).", Required = true }.IsWritablePath(console);
        foreach (Option option in new Option[] { _models, _weights, _data, _output, _quiet })
        {
            Add(option);
        }

        _models.Validators.Add(result =>
        {
            int count = result.GetValueOrDefault<string[]>()?.Length ?? 0;
            if (count is < 2 or > 8)
            {
                result.AddError($"--model must be given 2 to 8 times (got {count})");
            }
        });
        _weights.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && ParseWeights(result.GetValueOrDefault<string?>()!, out _) is { } problem)
            {
                result.AddError($"--weight {result.GetValueOrDefault<string?>()}: {problem}");
            }
        });
        Validators.Add(result =>
        {
            string[] models = result.GetValue(_models) ?? [];
            if (result.GetValue(_weights) is { } text && ParseWeights(text, out double[] weights) is null && ModelCombiner.WeightProblem(weights, models.Length) is { } problem)
            {
                result.AddError($"--weight {text}: {problem}");
            }

            string? output = result.GetValue(_output);
            if (output is not null && models.Any(m => FileStatus.SameFile(console.Resolve(m), console.Resolve(output))))
            {
                result.AddError("--out must not be a --model file (the ensemble would overwrite its member)");
            }
        });
    }

    protected override CombineCommandOptions Bind(ParseResult parse)
    {
        double[]? weights = null;
        if (parse.GetValue(_weights) is { } text)
        {
            ParseWeights(text, out double[] parsed);
            weights = parsed;
        }

        var combine = new CombineOptions
        {
            ModelPaths = parse.GetValue(_models)!.Select(Console.Resolve).ToList(),
            Weights = weights,
            OutputPath = Console.Resolve(parse.GetValue(_output)!),
            DataPath = parse.GetValue(_data) is { } data ? Console.Resolve(data) : null,
        };
        return new CombineCommandOptions(combine, parse.GetValue(_quiet));
    }

    public override int Run(CombineCommandOptions options, CancellationToken cancellationToken)
    {
        IAnsiConsole error = Terminal.Error(Console);
        var progress = new SynchronousProgress(message =>
        {
            if (!options.Quiet)
            {
                error.MarkupLine($"[grey]{Markup.Escape(message)}[/]");
            }
        });
        ModelMetadata metadata = ModelCombiner.Combine(options.Combine with { CancellationToken = cancellationToken }, progress);

        IAnsiConsole output = Terminal.Out(Console);
        ReportRenderer.Metadata(output, options.Combine.OutputPath, metadata, "compiled where the members have a compiled scorer");
        output.MarkupLine($"wrote {Markup.Escape(options.Combine.OutputPath)} (ensemble of {metadata.Members!.Count} models)");
        return StanceCli.Success;
    }

    /// <summary>Parses <c>0.5,0.5</c>; returns what is wrong with it, or null.</summary>
    private static string? ParseWeights(string text, out double[] weights)
    {
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
        weights = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out weights[i]))
            {
                return $"'{parts[i]}' is not a number";
            }
        }

        return null;
    }
}
