using Stance.Tests.Support;
using Stance.IO.Csv;

namespace Stance.Tests;

/// <summary>Whatever the text, each input row gives exactly one output row.</summary>
[Collection(SmallModelCollection.Name)]
public sealed class ClassificationInputTests(SmallModelFixture model) : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    public static TheoryData<string, string, bool> Texts => new()
    {
        { "empty", string.Empty, false },
        { "whitespace", " \t  ", false },
        { "one megabyte", string.Concat(Enumerable.Repeat("sanctions talks regime ", 45_000)), true },
        { "control characters", "Keep\u0000 the\u0007 channel\u001b open\u0001", true },
        { "another script", "북한과의 대화는 계속되어야 한다. 制裁は続けるべきだ。", true },
        { "emoji", "Talks 🙂 now 🕊️ please", true },
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Every_text_gives_one_result(string name, string text, bool classified)
    {
        using StanceClassifier classifier = StanceClassifier.Load(model.ModelPath);

        Classification result = Assert.Single(classifier.ClassifyMany([text]));

        Assert.True(classified == (result.Error is null), $"{name}: error '{result.Error}'");
        Assert.True(classified == (result.Stance is not null), $"{name}: stance {result.Stance?.Label}");
    }

    [Fact]
    public void A_csv_of_awkward_texts_gives_one_output_row_per_input_row()
    {
        var lines = new List<string> { "id,text" };
        int id = 0;
        foreach (object[] row in Texts)
        {
            // In a file a NUL byte is binary data, refused with its line (CsvErrorTests); the other
            // control characters are text.
            lines.Add($"{id++},{Corpus.Quote(((string)row[1]).Replace("\0", string.Empty, StringComparison.Ordinal))}");
        }

        string input = _directory.Write("awkward.csv", string.Join('\n', lines));
        string output = _directory.File("awkward.out.csv");

        CommandLine.Result result = CommandLine.Run(_directory.Path, "classify", "--model", model.ModelPath, "--input", input, "--output", output, "--quiet");

        Assert.Equal(0, result.ExitCode);
        using CsvTableReader reader = CsvTableReader.Open(output, CsvFormat.Default);
        int error = reader.RequireColumn("error", "-");
        var errors = new List<string>();
        while (reader.Read())
        {
            errors.Add(reader.GetString(error));
        }

        Assert.Equal(["empty text", "empty text", string.Empty, string.Empty, string.Empty, string.Empty], errors);
    }
}
