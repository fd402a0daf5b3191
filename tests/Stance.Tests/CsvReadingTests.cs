using System.Text;
using Stance.Tests.Support;
using Stance.IO.Csv;
using Stance.Training.Data;

namespace Stance.Tests;

public sealed class CsvReadingTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Quoted_fields_keep_commas_quotes_and_newlines()
    {
        string path = _directory.Write("q.csv", "id,text\n1,\"talks, not threats\"\n2,\"he said \"\"never\"\" twice\"\n3,\"line one\nline two\"\n");

        List<string> texts = Corpus.Column(path, "text");

        Assert.Equal(["talks, not threats", "he said \"never\" twice", "line one\nline two"], texts);
    }

    [Fact]
    public void Byte_order_mark_and_mixed_line_endings_are_read_transparently()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("id,text\r\n1,alpha\n2,beta\r\n3,gamma")];
        string path = _directory.Write("bom.csv", bytes);

        using CsvTableReader reader = CsvTableReader.Open(path, CsvFormat.Default);

        Assert.Equal(["id", "text"], reader.Columns);
        Assert.Equal(["alpha", "beta", "gamma"], Corpus.Column(path, "text"));
    }

    [Fact]
    public void Line_numbers_count_lines_inside_quoted_fields()
    {
        string path = _directory.Write("lines.csv", "id,text\n1,\"a\nb\nc\"\n2,d\n");
        using CsvTableReader reader = CsvTableReader.Open(path, CsvFormat.Default);

        Assert.True(reader.Read());
        Assert.Equal(2, reader.Line);
        Assert.True(reader.Read());
        Assert.Equal(5, reader.Line);
    }

    [Fact]
    public void Another_delimiter_is_read_when_given()
    {
        string path = _directory.Write("semi.csv", "id;text\n1;\"a; b\"\n");

        using CsvTableReader reader = CsvTableReader.Open(path, new CsvFormat(';'));

        Assert.True(reader.Read());
        Assert.Equal("a; b", reader.GetString(reader.RequireColumn("text", "--text-column")));
    }

    [Fact]
    public void Labels_are_learned_from_any_label_column_in_ordinal_order()
    {
        var rows = new StringBuilder("tweet,label\n");
        string[] labels = ["none", "favor", "against"];
        for (int i = 0; i < 30; i++)
        {
            rows.Append(Corpus.Quote($"text number {i}")).Append(',').Append(labels[i % 3]).Append('\n');
        }

        string path = _directory.Write("tweets.csv", rows.ToString());

        LabeledDataset dataset = DatasetLoader.Load(path, new DatasetOptions
        {
            TextColumn = "tweet",
            HeadColumns = [new HeadColumn("stance", "label", Explicit: true), new HeadColumn("sentiment", "sentiment", Explicit: false)],
        });

        HeadData head = Assert.Single(dataset.Heads);
        Assert.Equal("stance", head.Name);
        Assert.Equal(["against", "favor", "none"], head.Labels);
        Assert.Equal(30, dataset.Examples.Count);
    }
}
