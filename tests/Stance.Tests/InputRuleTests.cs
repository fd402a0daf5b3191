using System.Text;
using Stance.IO.Csv;
using Stance.Tests.Support;

namespace Stance.Tests;

/// <summary>
/// Inputs follow one rule everywhere and stay bounded: blank lines keep row alignment, a record
/// has a size limit, a huge header is read in linear time, UTF-16 only with its byte order mark,
/// re-classified files never repeat a column.
/// </summary>
[Collection(SmallModelCollection.Name)]
public sealed class InputRuleTests(SmallModelFixture model) : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void A_blank_line_in_a_one_column_file_is_an_empty_row_in_its_place()
    {
        string input = _directory.Write("single.csv", "text\nKeep talking.\n\nNo summit.\n");
        CommandLine.Result result = CommandLine.Run(_directory.Path, "classify", "--model", model.ModelPath, "--input", input, "--format", "csv", "--quiet");

        Assert.Equal(0, result.ExitCode);
        string[] rows = result.Output.TrimEnd().Split('\n');
        Assert.Equal(4, rows.Length);
        Assert.StartsWith("Keep talking.,", rows[1]);
        Assert.EndsWith("empty text", rows[2].TrimEnd('\r'));
        Assert.StartsWith("No summit.,", rows[3]);
    }

    [Fact]
    public void A_blank_line_in_a_file_of_several_columns_is_not_a_row()
    {
        using CsvTableReader reader = CsvTableReader.Open(_directory.Write("multi.csv", "id,text\n1,a\n\n2,b\n"), CsvFormat.Default);
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        Assert.Equal(["1", "2"], ids);
    }

    [Fact]
    public void A_record_longer_than_the_limit_is_refused_in_one_line()
    {
        string input = _directory.Write("big.csv", "id,text\n1,\"" + new string('a', CsvTableReader.MaxRecordBytes + 1000) + "\"\n");
        CommandLine.Result result = CommandLine.Run(_directory.Path, "classify", "--model", model.ModelPath, "--input", input, "--output", _directory.File("out.csv"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"stance: error: {input}:2: a record is longer than 16 MiB, the limit for one CSV record (is a quoted field left open?)", result.Error.TrimEnd());
        Assert.False(File.Exists(_directory.File("out.csv")));
    }

    [Fact]
    public void A_header_of_a_hundred_thousand_columns_is_read_and_a_repeated_name_found()
    {
        // Before: a quadratic duplicate check took 43 s for 100,000 columns; now a dictionary.
        string names = string.Join(',', Enumerable.Range(0, 100_000).Select(i => $"c{i}"));
        using (CsvTableReader reader = CsvTableReader.Open(_directory.Write("wide.csv", names + ",text\n" + string.Concat(Enumerable.Repeat("x,", 100_000)) + "hello\n"), CsvFormat.Default))
        {
            Assert.Equal(100_000, reader.RequireColumn("text", "TextColumn"));
            Assert.True(reader.Read());
            Assert.Equal("hello", reader.GetString(100_000));
        }

        var error = Assert.Throws<CsvInputException>(() => CsvTableReader.Open(_directory.Write("twice.csv", names + ",c0\n"), CsvFormat.Default));
        Assert.Contains("(columns 1 and 100001)", error.Message);
    }

    [Fact]
    public void Utf16_without_a_byte_order_mark_is_refused_by_every_command()
    {
        string csv = _directory.Write("u16.csv", Encoding.Unicode.GetBytes("id,text\n1,Keep the channels open.\n"));
        string article = _directory.Write("u16.txt", Encoding.Unicode.GetBytes("\"Talks are the only way,\" said Mara Lindholm, a senior fellow.\n"));

        CommandLine.Result classify = CommandLine.Run(_directory.Path, "classify", "--model", model.ModelPath, "--input", csv, "--format", "csv");
        CommandLine.Result extract = CommandLine.Run(_directory.Path, "extract", article, "--model", model.ModelPath);

        foreach (CommandLine.Result result in new[] { classify, extract })
        {
            Assert.Equal(1, result.ExitCode);
            // classify can tell UTF-16 from binary by its pattern of zero bytes; extract reads pages
            // and text alike and names both possibilities. Both refuse, in one line, saying why.
            Assert.Contains("UTF-16 text without a byte order mark", result.Error);
            Assert.Single(result.Error.TrimEnd().Split('\n'));
        }

        Assert.Equal(string.Empty, classify.Output);
    }

    [Fact]
    public void Utf16_with_a_byte_order_mark_is_read_by_every_command()
    {
        byte[] Utf16(string text) => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)];
        string csv = _directory.Write("bom.csv", Utf16("id,text\n1,Keep the channels open.\n"));
        string article = _directory.Write("bom.txt", Utf16("\"Talks are the only way to cap the arsenal,\" said Mara Lindholm, a senior fellow at the Oakridge Institute.\n"));

        CommandLine.Result classify = CommandLine.Run(_directory.Path, "classify", "--model", model.ModelPath, "--input", csv, "--format", "csv", "--quiet");
        CommandLine.Result extract = CommandLine.Run(_directory.Path, "extract", article, "--model", model.ModelPath, "--format", "csv");

        Assert.Equal(0, classify.ExitCode);
        Assert.StartsWith("1,Keep the channels open.,", classify.Output.Split('\n')[1]);
        Assert.Equal(0, extract.ExitCode);
        Assert.Contains("Mara Lindholm", extract.Output);
    }

    [Fact]
    public void Classifying_a_file_three_times_never_repeats_a_column_name()
    {
        string input = _directory.Write("quotes.csv", "text\nKeep talking.\n");
        for (int pass = 1; pass <= 3; pass++)
        {
            string output = _directory.File($"pass{pass}.csv");
            Assert.Equal(0, CommandLine.Run(_directory.Path, "classify", "--model", model.ModelPath, "--input", input, "--output", output, "--quiet").ExitCode);
            input = output;
        }

        string[] header = File.ReadLines(input).First().Split(',');
        Assert.Equal(header.Length, header.Distinct().Count());
        Assert.Contains("predicted2_stance", header);
    }
}
