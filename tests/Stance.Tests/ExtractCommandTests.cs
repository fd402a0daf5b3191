using System.Text;
using System.Text.Json;
using Stance.Tests.Support;
using Stance.IO.Csv;

namespace Stance.Tests;

/// <summary><c>stance extract</c>: an article in, its statements classified out, in every format.</summary>
[Collection(SmallModelCollection.Name)]
public sealed class ExtractCommandTests(SmallModelFixture model) : IDisposable
{
    private const string Article = """
        Envoy Urges Patience on North Korea

        "Talks are the only way to cap the arsenal," said Mara Lindholm, a senior fellow at the Oakridge Institute. "Pressure alone has failed for two decades."

        Lindholm said the administration should offer a freeze-for-freeze deal.

        Sen. Colin Ashby, a member of the Armed Services Committee, disagreed. "Sanctions must stay until Pyongyang dismantles its program," he said.
        """;

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Table_lists_every_statement_then_a_summary_per_speaker()
    {
        string file = _directory.Write("article.txt", Article);

        CommandLine.Result result = CommandLine.Run(_directory.Path, "extract", file, "--model", model.ModelPath);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Talks are the only way to cap the arsenal. Pressure alone has failed for two decades.", result.Output);
        Assert.Contains("Sanctions must stay until Pyongyang dismantles its program", result.Output);
        Assert.Contains("per speaker", result.Output);
        string summary = result.Output[result.Output.IndexOf("per speaker", StringComparison.Ordinal)..];
        string lindholm = summary.Split('\n').Single(line => line.Contains("Mara Lindholm", StringComparison.Ordinal));
        Assert.Contains("a senior fellow at the Oakridge Institute", lindholm);
        Assert.Contains(" 2 ", lindholm);
        Assert.Matches("(pro-engagement|pro-pressure|skeptical) [12]", lindholm);
        string ashby = summary.Split('\n').Single(line => line.Contains("Colin Ashby", StringComparison.Ordinal));
        Assert.Contains("Senator, a member of the Armed Services Committee", ashby);
    }

