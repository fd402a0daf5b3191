using Stance.Tests.Support;
using Stance.Training;

namespace Stance.Tests;

/// <summary>
/// <c>train</c> refuses, before any work, what would destroy its input or waste hours: an output
/// that is the data under another name, a bad output path, more folds than rows, a free-text
/// column taken as labels.
/// </summary>
public sealed class TrainingGuardTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void The_model_is_never_written_over_the_training_data_under_any_name()
    {
        string data = _directory.Write("data.csv", "text,stance\na,x\nb,y\n");
        string link = _directory.File("link.csv");
        File.CreateSymbolicLink(link, data);
        string linkedDirectory = _directory.File("linked");
        Directory.CreateSymbolicLink(linkedDirectory, _directory.Path);

        foreach (string output in new[] { data, link, Path.Combine(linkedDirectory, "data.csv") })
        {
            CommandLine.Result result = CommandLine.Run(_directory.Path, "train", "--data", data, "--out", output);
            Assert.Equal(2, result.ExitCode);
            Assert.Contains("--out must not be a --data file", result.Error);

            var error = Assert.Throws<StanceException>(() => ModelTrainer.Train(new TrainingOptions { DataPath = data, OutputPath = output }));
            Assert.Contains("is the training data file", error.Message);
        }

        Assert.Equal("text,stance\na,x\nb,y\n", File.ReadAllText(data));
    }

    [Fact]
    public void A_bad_output_path_is_refused_before_the_data_is_read()
    {
        // The data file does not even exist: the output is checked first.
        string data = _directory.File("absent.csv");
        foreach ((string output, string problem) in new[]
        {
            (_directory.File("missing/model.zip"), "does not exist"),
            (_directory.Path, "is a directory"),
            (_directory.File(new string('m', 300) + ".zip"), "the file name is too long"),
        })
        {
            var error = Assert.Throws<StanceException>(() => ModelTrainer.Train(new TrainingOptions { DataPath = data, OutputPath = output }));
            Assert.Contains(problem, error.Message);
            CommandLine.Result result = CommandLine.Run(_directory.Path, "train", "--data", data, "--out", output);
            Assert.Equal(2, result.ExitCode);
            Assert.Contains(problem, result.Error);
        }
    }

    [Fact]
    public void More_folds_than_rows_are_refused_before_training()
    {
        string data = _directory.Write("small.csv", "text,stance\n" + string.Concat(Enumerable.Range(0, 12).Select(i => $"text number {i},{(i % 2 == 0 ? "yes" : "no")}\n")));
        CommandLine.Result result = CommandLine.Run(_directory.Path, "train", "--data", data, "--out", _directory.File("m.zip"), "--folds", "20", "--no-select", "--tier", "fast");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("stance: error: 20 cross-validation folds for 12 rows: there can be at most one fold per row (--folds)", result.Error.TrimEnd());
        Assert.False(File.Exists(_directory.File("m.zip")));
    }

    [Fact]
    public void A_free_text_column_given_as_labels_is_refused_without_comparing_every_pair()
    {
        // Before: 262 s of pairwise edit distances on a real corpus before "only 1 example".
        string data = _directory.Write("free.csv", "text\n" + string.Concat(Enumerable.Range(0, 20_000).Select(i => $"a statement about talks and sanctions number {i}\n")));
        CommandLine.Result result = CommandLine.Run(_directory.Path, "train", "--data", data, "--out", _directory.File("m.zip"), "--stance-column", "text");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("the column has 20,000 different labels (a label column has at most 1,000); is it a text column? (choose the column with --stance-column)", result.Error);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
    }
}
