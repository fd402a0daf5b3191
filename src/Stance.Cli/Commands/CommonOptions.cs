using System.CommandLine;
using Stance.IO.Csv;

namespace Stance.Cli.Commands;

/// <summary>Options shared by several commands, created fresh for each command, with the same names and meaning everywhere.</summary>
internal static class CommonOptions
{
    public static Option<string?> Model(CliConsole console) => new Option<string?>("--model", "-m")
    {
        Description = $"The model file. Default: {ModelLocator.DefaultRelativePath} of the repository you are in, else the one beside the stance executable.",
    };

    public static Option<string?> TextColumn(string defaultDescription) => new("--text-column")
    {
        Description = $"The CSV column holding the statements (default: {defaultDescription}).",
    };

    public static Option<string?> StanceColumn() => new("--stance-column")
    {
        Description = "The CSV column holding stance labels (default: stance; the head is skipped when the default column is absent).",
    };

    public static Option<string?> SentimentColumn() => new("--sentiment-column")
    {
        Description = "The CSV column holding sentiment labels (default: sentiment; the head is skipped when the default column is absent).",
    };

    public static Option<string> Delimiter() => new Option<string>("--delimiter")
    {
        Description = "The CSV field separator: a single character, or 'tab'. Default: comma. Stance never guesses another one.",
        DefaultValueFactory = _ => ",",
    }.IsDelimiter();

    public static Option<string> Format(string defaultValue, params string[] values)
    {
        var option = new Option<string>("--format", "-f")
        {
            Description = $"Output format: {string.Join(", ", values)}.",
            DefaultValueFactory = _ => defaultValue,
        };
        option.AcceptOnlyFromAmong(values);
        return option;
    }

    public static Option<bool> Quiet() => new("--quiet", "-q") { Description = "No progress bar or summary on standard error." };

    /// <summary><c>--label-map a=b,c=d</c> (repeatable), validated: folds a file's label names into the model's.</summary>
    public static Option<string[]> LabelMap(string when)
    {
        var option = new Option<string[]>("--label-map")
        {
            Description = $"Fold your label names into the model's {when}: 'favor=pro-engagement,against=pro-pressure' (repeatable; for every head).",
            AllowMultipleArgumentsPerToken = false,
        };
        option.Validators.Add(result =>
        {
            foreach (string value in result.GetValueOrDefault<string[]>() ?? [])
            {
                if (TryParseLabelMap(value, out _) is { } problem)
                {
                    result.AddError($"--label-map {value}: {problem}");
                }
            }
        });
        return option;
    }

    /// <summary>The pairs of validated <c>--label-map</c> values, later values winning.</summary>
    public static IReadOnlyDictionary<string, string> ParseLabelMap(string[]? values)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string value in values ?? [])
        {
            TryParseLabelMap(value, out Dictionary<string, string> pairs);
            foreach ((string from, string to) in pairs)
            {
                map[from] = to;
            }
        }

        return map;
    }

    /// <summary>Parses a <c>--label-map</c> value (<c>a=b,c=d</c>); returns what is wrong with it, or null.</summary>
    public static string? TryParseLabelMap(string value, out Dictionary<string, string> pairs)
    {
        pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string pair in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            string[] parts = pair.Split('=', StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
            {
                return $"'{pair}' is not from=to";
            }

            if (!pairs.TryAdd(parts[0], parts[1]))
            {
                return $"'{parts[0]}' is mapped twice";
            }
        }

        return pairs.Count == 0 ? "no from=to pairs" : null;
    }

    /// <summary>The CSV format of a <c>--delimiter</c> value, or null when it is not one.</summary>
    public static CsvFormat? TryParseDelimiter(string value) => value switch
    {
        "tab" or "\\t" or "\t" => new CsvFormat('\t'),
        { Length: 1 } when value[0] is not ('"' or '\r' or '\n') && value[0] < 128 => new CsvFormat(value[0]),
        _ => null,
    };

    /// <summary>The CSV format of a validated <c>--delimiter</c> value.</summary>
    public static CsvFormat ParseDelimiter(string value) => TryParseDelimiter(value) ?? throw new InvalidOperationException($"unvalidated delimiter '{value}'");
}
