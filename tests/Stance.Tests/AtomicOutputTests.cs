using System.Text;
using Stance.Cli;
using Stance.Tests.Support;
using Stance.IO.Csv;

namespace Stance.Tests;

/// <summary>Batch output keeps every row in order, and a cancelled run leaves nothing half-written.</summary>
[Collection(SmallModelCollection.Name)]
public sealed class AtomicOutputTests(SmallModelFixture model) : IDisposable
{
    private const int Rows = 200_000;

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Two_hundred_thousand_rows_come_out_complete_and_in_order()
    {
        string input = WriteLargeInput();
        string output = _directory.File("large.out.csv");

        CommandLine.Result result = CommandLine.Run(_directory.Path, "classify", "--model", model.ModelPath, "--input", input, "--output", output, "--quiet");

        Assert.Equal(0, result.ExitCode);
        using CsvTableReader reader = CsvTableReader.Open(output, CsvFormat.Default);
        int id = reader.RequireColumn("id", "-");
        int stance = reader.RequireColumn("stance", "-");
        int expected = 0;
        while (reader.Read())
        {
            Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), reader.GetString(id));
            Assert.NotEqual(string.Empty, reader.GetString(stance));
            expected++;
        }

        Assert.Equal(Rows, expected);
    }

    [Fact]
    public async Task A_cancelled_run_leaves_no_output_and_keeps_the_previous_file()
    {
        string input = WriteLargeInput();
        string output = _directory.Write("large.out.csv", "previous output");
        using var cancellation = new CancellationTokenSource();

        // Cancel once the temporary output has content: the run is then certainly under way. The watcher
        // is a dedicated thread, not a thread-pool task, so that a pool busy with other tests cannot delay
        // it until the run is over; and it stops when the run ends, so the test fails rather than hangs.
        using var runEnded = new ManualResetEventSlim();
        var watcher = new Thread(() =>
        {
            while (!runEnded.Wait(2))
            {
                if (Directory.GetFiles(_directory.Path, "*.tmp").Any(f => new FileInfo(f).Length > 0))
                {
                    cancellation.Cancel();
                    return;
                }
            }
        }) { IsBackground = true };
        watcher.Start();

        var console = new CliConsole(Stream.Null, new StringWriter(), new StringWriter(), false, false, _directory.Path);
        int exitCode = await StanceCli.RunAsync(["classify", "--model", model.ModelPath, "--input", input, "--output", output, "--quiet"], console, cancellation.Token);
        runEnded.Set();
        watcher.Join();

        Assert.True(cancellation.IsCancellationRequested, "the run ended before the watcher saw its temporary output");
        Assert.Equal(StanceCli.Interrupted, exitCode);
        Assert.Equal("previous output", File.ReadAllText(output));
        Assert.Empty(Directory.GetFiles(_directory.Path, "*.tmp"));
    }

    private string WriteLargeInput()
    {
        string[] quotes = Corpus.Texts().Take(500).Select(Corpus.Quote).ToArray();
        var builder = new StringBuilder("id,text\n");
        for (int i = 0; i < Rows; i++)
        {
            builder.Append(i).Append(',').Append(quotes[i % quotes.Length]).Append('\n');
        }

        return _directory.Write("large.csv", builder.ToString());
    }
}
