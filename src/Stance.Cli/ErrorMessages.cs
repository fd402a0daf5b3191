namespace Stance.Cli;

/// <summary>
/// Turns the libraries' structured errors into messages that name this tool's own flags: the
/// libraries say which of their settings a problem is about (<see cref="StanceException.Setting"/>),
/// never a flag.
/// </summary>
internal static class ErrorMessages
{
    public static string Describe(StanceException error) => error.Setting switch
    {
        "TextColumn" => $"{error.Message} (choose the column with --text-column)",
        "StanceColumn" => $"{error.Message} (choose the column with --stance-column)",
        "SentimentColumn" => $"{error.Message} (choose the column with --sentiment-column)",
        "HeadColumns" => $"{error.Message} (choose them with --stance-column or --sentiment-column)",
        "Delimiter" => $"{error.Message}; pass --delimiter {Quote(error.Suggestion)}",
        "Strict" => $"{error.Message} (--strict refuses rows without text)",
        "NormalizeLabels" => $"{error.Message}; fix the file, or pass --normalize-labels to fold case and separators",
        "ExpectedLabels" => $"{error.Message}; write --labels stance=a,b,c or --labels sentiment=x,y",
        "Folds" => $"{error.Message} (--folds)",
        "OutputPath" => $"{error.Message} (--out)",
        _ => error.Message,
    };

    private static string Quote(string? value) => value switch
    {
        null => "CHAR",
        "tab" => "tab",
        _ when value.Length == 1 && char.IsLetterOrDigit(value[0]) => value,
        _ => $"'{value}'",
    };
}
