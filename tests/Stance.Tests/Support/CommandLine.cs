using Stance.Cli;

namespace Stance.Tests.Support;

/// <summary>Runs the stance command line in process and captures what it prints.</summary>
internal static class CommandLine
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Result Run(string workingDirectory, params string[] args) => RunWithInput(workingDirectory, string.Empty, args);

    public static Result RunWithInput(string workingDirectory, string standardInput, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = CliConsole.ForText(standardInput, output, error, workingDirectory);
        // On the thread pool: blocking here must never wait for a continuation queued to the test
        // framework's synchronization context, whose few threads may all be blocked the same way.
        int exitCode = Task.Run(() => StanceCli.RunAsync(args, console)).GetAwaiter().GetResult();
        return new Result(exitCode, output.ToString(), error.ToString());
    }
}
