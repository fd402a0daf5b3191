using Stance.Tests.Support;
using Stance.IO.Csv;

namespace Stance.Tests;

[Collection(SmallModelCollection.Name)]
public sealed class ClassifyOutputTests(SmallModelFixture model) : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Output_has_every_input_column_then_the_prediction_columns()
    {
        string input = _directory.Write("in.csv", "id,quote,source\n7,\"Keep talking, always.\",x\n8,\"\",y\n9,\"Never trust them.\",z\n");
        string output = _directory.File("out.csv");

        CommandLine.Result result = CommandLine.Run(_directory.Path, "classify", "--model", model.ModelPath, "--input", input, "--output", output, "--text-column", "quote", "--quiet");

        Assert.Equal(0, result.ExitCode);
        using CsvTableReader reader = CsvTableReader.Open(output, CsvFormat.Default);
        Assert.Equal(
            ["id", "quote", "source", "stance", "stance_confidence", "sentiment", "sentiment_confidence",
             "stance_p_pro-engagement", "stance_p_pro-pressure", "stance_p_skeptical",
             "sentiment_p_negative", "sentiment_p_neutral", "sentiment_p_positive", "error"],
            reader.Columns);
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.Columns.Count).Select(reader.GetString).ToArray());
        }

        Assert.Equal(["7", "8", "9"], rows.Select(r => r[0]));
        Assert.Equal("Keep talking, always.", rows[0][1]);
        Assert.Equal(string.Empty, rows[0][13]);
        Assert.Equal("empty text", rows[1][13]);
        Assert.Equal(string.Empty, rows[1][3]);
        Assert.Contains(rows[2][3], new[] { "pro-engagement", "pro-pressure", "skeptical" });
        double sum = rows[2][7..10].Sum(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1.0, sum, 3);
    }

    [Fact]
    public void Classifying_a_labeled_file_keeps_its_columns_and_prefixes_the_predictions()
    {
        string output = _directory.File("labeled-out.csv");

        CommandLine.Result result = CommandLine.Run(_directory.Path, "classify", "--model", model.ModelPath, "--input", model.DataPath, "--output", output, "--quiet");

        Assert.Equal(0, result.ExitCode);
        using CsvTableReader reader = CsvTableReader.Open(output, CsvFormat.Default);
        Assert.Equal("stance", reader.Columns[2]);
        Assert.Contains("predicted_stance", reader.Columns);
        int rows = 0;
        while (reader.Read())
        {
            rows++;
        }

        Assert.Equal(model.Result.Metadata.TrainingData.RowCount, rows);
    }

    [Fact]
    public void Min_confidence_marks_low_confidence_predictions_as_uncertain()
    {
        string input = _directory.Write("in.csv", "text\n\"Talks.\"\n\"Hmm.\"\n");
        string output = _directory.File("out.csv");

        CommandLine.Run(_directory.Path, "classify", "--model", model.ModelPath, "--input", input, "--output", output, "--min-confidence", "1", "--quiet");

        using CsvTableReader reader = CsvTableReader.Open(output, CsvFormat.Default);
        int stance = reader.RequireColumn("stance", "-");
        int confidence = reader.RequireColumn("stance_confidence", "-");
        int rows = 0;
        while (reader.Read())
        {
            rows++;
            Assert.Equal("uncertain", reader.GetString(stance));
            Assert.NotEqual(string.Empty, reader.GetString(confidence));
        }

        Assert.Equal(2, rows);
    }
}
