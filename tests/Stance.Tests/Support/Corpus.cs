using System.Globalization;
using System.Text;
using Stance.IO.Csv;

namespace Stance.Tests.Support;

/// <summary>Small labeled files cut from the shipped corpus, for tests that train.</summary>
internal static class Corpus
{
    /// <summary>Every <paramref name="step"/>-th row of the shipped corpus, as a CSV file with the same columns.</summary>
    public static string Sample(TempDirectory directory, string name, int step)
    {
        using CsvTableReader reader = CsvTableReader.Open(Repository.Corpus, CsvFormat.Default);
        var builder = new StringBuilder();
        builder.AppendLine(string.Join(',', reader.Columns));
        int row = 0;
        while (reader.Read())
        {
            if (row++ % step != 0)
            {
                continue;
            }

            builder.AppendLine(string.Join(',', Enumerable.Range(0, reader.Columns.Count).Select(i => Quote(reader.GetString(i)))));
        }

        return directory.Write(name, builder.ToString());
    }

    /// <summary>The texts of the shipped corpus, in file order.</summary>
    public static IEnumerable<string> Texts() => Column(Repository.Corpus, "text");

    /// <summary>The rows of a CSV file as column-to-value maps, read with the project's reader.</summary>
    public static List<Dictionary<string, string>> Rows(string path)
    {
        using CsvTableReader reader = CsvTableReader.Open(path, CsvFormat.Default);
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read())
        {
            rows.Add(reader.Columns.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => reader.GetString(x.i)));
        }

        return rows;
    }

    /// <summary>The values of one column of a CSV file, read with the project's reader.</summary>
    public static List<string> Column(string path, string column)
    {
        using CsvTableReader reader = CsvTableReader.Open(path, CsvFormat.Default);
        int index = reader.RequireColumn(column, "-");
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(index));
        }

        return values;
    }

    public static string Quote(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);
}
