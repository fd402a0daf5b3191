using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Runtime.InteropServices;
using Stance.Cli.Commands;

namespace Stance.Cli;

/// <summary>
/// The <c>stance</c> command line: parses arguments with System.CommandLine, runs the command and
/// turns failures into one-line errors (a stack trace only with <c>--verbose</c>).
/// Exit codes: 0 success, 1 error, 2 usage error, 130 interrupted (Ctrl+C, SIGINT), 143 terminated (SIGTERM).
/// </summary>
internal static class StanceCli
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageError = 2;
    public const int Interrupted = 130;
    public const int Terminated = 143;

    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "Say which model file is used, and show the full exception (with stack trace) when a command fails.",
        Recursive = true,
    };

    public static RootCommand Build(CliConsole console)
    {
        var root = new RootCommand("Stance: classify what experts and officials say about dealing with adversarial states by stance (pro-engagement, pro-pressure, skeptical) and sentiment.")
        {
            new TrainCommand(console),
            new CombineCommand(console),
            new EvaluateCommand(console),
            new ClassifyCommand(console),
            new ExplainCommand(console),
            new InfoCommand(console),
            new ExtractCommand(console),
            new ServeCommand(console),
            new ReportCommand(console),
            new ReviewCommand(console),
        };
        root.Add(Verbose);
        foreach (HelpOption help in root.Options.OfType<HelpOption>())
        {
            if (help.Action is HelpAction action)
            {
                help.Action = new HelpWithExamples(action);
            }
        }

        return root;
    }

    /// <summary>Runs the command line of the process: Ctrl+C and SIGTERM cancel the work, which then cleans up and exits 130 or 143.</summary>
    public static async Task<int> RunProcessAsync(string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        int signalled = 0;
        void OnSignal(PosixSignalContext context)
        {
            // Keep the process alive: the command stops at its next check, removes its temporary
            // files, keeps the old target and reports; a second signal is left to kill it.
            context.Cancel = Interlocked.Exchange(ref signalled, context.Signal == PosixSignal.SIGTERM ? Terminated : Interrupted) == 0;
            cancellation.Cancel();
        }

        using PosixSignalRegistration interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using PosixSignalRegistration terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        int exitCode = await RunAsync(args, CliConsole.System(), cancellation.Token);
        if (signalled != 0 && !Console.IsErrorRedirected)
        {
            // A progress display hides the cursor; whatever stopped it, show it again.
            await Console.Error.WriteAsync("\u001b[?25h");
        }

        return exitCode == Interrupted && signalled != 0 ? signalled : exitCode;
    }

    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        RootCommand root = Build(console);

        // Response files are off: a quote that starts with @ is a quote, not a file to read arguments from.
        ParseResult parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        // A mistyped option is the cause of whatever else fails on the line (the parser took it for a
        // quote, so "quotes and --input, not both" follows): it is reported alone.
        List<string> unknown = UnknownOptions(parsed, args).ToList();
        IReadOnlyList<string> errors = unknown.Count > 0 ? unknown : [.. parsed.Errors.Select(e => e.Message)];

        // --help wins over the errors of the rest of the line: `stance train --help` shows the
        // help although --data and --out are missing.
        bool help = parsed.Action is HelpWithExamples or HelpAction;
        if (errors.Count > 0 && !help)
        {
            foreach (string error in errors.Distinct())
            {
                await console.Error.WriteLineAsync($"stance: error: {error}");
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

            // Signals are handled by RunProcessAsync, which cancels the token.
            ProcessTerminationTimeout = null,
        };

        try
        {
            return await parsed.InvokeAsync(configuration, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await console.Error.WriteLineAsync("stance: cancelled; no output file was written (an existing one keeps its content)");
            return Interrupted;
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
                string message = e is StanceException stance ? ErrorMessages.Describe(stance) : $"{e.GetType().Name}: {e.Message}";
                await console.Error.WriteLineAsync($"stance: error: {OneLine(message)}");
                if (e is not StanceException)
                {
                    await console.Error.WriteLineAsync("(run again with --verbose for details)");
                }
            }

            return Failure;
        }
    }

    /// <summary>
    /// Tokens that look like options but are none of the command's (a mistyped <c>--min-confidnce</c>):
    /// System.CommandLine would take them as quotes to classify. After <c>--</c>, everything is a quote.
    /// </summary>
    private static IEnumerable<string> UnknownOptions(ParseResult parsed, string[] args)
    {
        int doubleDash = Array.IndexOf(args, "--");
        var known = new HashSet<string>(StringComparer.Ordinal);
        for (SymbolResult? result = parsed.CommandResult; result is not null; result = result.Parent)
        {
            if (result is CommandResult command)
            {
                foreach (Option option in command.Command.Options)
                {
                    known.Add(option.Name);
                    known.UnionWith(option.Aliases);
                }
            }
        }

        for (int i = 0; i < (doubleDash < 0 ? args.Length : doubleDash); i++)
        {
            string token = args[i];
            string name = token.Split('=', 2)[0];
            if (token.Length > 1 && token[0] == '-' && !char.IsDigit(token[1]) && token[1] != '.' && !known.Contains(name) && !IsOptionValue(parsed, args, i))
            {
                string? suggestion = known.Where(k => k.StartsWith("--", StringComparison.Ordinal)).MinBy(k => Distance(k, name));
                yield return suggestion is not null && Distance(suggestion, name) <= 3
                    ? $"unknown option '{token}' (did you mean {suggestion}?); to classify a text that starts with '-', put it after --"
                    : $"unknown option '{token}'; to classify a text that starts with '-', put it after --";
            }
        }
    }

    /// <summary>Whether args[i] is the value of the option just before it (such as the text after <c>--text-column</c>).</summary>
    private static bool IsOptionValue(ParseResult parsed, string[] args, int i)
    {
        if (i == 0)
        {
            return false;
        }

        foreach (Option option in parsed.CommandResult.Command.Options)
        {
            if ((option.Name == args[i - 1] || option.Aliases.Contains(args[i - 1])) && option.Arity.MaximumNumberOfValues > 0 && option.ValueType != typeof(bool))
            {
                return true;
            }
        }

        return false;
    }

    private static int Distance(string a, string b)
    {
        var row = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            row[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }

        return row[b.Length];
    }

    /// <summary>The default help, followed by the command's examples.</summary>
    private sealed class HelpWithExamples(HelpAction help) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            int result = help.Invoke(parseResult);
            IReadOnlyList<string> examples = parseResult.CommandResult.Command is IHasExamples command
                ? command.Examples
                : ["stance classify \"Talks are the only way to lower the risk of war.\"", "stance extract article.txt", "stance train --data labeled.csv --out model.zip"];
            TextWriter output = parseResult.InvocationConfiguration.Output;
            output.WriteLine("Examples:");
            foreach (string example in examples)
            {
                output.WriteLine("  " + example);
            }

            output.WriteLine();
            return result;
        }
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}