    [Fact]
    public void Csv_has_the_documented_fields_and_one_row_per_statement()
    {
        string file = _directory.Write("article.txt", Article);

        CommandLine.Result result = CommandLine.Run(_directory.Path, "extract", file, "--model", model.ModelPath, "--format", "csv");

        Assert.Equal(0, result.ExitCode);
        using CsvTableReader reader = CsvTableReader.Open(_directory.Write("out.csv", result.Output), CsvFormat.Default);
        Assert.Equal(["speaker", "role", "text", "kind", "start", "end", "stance", "stance_confidence", "sentiment", "sentiment_confidence", "article", "title", "date", "outlet"], reader.Columns);
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.Columns.Count).Select(reader.GetString).ToArray());
        }

        Assert.Equal(["Mara Lindholm", "Mara Lindholm", "Colin Ashby"], rows.Select(r => r[0]));
        Assert.Equal(["direct", "reported", "direct"], rows.Select(r => r[3]));
        Assert.Equal("the administration should offer a freeze-for-freeze deal.", rows[1][2]);
        string text = File.ReadAllText(file);
        Assert.StartsWith("Sanctions must stay", text[int.Parse(rows[2][4])..int.Parse(rows[2][5])]);
        Assert.All(rows, r => Assert.InRange(double.Parse(r[7], System.Globalization.CultureInfo.InvariantCulture), 0.0, 1.0));
        Assert.All(rows, r => Assert.Contains(r[8], new[] { "negative", "neutral", "positive" }));
    }

    [Fact]
    public void Jsonl_has_the_documented_fields_with_a_null_role_when_none_is_given()
    {
        string file = _directory.Write("article.txt", "“Deterrence is holding,” Ivo Marek said.\n\n“It will hold,” a senior official said.\n");

        CommandLine.Result result = CommandLine.Run(_directory.Path, "extract", file, "--model", model.ModelPath, "--format", "jsonl");

        Assert.Equal(0, result.ExitCode);
        string[] lines = result.Output.TrimEnd().Split('\n');
        Assert.Equal(2, lines.Length);
        using JsonDocument first = JsonDocument.Parse(lines[0]);
        JsonElement root = first.RootElement;
        Assert.Equal(["speaker", "role", "text", "kind", "start", "end", "stance", "stance_confidence", "sentiment", "sentiment_confidence", "article", "title", "date", "outlet"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Ivo Marek", root.GetProperty("speaker").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("role").ValueKind);
        Assert.Equal("Deterrence is holding", root.GetProperty("text").GetString());
        Assert.Equal("direct", root.GetProperty("kind").GetString());
        Assert.Equal(1, root.GetProperty("start").GetInt32());
        Assert.InRange(root.GetProperty("stance_confidence").GetDouble(), 0.0, 1.0);
    }

    [Fact]
    public void A_dash_reads_the_article_from_standard_input()
    {
        CommandLine.Result result = CommandLine.RunWithInput(_directory.Path, Article, "extract", "-", "--model", model.ModelPath, "--format", "csv");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(4, result.Output.TrimEnd().Split('\n').Length);
    }

    [Fact]
    public void An_article_without_statements_says_so()
    {
        string file = _directory.Write("plain.txt", "North Korea fired two missiles on Tuesday.\n");

        CommandLine.Result table = CommandLine.Run(_directory.Path, "extract", file, "--model", model.ModelPath);
        CommandLine.Result csv = CommandLine.Run(_directory.Path, "extract", file, "--model", model.ModelPath, "--format", "csv");

        Assert.Equal(0, table.ExitCode);
        Assert.Contains("No statements found.", table.Output);
        Assert.Single(csv.Output.TrimEnd().Split('\n'));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \n\n\t\n")]
    public void Empty_input_is_an_error_naming_the_file(string content)
    {
        string file = _directory.Write("empty.txt", content);

        CommandLine.Result result = CommandLine.Run(_directory.Path, "extract", file, "--model", model.ModelPath);
        CommandLine.Result stdin = CommandLine.RunWithInput(_directory.Path, content, "extract", "-", "--model", model.ModelPath);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("stance: error: empty.txt: empty input; no article text to extract statements from", result.Error.TrimEnd());
        Assert.Equal(1, stdin.ExitCode);
        Assert.Contains("standard input: empty input", stdin.Error);
    }

    [Fact]
    public void Binary_input_is_an_error_naming_the_file()
    {
        string file = _directory.Write("model.bin", [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00]);

        CommandLine.Result result = CommandLine.Run(_directory.Path, "extract", file, "--model", model.ModelPath);

        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
        Assert.Contains("model.bin: binary data, or UTF-16 text without a byte order mark (a NUL byte) at byte offset 4", result.Error);
    }

    [Fact]
    public void Text_that_is_not_utf8_is_an_error_naming_the_file_and_offset()
    {
        string file = _directory.Write("latin1.txt", Encoding.Latin1.GetBytes("Caf\u00e9 talks, said Ana Lund."));

        CommandLine.Result result = CommandLine.Run(_directory.Path, "extract", file, "--model", model.ModelPath);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("latin1.txt: invalid UTF-8 (byte 0xE9) at byte offset 3", result.Error);
    }

    [Fact]
    public void A_missing_file_is_an_error()
    {
        CommandLine.Result result = CommandLine.Run(_directory.Path, "extract", "nowhere.txt", "--model", model.ModelPath);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("nowhere.txt: no such file or folder", result.Error);
    }

    [Fact]
    public void A_byte_order_mark_is_not_part_of_the_article()
    {
        string file = _directory.Write("bom.txt", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("“Hold the line,” said Ana Lund.")]);

        CommandLine.Result result = CommandLine.Run(_directory.Path, "extract", file, "--model", model.ModelPath, "--format", "jsonl");

        using JsonDocument json = JsonDocument.Parse(result.Output);
        Assert.Equal(1, json.RootElement.GetProperty("start").GetInt32());
        Assert.Equal("Hold the line", json.RootElement.GetProperty("text").GetString());
    }
}
