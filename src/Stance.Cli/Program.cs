using Stance.Cli;

return await StanceCli.RunAsync(args, CliConsole.System());
