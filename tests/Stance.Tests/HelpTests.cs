using Stance.Tests.Support;

namespace Stance.Tests;

/// <summary>`--help` of every command shows its usage and an example, whatever else the line lacks.</summary>
public sealed class HelpTests
{
    public static TheoryData<string> Commands => new() { "train", "evaluate", "classify", "explain", "info", "extract", "report", "review", "serve" };

    [Theory]
    [MemberData(nameof(Commands))]
    public void Help_shows_usage_and_an_example_even_when_required_options_are_missing(string command)
    {
        CommandLine.Result result = CommandLine.Run(Path.GetTempPath(), command, "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Error);
        Assert.Contains("Usage:", result.Output);
        Assert.Contains("Examples:", result.Output);
        Assert.Contains("  stance " + command, result.Output);
    }
}
