using System.Text;
using Stance.Tests.Support;

namespace Stance.Tests;

/// <summary>Every bad CSV gives a one-line error naming the file, line and column, exit code 1, no output file.</summary>
[Collection(SmallModelCollection.Name)]
public sealed class CsvErrorTests(SmallModelFixture model) : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("unterminated", "id,text\n1,\"abc\n2,def\n", ":2 (column 'text'): a quoted field is never closed")]
    [InlineData("stray-quote", "id,text\n1,ab\"c\n", ":2 (column 'text'): a quote inside an unquoted field")]
    [InlineData("text-after-quote", "id,text\n1,\"ab\"c\n", ":2 (column 'text'): text after the closing quote")]
    [InlineData("field-count", "id,text\n1,a\n2,b,c\n", ":3: the record has 3 fields where the header has 2")]
    [InlineData("empty", "", ": the file is empty; a header row naming the columns is expected")]
    [InlineData("header-only", "id,text\n", ": the file has a header but no data rows")]
    [InlineData("missing-column", "id,quote\n1,abc\n", ":1 (column 'text'): no such column; the columns are: id, quote (choose the column with --text-column)")]
    [InlineData("duplicate-column", "id,text,text\n1,a,b\n", ":1 (column 'text'): the header names this column twice (columns 2 and 3)")]
    [InlineData("semicolons", "id;text\n1;abc\n", ":1: the header has a single column 'id;text': the file looks semicolon-separated, not comma-separated; pass --delimiter ';'")]
    [InlineData("tabs", "id\ttext\n1\tabc\n", ":1: the header has a single column 'id\ttext': the file looks tab-separated, not comma-separated; pass --delimiter tab")]
    [InlineData("nul-near-the-start", "id,text\n1,a\n2,b\0c\n", ":3: binary data (a NUL byte at offset 15), not text")]
    public void Bad_csv_input_is_refused_with_file_line_and_column(string name, string content, string expected)
    {
        string input = _directory.Write(name + ".csv", content);
        string output = _directory.File(name + ".out.csv");

        CommandLine.Result result = CommandLine.Run(_directory.Path, "classify", "--model", model.ModelPath, "--input", input, "--output", output, "--quiet");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"stance: error: {input}{expected}", result.Error.TrimEnd().Split('\n')[0][..$"stance: error: {input}{expected}".Length]);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(_directory.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void Invalid_utf8_is_refused_naming_the_line_and_column()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("id,text\n1,fine\n2,ab"), 0xFF, 0xFE, .. Encoding.UTF8.GetBytes("c\n")];
        string input = _directory.Write("latin.csv", bytes);

        CommandLine.Result result = CommandLine.Run(_directory.Path, "classify", "--model", model.ModelPath, "--input", input, "--output", _directory.File("o.csv"), "--quiet");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"stance: error: {input}:3 (column 'text'): invalid UTF-8 bytes", result.Error);
    }

    [Fact]
    public void A_nul_byte_far_into_the_file_is_refused_naming_the_line_and_column_not_classified()
    {
        // The first bytes are checked when the file is opened; a NUL past them is caught by the field.
        string content = "id,text\n" + string.Concat(Enumerable.Range(0, 3000).Select(i => $"{i},talks number {i}\n")) + "3000,ab\0cd\n";
        string input = _directory.Write("late-nul.csv", content);
        string output = _directory.File("late-nul.out.csv");

        CommandLine.Result result = CommandLine.Run(_directory.Path, "classify", "--model", model.ModelPath, "--input", input, "--output", output, "--quiet");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"stance: error: {input}:3002 (column 'text'): binary data (a NUL byte), not text", result.Error.Trim());
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Another_delimiter_is_used_when_given()
    {
        string input = _directory.Write("semi.csv", "id;text\n1;\"We must talk; now.\"\n");
        string output = _directory.File("semi.out.csv");

        CommandLine.Result result = CommandLine.Run(_directory.Path, "classify", "--model", model.ModelPath, "--input", input, "--output", output, "--delimiter", ";", "--quiet");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("id;text;stance;stance_confidence", File.ReadAllText(output));
    }

    [Fact]
    public void A_one_megabyte_field_mixed_line_endings_and_a_bom_are_read()
    {
        var content = new StringBuilder("\uFEFFid,text\r\n1,\"").Append('x', 1_000_000).Append("\"\n2,\"short, quoted\"\r\n3,plain");
        string input = _directory.Write("big.csv", content.ToString());
        string output = _directory.File("big.out.csv");

        CommandLine.Result result = CommandLine.Run(_directory.Path, "classify", "--model", model.ModelPath, "--input", input, "--output", output, "--quiet");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(4, File.ReadAllText(output).TrimEnd().Split("\r\n").Length);
    }

    [Fact]
    public void Training_data_errors_name_the_file_line_and_column()
    {
        string input = _directory.Write("train.csv", "text,stance\nabc,x\n\"a, \"\"quoted\"\" b\n");

        CommandLine.Result result = CommandLine.Run(_directory.Path, "train", "--data", input, "--out", _directory.File("m.zip"));

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"stance: error: {input}:3 (column 'text'): a quoted field is never closed", result.Error);
    }
}
