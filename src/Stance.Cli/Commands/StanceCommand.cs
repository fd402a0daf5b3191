using System.CommandLine;

namespace Stance.Cli.Commands;

/// <summary>
/// The shape of every <c>stance</c> command: its options are declared with their validators (a
/// bad value is a usage error, exit 2, found by the parser before any work), bound into one
/// immutable options record, then run with the process's cancellation token. Help ends with
/// examples.
/// </summary>
/// <typeparam name="TOptions">The command's options record.</typeparam>
internal abstract class StanceCommand<TOptions> : Command, IHasExamples
{
    protected StanceCommand(string name, string description, CliConsole console, params string[] examples)
        : base(name, description)
    {
        Console = console;
        Examples = examples;
        SetAction((parse, cancellationToken) => Task.FromResult(Run(Bind(parse), cancellationToken)));
    }

    /// <summary>Command lines shown under "Examples:" in the help.</summary>
    public IReadOnlyList<string> Examples { get; }

    protected CliConsole Console { get; }

    /// <summary>Reads the parsed (and already validated) values into the options record.</summary>
    protected abstract TOptions Bind(ParseResult parse);

    /// <summary>Does the work; returns the exit code.</summary>
    public abstract int Run(TOptions options, CancellationToken cancellationToken);
}

/// <summary>A command whose help ends with examples.</summary>
internal interface IHasExamples
{
    IReadOnlyList<string> Examples { get; }
}
