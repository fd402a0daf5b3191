using System.Diagnostics;
using Stance.Tests.Support;

namespace Stance.Tests;

/// <summary>
/// A program that references only the small library (tests/Stance.LibraryUser, built with the
/// solution): its output folder stays small, and it gives the same labels and probabilities as
/// the command line.
/// </summary>
public sealed class LibraryUserTests
{
    /// <summary>The issue's bound on a fast-tier program's build output, without the model.</summary>
    private const long MaxOutputBytes = 3 * 1024 * 1024;

    private static string OutputFolder
    {
        get
        {
            // The test project and the sample are built with the same configuration.
            string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
            return Path.Combine(Repository.Root, "tests", "Stance.LibraryUser", "bin", configuration, "net10.0");
        }
    }

    [Fact]
    public void A_program_referencing_only_the_small_library_builds_to_under_three_megabytes()
    {
        var files = new DirectoryInfo(OutputFolder).GetFiles("*", SearchOption.AllDirectories);
        long bytes = files.Sum(f => f.Length);

        Assert.Contains(files, f => f.Name == "Stance.Inference.dll");
        Assert.DoesNotContain(files, f => f.Name.StartsWith("Microsoft.ML", StringComparison.Ordinal) || f.Name.Contains("onnxruntime", StringComparison.OrdinalIgnoreCase));
        Assert.True(bytes < MaxOutputBytes, $"{bytes:N0} bytes in {OutputFolder}: {string.Join(", ", files.OrderByDescending(f => f.Length).Take(5).Select(f => $"{f.Name} {f.Length:N0}"))}");
    }

    [Fact]
    public void It_gives_the_same_labels_and_probabilities_as_the_command_line()
    {
        string model = Path.Combine(Repository.Root, "models", "stance-fast.zip");
        string[] quotes = Corpus.Texts().Take(40).Select(t => t.ReplaceLineEndings(" ")).ToArray();
        string input = string.Join('\n', quotes) + "\n";

        var start = new ProcessStartInfo("dotnet", [Path.Combine(OutputFolder, "Stance.LibraryUser.dll"), model])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using Process process = Process.Start(start)!;
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        string library = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "the sample program did not finish");
        CommandLine.Result cli = CommandLine.RunWithInput(Repository.Root, input, "classify", "--model", model, "--format", "jsonl");

        Assert.Equal(0, process.ExitCode);
        Assert.Equal(0, cli.ExitCode);
        Assert.Equal(cli.Output.ReplaceLineEndings("\n"), library.ReplaceLineEndings("\n"));
        Assert.Equal(quotes.Length, library.TrimEnd().Split('\n').Length);
    }
}
