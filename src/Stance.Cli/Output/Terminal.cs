using Spectre.Console;

namespace Stance.Cli.Output;

/// <summary>Spectre.Console consoles over the CLI's streams.</summary>
internal static class Terminal
{
    /// <summary>A console for standard output; colours only when it is a terminal.</summary>
    public static IAnsiConsole Out(CliConsole console) => Create(console.Out, console.OutputIsTerminal);

    /// <summary>A console for standard error (progress, notes).</summary>
    public static IAnsiConsole Error(CliConsole console) => Create(console.Error, console.ErrorIsTerminal);

    /// <summary>Width of tables written to files and pipes, where there is no terminal to fit.</summary>
    private const int RedirectedWidth = 200;

    private static IAnsiConsole Create(TextWriter writer, bool interactive)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!interactive)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }
}
