using System.CommandLine;
using Stance.IO.Csv;

namespace Stance.Cli.Commands;

/// <summary>Options shared by several commands, created fresh for each command.</summary>
internal static class CommonOptions
{
    public static Option<string?> Model() => new("--model", "-m")
    {
        Description = $"The model file. Default: {ModelLocator.DefaultRelativePath} in the current directory or a parent, else beside the executable.",
    };

    public static Option<string> TextColumn() => new("--text-column")
    {
        Description = "The CSV column holding the statements.",
        DefaultValueFactory = _ => "text",
    };

    public static Option<string?> StanceColumn() => new("--stance-column")
    {
        Description = "The CSV column holding stance labels (default: stance; the head is skipped when the default column is absent).",
    };

    public static Option<string?> SentimentColumn() => new("--sentiment-column")
    {
        Description = "The CSV column holding sentiment labels (default: sentiment; the head is skipped when the default column is absent).",
    };

    public static Option<string> Delimiter() => new("--delimiter")
    {
        Description = "The CSV field separator: a single character, or 'tab'. Default: comma. Stance never guesses another one.",
        DefaultValueFactory = _ => ",",
    };

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

    public static CsvFormat ParseDelimiter(string value) => value switch
    {
        "tab" or "\\t" or "\t" => new CsvFormat('\t'),
        { Length: 1 } when value[0] is not ('"' or '\r' or '\n') && value[0] < 128 => new CsvFormat(value[0]),
        _ => throw new StanceException($"--delimiter must be one ASCII character (or 'tab'), not '{value}'"),
    };
}
