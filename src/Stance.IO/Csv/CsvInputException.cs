namespace Stance.IO.Csv;

/// <summary>
/// A CSV file that cannot be used as it is. The message names the file, the line and the column
/// where the problem is, so the user can open the file and fix it.
/// </summary>
public sealed class CsvInputException : StanceException
{
    public CsvInputException(string path, long line, string? column, string problem, Exception? innerException = null)
        : base(Format(path, line, column, problem), innerException ?? new FormatException(problem))
    {
        Path = path;
        Line = line;
        Column = column;
    }

    public string Path { get; }

    /// <summary>1-based line number, or 0 when the problem concerns the whole file.</summary>
    public long Line { get; }

    /// <summary>The column (header name) at fault, or null.</summary>
    public string? Column { get; }

    /// <summary>
    /// <c>PATH:LINE (column 'C'): problem</c>, the form of every error about a line of a CSV file
    /// (without the line when it is 0, without the column when it is null).
    /// </summary>
    public static string Format(string path, long line, string? column, string problem)
    {
        string where = line > 0 ? $"{path}:{line}" : path;
        if (column is not null)
        {
            where += $" (column '{column}')";
        }

        return $"{where}: {problem}";
    }
}
