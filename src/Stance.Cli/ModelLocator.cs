namespace Stance.Cli;

/// <summary>
/// Finds the model to use and loads it. With <c>--model</c>, that file. Without it, where a user
/// expects the default: <c>models/stance.zip</c> in the working directory, then in the root of the
/// repository the working directory is in (the nearest parent with a <c>.git</c> or
/// <c>Stance.sln</c>, and no further: a <c>models/</c> folder planted in a shared parent such as
/// the system's temporary folder is never picked up), then beside the executable.
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
        foreach (string directory in Candidates(console.WorkingDirectory))
        {
            string candidate = Path.Combine(directory, DefaultRelativePath);
            if (!searched.Contains(candidate))
            {
                searched.Add(candidate);
            }

            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new StanceException($"no --model given and no default model found; looked for {string.Join(", ", searched)}. Pass --model FILE, or train one with 'stance train --data FILE.csv --out {DefaultRelativePath}'");
    }

    /// <summary>Loads the model, saying which file on standard error when <paramref name="verbose"/>.</summary>
    public static StanceClassifier Load(string path, CliConsole console, bool verbose)
    {
        StanceClassifier classifier = StanceClassifier.Load(path);
        if (verbose)
        {
            console.Error.WriteLine($"stance: model {classifier.Source} ({classifier.Metadata.Tier} tier, {classifier.EngineName} scoring)");
        }

        return classifier;
    }

    private static IEnumerable<string> Candidates(string workingDirectory)
    {
        yield return workingDirectory;
        for (DirectoryInfo? directory = new(workingDirectory); directory is not null; directory = directory.Parent)
        {
            if (Directory.Exists(Path.Combine(directory.FullName, ".git")) || File.Exists(Path.Combine(directory.FullName, ".git")) || File.Exists(Path.Combine(directory.FullName, "Stance.sln")))
            {
                yield return directory.FullName;
                break;
            }
        }

        yield return AppContext.BaseDirectory;
    }
}
