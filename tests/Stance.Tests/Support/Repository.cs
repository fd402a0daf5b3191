namespace Stance.Tests.Support;

/// <summary>Paths inside the repository and beside it.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Corpus => Path.Combine(Root, "data", "statements.csv");

    public static string ShippedModel => Path.Combine(Root, "models", "stance.zip");

    public static string SeedArticle => Path.Combine(Root, "..", "shared", "seed", "000_ef90a2cdadfb2a5c.txt");

    /// <summary>The public benchmark data beside the repository, or null when it is absent.</summary>
    public static string? SharedBenchmarks
    {
        get
        {
            string path = Path.GetFullPath(Path.Combine(Root, "..", "shared", "benchmarks"));
            return Directory.Exists(path) ? path : null;
        }
    }

    /// <summary>The real-quote dev set beside the repository (read in place, never copied), or null when it is absent.</summary>
    public static string? RealQuotesDev =>
        SharedBenchmarks is { } shared && File.Exists(Path.Combine(shared, "realquotes-dev", "quotes.csv"))
            ? Path.Combine(shared, "realquotes-dev", "quotes.csv")
            : null;

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
