using Stance.IO.Csv;
using Stance.Tests.Support;

namespace Stance.Tests;

/// <summary><c>stance extract</c> over many inputs: folders, HTML pages, a manifest, speakers resolved across articles, unreadable files skipped.</summary>
[Collection(SmallModelCollection.Name)]
public sealed class ExtractManyArticlesTests(SmallModelFixture model) : IDisposable
{
    public const string First = """
        Analysts Weigh Sanctions

        "Sanctions must stay until Pyongyang dismantles its program," said Bruce Klingner, a senior researcher at the Heritage Foundation.

        Mara Lindholm, a senior fellow at the Oakridge Institute, said talks are the only way to cap the arsenal.
        """;

    public const string Page = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <title>Envoy Pushes for Talks | The Harbour Ledger</title>
        <meta property="og:site_name" content="The Harbour Ledger">
        <meta property="og:title" content="Envoy Pushes for Talks">
        <meta property="article:published_time" content="2026-03-14T09:30:00-05:00">
        </head><body>
        <nav><a href="/">Home</a> <a href="/world">World</a></nav>
        <article>
        <h1>Envoy Pushes for Talks</h1>
        <p>The special envoy arrived in Seoul on Monday for two days of meetings with allied officials about the stalled negotiations.</p>
        <p>"Pressure alone will not bring them back to the table," Klingner said in an interview on Monday, adding that the allies should coordinate more closely.</p>
        <p>Officials in Seoul said the visit was planned weeks ago and that no announcement was expected before the end of the month.</p>
        </article>
        <footer>Copyright The Harbour Ledger</footer>
        </body></html>
        """;

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void A_folder_of_text_and_pages_gives_one_row_per_statement_with_article_date_and_outlet()
    {
        Directory.CreateDirectory(_directory.File("articles/pages"));
        _directory.Write("articles/a-analysts.txt", First);
        _directory.Write("articles/pages/b-envoy.html", Page);
        _directory.Write("articles/.hidden.txt", First);
        string manifest = _directory.Write("articles/manifest.csv", "path,date,outlet\na-analysts.txt,2026-02-01,The Northgate Sentinel\n");

        CommandLine.Result result = CommandLine.Run(_directory.Path, "extract", "articles", "--manifest", manifest, "--model", model.ModelPath, "--format", "csv");

        Assert.Equal(0, result.ExitCode);
        List<Dictionary<string, string>> rows = Rows(result.Output);
        Assert.Equal(4, rows.Count);
        Assert.Equal(["articles/a-analysts.txt", "articles/a-analysts.txt", "articles/pages/b-envoy.html", "articles/pages/b-envoy.html"], rows.Select(r => r["article"]));
        Assert.Equal(["2026-02-01", "2026-02-01", "2026-03-14", "2026-03-14"], rows.Select(r => r["date"]));
        Assert.Equal(["The Northgate Sentinel", "The Northgate Sentinel", "The Harbour Ledger", "The Harbour Ledger"], rows.Select(r => r["outlet"]));
        Assert.Equal("Envoy Pushes for Talks", rows[2]["title"]);

        // "Klingner" in the page is the Bruce Klingner of the text file, with his full role.
        Assert.Equal("Bruce Klingner", rows[2]["speaker"]);
        Assert.Equal("a senior researcher at the Heritage Foundation", rows[2]["role"]);
        Assert.All(rows, r => Assert.Contains(r["stance"], new[] { "pro-engagement", "pro-pressure", "skeptical" }));
    }

    [Fact]
    public void An_unreadable_file_is_named_and_skipped_and_the_exit_code_says_so()
    {
        string good = _directory.Write("good.txt", First);
        string bad = _directory.Write("bad.txt", [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00]);

        CommandLine.Result result = CommandLine.Run(_directory.Path, "extract", bad, good, "--model", model.ModelPath, "--format", "csv");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("stance: warning: bad.txt: binary data", result.Error);
        Assert.Contains("1 of 2 inputs could not be read", result.Error);
        Assert.Equal(2, Rows(result.Output).Count);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("jsonl")]
    public void Output_writes_the_same_statements_as_standard_output_to_a_file(string format)
    {
        string good = _directory.Write("good.txt", First);
        string output = _directory.File($"statements.{format}");

        CommandLine.Result toFile = CommandLine.Run(_directory.Path, "extract", good, "--model", model.ModelPath, "--format", format, "--output", output);
        CommandLine.Result toStandardOutput = CommandLine.Run(_directory.Path, "extract", good, "--model", model.ModelPath, "--format", format);

        Assert.Equal(0, toFile.ExitCode);
        Assert.Empty(toFile.Output);
        Assert.Equal(toStandardOutput.Output, File.ReadAllText(output));
        Assert.Empty(Directory.GetFiles(_directory.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void Output_refuses_the_table_format_and_an_input_file_as_its_target()
    {
        string good = _directory.Write("good.txt", First);

        CommandLine.Result table = CommandLine.Run(_directory.Path, "extract", good, "--model", model.ModelPath, "--output", _directory.File("out.txt"));
        CommandLine.Result itself = CommandLine.Run(_directory.Path, "extract", good, "--model", model.ModelPath, "--format", "csv", "--output", good);

        Assert.Equal(2, table.ExitCode);
        Assert.StartsWith("stance: error: --output writes csv or jsonl; add --format csv (or jsonl)", table.Error, StringComparison.Ordinal);
        Assert.Equal(1, itself.ExitCode);
        Assert.Contains("is the input", itself.Error, StringComparison.Ordinal);
        Assert.Equal(First, File.ReadAllText(good));
    }

    [Fact]
    public void A_broken_manifest_is_an_error_before_any_article_is_read()
    {
        string good = _directory.Write("good.txt", First);
        string manifest = _directory.Write("manifest.csv", "path,day\ngood.txt,2026-01-01\n");

        CommandLine.Result result = CommandLine.Run(_directory.Path, "extract", good, "--manifest", manifest, "--model", model.ModelPath, "--format", "csv");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("stance: error: manifest.csv:1 (column 'day'): unknown column \"day\" (the columns are path, date, outlet and title)", result.Error.TrimEnd());
        Assert.Empty(result.Output);
    }

    internal static List<Dictionary<string, string>> Rows(string csv)
    {
        using CsvTableReader reader = CsvTableReader.Open(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv)), "output", CsvFormat.Default);
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read())
        {
            rows.Add(reader.Columns.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => reader.GetString(p.i)));
        }

        return rows;
    }
}
