namespace Stance.IO.Csv;

/// <summary>How Stance reads and writes CSV files: RFC 4180, UTF-8, a header row.</summary>
/// <param name="Delimiter">The field separator. Comma by default; Stance never guesses another one silently.</param>
public sealed record CsvFormat(char Delimiter = ',')
{
    public static CsvFormat Default { get; } = new();

    /// <summary>A readable name for the delimiter, for messages.</summary>
    public static string Describe(char delimiter) => delimiter switch
    {
        ',' => "comma",
        ';' => "semicolon",
        '\t' => "tab",
        '|' => "pipe",
        _ => $"'{delimiter}'",
    };

    /// <summary>The option value a user would type for the delimiter.</summary>
    public static string OptionValue(char delimiter) => delimiter == '\t' ? "tab" : delimiter.ToString();
}
