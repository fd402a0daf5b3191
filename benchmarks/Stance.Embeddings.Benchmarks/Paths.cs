namespace Stance.Embeddings.Benchmarks;

/// <summary>Where the benchmarks find the corpus and the public data.</summary>
internal static class Paths
{
    public static string Root { get; } = FindRoot();

    public static string Corpus => Path.Combine(Root, "data", "statements.csv");

    public static string Results => Path.Combine(Root, "benchmarks", "results", "embeddings");

    /// <summary>The NYT editorial test sentences beside the repository, or null when absent.</summary>
    public static string? NytTest
    {
        get
        {
            string path = Path.GetFullPath(Path.Combine(Root, "..", "shared", "benchmarks", "nyt-editorials", "test.csv"));
            return File.Exists(path) ? path : null;
        }
    }

    private static string FindRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Stance.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Stance.sln not found above " + AppContext.BaseDirectory);
    }
}
