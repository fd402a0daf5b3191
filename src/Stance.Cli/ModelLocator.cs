namespace Stance.Cli;

/// <summary>
/// Finds the model to use: the <c>--model</c> path when given, else <c>models/stance.zip</c> in the
/// working directory or one of its parents, else beside the executable.
/// </summary>
internal static class ModelLocator
{
    public const string DefaultRelativePath = "models/stance.zip";

    public static string Locate(string? modelOption, CliConsole console)
    {
        if (modelOption is not null)
        {
            return console.Resolve(modelOption);
        }

        var searched = new List<string>();
        for (DirectoryInfo? directory = new(console.WorkingDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, DefaultRelativePath);
            searched.Add(candidate);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        string besideExecutable = Path.Combine(AppContext.BaseDirectory, DefaultRelativePath);
        searched.Add(besideExecutable);
        if (File.Exists(besideExecutable))
        {
            return besideExecutable;
        }

        throw new StanceException($"no --model given and no default model found; looked for {string.Join(", ", searched)}. Pass --model FILE, or train one with 'stance train --data FILE.csv --out {DefaultRelativePath}'");
    }
}
