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
