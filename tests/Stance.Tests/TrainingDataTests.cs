using Stance.Tests.Support;
using Stance.IO.Csv;

namespace Stance.Tests;

/// <summary>Training data that would give a wrong model silently is refused, with the rows to fix.</summary>
public sealed class TrainingDataTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void A_misspelled_label_is_refused_naming_both_labels_and_the_row()
    {
        string data = Labeled(("skeptical", 20), ("pro-pressure", 20), ("Skeptcal", 1));

        CommandLine.Result result = Train(data);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{data}:42 (column 'stance'): labels 'Skeptcal' (line 42) and 'skeptical' (20 rows) differ by one or two letters", result.Error);
    }

    [Theory]
    [InlineData("Skeptical ")]
    [InlineData("SKEPTICAL")]
    public void A_label_differing_in_case_or_spaces_is_refused_unless_normalized(string variant)
    {
        string data = Labeled(("skeptical", 20), ("pro-pressure", 20), (variant, 5));

        CommandLine.Result refused = Train(data);
        CommandLine.Result normalized = Train(data, "--normalize-labels");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("differ only in case, spaces or separators", refused.Error);
        Assert.Contains("--normalize-labels", refused.Error);
        Assert.Equal(0, normalized.ExitCode);
    }

    [Fact]
    public void Separator_variants_are_one_label_once_normalized()
    {
        string data = Labeled(("pro-engagement", 12), ("Pro Engagement", 10), ("pro_pressure", 20));

        CommandLine.Result refused = Train(data);
        CommandLine.Result normalized = Train(data, "--normalize-labels");
        CommandLine.Result info = CommandLine.Run(_directory.Path, "info", "--model", _directory.File("m.zip"), "--format", "json");

        Assert.Contains("labels 'Pro Engagement' (lines 14, 15, 16, 17, 18 and 5 more) and 'pro-engagement' (12 rows)", refused.Error);
        Assert.Equal(0, normalized.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(info.Output);
        Assert.Equal(["pro-engagement", "pro-pressure"], json.RootElement.GetProperty("heads")[0].GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
    }

    [Fact]
    public void A_label_outside_the_expected_set_is_refused()
    {
        string data = Labeled(("skeptical", 20), ("pro-pressure", 20), ("neutral", 6));

        CommandLine.Result result = Train(data, "--labels", "skeptical,pro-pressure");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("label 'neutral' is not one of the expected labels (skeptical, pro-pressure); it is on lines 42, 43, 44, 45, 46 and 1 more", result.Error);
    }

    [Fact]
    public void A_label_with_fewer_than_five_examples_is_refused()
    {
        string data = Labeled(("skeptical", 20), ("pro-pressure", 20), ("mixed", 4));

        CommandLine.Result result = Train(data);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("label 'mixed' has only 4 example(s) (lines 42, 43, 44, 45); each label needs at least 5", result.Error);
    }

    [Fact]
    public void The_same_text_with_conflicting_labels_is_reported_with_its_rows()
    {
        string data = _directory.Write("conflict.csv", "id,text,stance\n" + Rows(("skeptical", 20), ("pro-pressure", 20)) + "c1,\"Same words here.\",skeptical\nc2,\"Same  words here.\",pro-pressure\n");

        CommandLine.Result result = Train(data);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("warning: the same text has different stance labels: id c1 (skeptical), id c2 (pro-pressure)", result.Error);
    }

    [Fact]
    public void Empty_texts_are_skipped_and_counted_or_refused_with_strict()
    {
        string data = _directory.Write("empty.csv", "id,text,stance\n" + Rows(("skeptical", 20), ("pro-pressure", 20)) + "e1,\"\",skeptical\ne2,\"  \",skeptical\n");

        CommandLine.Result lenient = Train(data);
        CommandLine.Result strict = Train(data, "--strict");

        Assert.Equal(0, lenient.ExitCode);
        Assert.Contains("skipped 2 row(s) with an empty text", lenient.Error);
        Assert.Equal(1, strict.ExitCode);
        Assert.Contains($"{data}:42 (column 'text'): empty text (--strict refuses rows without text)", strict.Error);
    }

    [Fact]
    public void An_explicit_label_column_that_is_absent_is_an_error_listing_the_columns()
    {
        string data = Labeled(("skeptical", 20), ("pro-pressure", 20));

        CommandLine.Result result = Train(data, "--stance-column", "position");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{data}:1 (column 'position'): no such column; the columns are: id, text, stance (choose the column with --stance-column)", result.Error);
    }

    [Fact]
    public void A_failed_training_leaves_an_existing_model_untouched()
    {
        string previous = _directory.Write("m.zip", "previous model");
        string data = Labeled(("skeptical", 20), ("pro-pressure", 20), ("Skeptcal", 1));

        CommandLine.Result result = Train(data);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("previous model", File.ReadAllText(previous));
        Assert.Empty(Directory.GetFiles(_directory.Path, "*.tmp"));
    }

    private CommandLine.Result Train(string data, params string[] extra) =>
        CommandLine.Run(_directory.Path, ["train", "--data", data, "--out", _directory.File("m.zip"), "--no-select", "--folds", "2", "--quiet", .. extra]);

    private string Labeled(params (string Label, int Count)[] groups) =>
        _directory.Write(Guid.NewGuid().ToString("N") + ".csv", "id,text,stance\n" + Rows(groups));

    private static string Rows(params (string Label, int Count)[] groups)
    {
        var builder = new System.Text.StringBuilder();
        int id = 0;
        foreach ((string label, int count) in groups)
        {
            for (int i = 0; i < count; i++)
            {
                id++;
                builder.Append($"r{id},\"{label.Trim()} statement number {id} about talks and sanctions\",{label}\n");
            }
        }

        return builder.ToString();
    }
}
