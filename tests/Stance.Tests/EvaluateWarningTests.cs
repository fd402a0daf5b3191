using Stance.Tests.Support;

namespace Stance.Tests;

/// <summary><c>stance evaluate</c> says, on one line, when it is scoring the model on its own training data (known by the SHA-256 in the model).</summary>
[Collection(SmallModelCollection.Name)]
public sealed class EvaluateWarningTests(SmallModelFixture model) : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Evaluating_on_the_training_file_warns_on_one_line()
    {
        CommandLine.Result result = CommandLine.Run(_directory.Path, "evaluate", "--model", model.ModelPath, "--data", model.DataPath);

        Assert.Equal(0, result.ExitCode);
        string warning = Assert.Single(result.Error.TrimEnd().Split('\n'));
        Assert.StartsWith("stance: warning: sample.csv is the file this model was trained on (same SHA-256)", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluating_on_other_rows_does_not_warn()
    {
        string other = Corpus.Sample(_directory, "other.csv", 7);

        CommandLine.Result result = CommandLine.Run(_directory.Path, "evaluate", "--model", model.ModelPath, "--data", other);

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("warning", result.Error, StringComparison.Ordinal);
    }
}
