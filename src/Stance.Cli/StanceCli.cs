using System.CommandLine;
using Stance.Cli.Commands;

namespace Stance.Cli;

/// <summary>
/// The <c>stance</c> command line: parses arguments with System.CommandLine, runs the command and
/// turns failures into one-line errors (a stack trace only with <c>--verbose</c>).
/// Exit codes: 0 success, 1 error, 2 usage error, 130 cancelled.
/// </summary>
internal static class StanceCli
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageError = 2;
    public const int Cancelled = 130;

    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "Show the full exception (with stack trace) when a command fails.",
        Recursive = true,
    };

    public static RootCommand Build(CliConsole console)
    {
        var root = new RootCommand("Stance: classify what experts and officials say about dealing with adversarial states by stance (pro-engagement, pro-pressure, skeptical) and sentiment.")
        {
            TrainCommand.Create(console),
            EvaluateCommand.Create(console),
            ClassifyCommand.Create(console),
            ExplainCommand.Create(console),
            InfoCommand.Create(console),
            ExtractCommand.Create(console),
        };
        root.Add(Verbose);
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        RootCommand root = Build(console);
        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await console.Error.WriteLineAsync($"stance: error: {error.Message}");
            }

            string command = parsed.CommandResult.Command == root ? string.Empty : parsed.CommandResult.Command.Name + " ";
            await console.Error.WriteLineAsync($"Run 'stance {command}--help' for usage.");
            return UsageError;
        }

        var configuration = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            EnableDefaultExceptionHandler = false,
        };

        try
        {
            return await parsed.InvokeAsync(configuration, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await console.Error.WriteLineAsync("stance: cancelled; no output file was written");
            return Cancelled;
        }
        catch (Exception e)
        {
            bool verbose = parsed.GetValue(Verbose);
            if (verbose)
            {
                await console.Error.WriteLineAsync($"stance: error: {e}");
            }
            else
            {
                string message = e is StanceException ? e.Message : $"{e.GetType().Name}: {e.Message}";
                await console.Error.WriteLineAsync($"stance: error: {OneLine(message)}");
                if (e is not StanceException)
                {
                    await console.Error.WriteLineAsync("(run again with --verbose for details)");
                }
            }

            return Failure;
        }
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}
