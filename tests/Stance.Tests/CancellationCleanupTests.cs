using Microsoft.ML;
using Stance.Cli;
using Stance.MlNet;
using Stance.Tests.Support;

namespace Stance.Tests;

/// <summary>
/// What a signal does (it cancels the command's token; tests/faults.sh sends real SIGINT and
/// SIGTERM to the built CLI): the command stops, keeps the old target, leaves no temporary file
/// or ML.NET folder, prints one line and exits 130.
/// </summary>
[Collection(SmallModelCollection.Name)]
public sealed class CancellationCleanupTests(SmallModelFixture model) : IDisposable
{
    private const string Cancelled = "stance: cancelled; no output file was written (an existing one keeps its content)";

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Train_cancelled_during_cross_validation_keeps_the_old_model_and_leaves_nothing()
    {
        string output = _directory.Write("model.zip", "OLD");
        using var cancellation = new CancellationTokenSource();

        // Cancelled when training reports its first progress: deterministic, whatever the machine's speed.
        var error = new CancelOnWrite("cross-validating", cancellation);
        (int code, _) = Run(error, cancellation.Token, "train", "--data", model.DataPath, "--out", output, "--tier", "fast");

        Assert.Equal(StanceCli.Interrupted, code);
        Assert.Equal(Cancelled, error.ToString().TrimEnd().Split('\n')[^1]);
        Assert.Equal("OLD", File.ReadAllText(output));
        Assert.Empty(Directory.GetFiles(_directory.Path, ".stance-*"));
    }

    [Fact]
    public void Classify_cancelled_keeps_the_old_output_and_leaves_nothing()
    {
        string input = _directory.Write("quotes.csv", "text\n" + string.Concat(Enumerable.Repeat("Keep the channels open.\n", 5000)));
        string output = _directory.Write("out.csv", "OLD");
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        var error = new StringWriter();

        (int code, _) = Run(error, cancellation.Token, "classify", "--model", model.ModelPath, "--input", input, "--output", output);

        Assert.Equal(StanceCli.Interrupted, code);
        Assert.Equal(Cancelled, error.ToString().TrimEnd());
        Assert.Equal("OLD", File.ReadAllText(output));
        Assert.Empty(Directory.GetFiles(_directory.Path, ".stance-*"));
    }

    [Fact]
    public void Ml_net_temporary_files_go_to_a_folder_that_is_removed_after_use()
    {
        var ml = new MLContext(1);
        string path;
        using (MlNetTemporaryFolder folder = MlNetTemporaryFolder.For(ml))
        {
            path = folder.Path;
            Assert.Equal(path, ml.TempFilePath);
            Assert.True(Directory.Exists(path));
            File.WriteAllText(Path.Combine(path, "ml_dotnet_x"), "scratch");
        }

        Assert.False(Directory.Exists(path));
    }

    private (int Code, string Output) Run(TextWriter error, CancellationToken token, params string[] args)
    {
        var output = new StringWriter();
        var console = CliConsole.ForText(string.Empty, output, error, _directory.Path);
        int code = Task.Run(() => StanceCli.RunAsync(args, console, token)).GetAwaiter().GetResult();
        return (code, output.ToString());
    }

    /// <summary>Standard error that cancels the command when it prints a given text.</summary>
    private sealed class CancelOnWrite(string trigger, CancellationTokenSource cancellation) : StringWriter
    {
        public override void Write(char value)
        {
            base.Write(value);
            Check();
        }

        public override void Write(string? value)
        {
            base.Write(value);
            Check();
        }

        public override void Write(char[] buffer, int index, int count)
        {
            base.Write(buffer, index, count);
            Check();
        }

        private void Check()
        {
            if (GetStringBuilder().ToString().Contains(trigger, StringComparison.Ordinal))
            {
                cancellation.Cancel();
            }
        }
    }
}
