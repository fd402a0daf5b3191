using System.Text.Json;
using Stance.Tests.Support;
using Stance.IO.Csv;

namespace Stance.Tests;

[Collection(SmallModelCollection.Name)]
public sealed class CliTests(SmallModelFixture model) : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Train_prints_cross_validation_results_and_writes_the_model()
    {
        string output = _directory.File("trained.zip");

        CommandLine.Result result = CommandLine.Run(_directory.Path, "train", "--data", model.DataPath, "--out", output, "--no-select", "--folds", "3", "--quiet");

        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(output));
        Assert.Contains("3-fold cross-validation", result.Output);
        Assert.Contains("stance (lbfgs-me", result.Output);
        Assert.Contains("macro-F1", result.Output);
        Assert.Contains("true \\ predicted", result.Output);
        Assert.Contains("pro-engagement", result.Output);
        Assert.Empty(Directory.GetFiles(_directory.Path, "*.tmp"));
    }

    [Fact]
    public void A_mistyped_option_is_the_one_error_reported_with_the_option_it_may_mean()
    {
        string input = _directory.Write("quotes.csv", "text\nKeep the channels open.\n");

        CommandLine.Result result = CommandLine.Run(_directory.Path, "classify", "--model", model.ModelPath, "--input", input, "--min-confidnce", "0.6");

        Assert.Equal(2, result.ExitCode);
        string[] lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(["stance: error: unknown option '--min-confidnce' (did you mean --min-confidence?); to classify a text that starts with '-', put it after --", "Run 'stance classify --help' for usage."], lines);
        Assert.Empty(result.Output);
    }

    [Theory]
    [InlineData("--out")]
    [InlineData("--output")]
    [InlineData("-o")]
    public void Classify_takes_the_output_file_under_the_name_every_other_command_uses(string option)
    {
        string input = _directory.Write("quotes.csv", "text\nKeep the channels open.\n");
        string output = _directory.File($"classified{option}.csv");

        CommandLine.Result result = CommandLine.Run(_directory.Path, "classify", "--model", model.ModelPath, "--input", input, option, output, "--quiet");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(2, File.ReadAllLines(output).Length);
    }

    [Fact]
    public void Train_learns_the_labels_of_any_column_and_skips_absent_heads()
    {
        string data = _directory.Write("favor.csv", "tweet,label\n" + string.Join('\n', Enumerable.Range(0, 45).Select(i => $"\"{(i % 3 == 0 ? "I support this" : i % 3 == 1 ? "I oppose that" : "weather today")} number {i}\",{(i % 3 == 0 ? "favor" : i % 3 == 1 ? "against" : "none")}")));
        string output = _directory.File("favor.zip");

        CommandLine.Result train = CommandLine.Run(_directory.Path, "train", "--data", data, "--out", output, "--text-column", "tweet", "--stance-column", "label", "--no-select", "--quiet");
        CommandLine.Result info = CommandLine.Run(_directory.Path, "info", "--model", output, "--format", "json");

        Assert.Equal(0, train.ExitCode);
        using JsonDocument json = JsonDocument.Parse(info.Output);
        JsonElement head = Assert.Single(json.RootElement.GetProperty("heads").EnumerateArray());
        Assert.Equal("stance", head.GetProperty("name").GetString());
        Assert.Equal(["against", "favor", "none"], head.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
    }

    [Fact]
    public void Evaluate_reports_metrics_as_a_table_and_as_json()
    {
        CommandLine.Result table = CommandLine.Run(_directory.Path, "evaluate", "--model", model.ModelPath, "--data", model.DataPath);
        CommandLine.Result json = CommandLine.Run(_directory.Path, "evaluate", "--model", model.ModelPath, "--data", model.DataPath, "--format", "json");

        Assert.Equal(0, table.ExitCode);
        Assert.Contains("accuracy", table.Output);
        Assert.Contains("precision", table.Output);
        using JsonDocument document = JsonDocument.Parse(json.Output);
        JsonElement stance = document.RootElement.GetProperty("heads").GetProperty("stance");
        Assert.InRange(stance.GetProperty("macro_f1").GetDouble(), 0.5, 1.0);
        Assert.Equal(3, stance.GetProperty("confusion_matrix").GetArrayLength());
    }

    [Fact]
    public void Classify_accepts_quotes_as_arguments_in_every_format()
    {
        string[] quotes = ["We must keep the sanctions until Pyongyang disarms.", "Let us talk to them now."];

        CommandLine.Result table = CommandLine.Run(_directory.Path, ["classify", "--model", model.ModelPath, .. quotes]);
        CommandLine.Result csv = CommandLine.Run(_directory.Path, ["classify", "--model", model.ModelPath, "--format", "csv", .. quotes]);
        CommandLine.Result jsonl = CommandLine.Run(_directory.Path, ["classify", "--model", model.ModelPath, "--format", "jsonl", .. quotes]);

        Assert.Equal(0, table.ExitCode);
        Assert.Contains("Let us talk to them now.", table.Output);
        string[] lines = csv.Output.TrimEnd().Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("text,stance,stance_confidence,sentiment,sentiment_confidence,stance_p_pro-engagement", lines[0]);
        string[] json = jsonl.Output.TrimEnd().Split('\n');
        Assert.Equal(2, json.Length);
        using JsonDocument first = JsonDocument.Parse(json[0]);
        Assert.Equal(quotes[0], first.RootElement.GetProperty("text").GetString());
        Assert.Equal(3, first.RootElement.GetProperty("stance_probabilities").EnumerateObject().Count());
    }

    [Fact]
    public void Classify_reads_lines_from_standard_input()
    {
        CommandLine.Result result = CommandLine.RunWithInput(_directory.Path, "Talks now.\n\nSanctions forever.\n", "classify", "--model", model.ModelPath, "--format", "csv");

        string[] lines = result.Output.TrimEnd().Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.EndsWith("empty text", lines[2].TrimEnd('\r'));
    }

    [Fact]
    public void Info_shows_the_metadata()
    {
        CommandLine.Result result = CommandLine.Run(_directory.Path, "info", "--model", model.ModelPath);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("sample.csv", result.Output);
        Assert.Contains(model.Result.Metadata.TrainingData.Sha256, result.Output);
        Assert.Contains("compiled", result.Output);
    }

    [Fact]
    public void Without_model_the_default_is_found_in_the_root_of_the_repository_you_are_in()
    {
        string nested = Path.Combine(_directory.Path, "a", "b");
        Directory.CreateDirectory(nested);
        Directory.CreateDirectory(Path.Combine(_directory.Path, ".git"));
        Directory.CreateDirectory(Path.Combine(_directory.Path, "models"));
        File.Copy(model.ModelPath, Path.Combine(_directory.Path, "models", "stance.zip"));

        CommandLine.Result result = CommandLine.Run(nested, "info");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(Path.Combine(_directory.Path, "models", "stance.zip"), result.Output);
    }

    [Fact]
    public void A_model_planted_in_a_parent_folder_outside_any_repository_is_not_used()
    {
        // As in a shared temporary folder: models/stance.zip two levels up, no repository between.
        string nested = Path.Combine(_directory.Path, "shared", "work");
        Directory.CreateDirectory(nested);
        Directory.CreateDirectory(Path.Combine(_directory.Path, "models"));
        File.Copy(model.ModelPath, Path.Combine(_directory.Path, "models", "stance.zip"));

        CommandLine.Result result = CommandLine.Run(nested, "info");

        Assert.DoesNotContain(Path.Combine(_directory.Path, "models", "stance.zip"), result.Output);
    }

    [Fact]
    public void A_missing_default_model_names_the_places_searched()
    {
        CommandLine.Result result = CommandLine.Run(_directory.Path, "classify", "anything");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no default model found", result.Error);
        Assert.Contains(Path.Combine(_directory.Path, "models", "stance.zip"), result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public void Usage_errors_exit_with_code_2()
    {
        CommandLine.Result result = CommandLine.Run(_directory.Path, "train", "--data", "x.csv");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--out", result.Error);
    }

    [Fact]
    public void Verbose_shows_the_stack_trace()
    {
        CommandLine.Result quiet = CommandLine.Run(_directory.Path, "info", "--model", _directory.File("none.zip"));
        CommandLine.Result verbose = CommandLine.Run(_directory.Path, "info", "--model", _directory.File("none.zip"), "--verbose");

        Assert.Equal(1, quiet.ExitCode);
        Assert.Single(quiet.Error.TrimEnd().Split('\n'));
        Assert.Contains("model file not found", quiet.Error);
        Assert.Contains("   at ", verbose.Error);
    }
}
