namespace Stance.Cli;

/// <summary>
/// The streams and terminal facts a command uses, so that tests can run the whole CLI in process.
/// </summary>
/// <param name="ErrorIsTerminal">Whether standard error is an interactive terminal (progress bars are drawn only then).</param>
/// <param name="OutputIsTerminal">Whether standard output is an interactive terminal (tables are the default only then).</param>
internal sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Error, bool OutputIsTerminal, bool ErrorIsTerminal, string WorkingDirectory)
{
    public static CliConsole System() => new(
        Console.In,
        Console.Out,
        Console.Error,
        !Console.IsOutputRedirected,
        !Console.IsErrorRedirected,
        Environment.CurrentDirectory);

    /// <summary>Resolves a path given on the command line against the working directory.</summary>
    public string Resolve(string path) => Path.GetFullPath(path, WorkingDirectory);
}
