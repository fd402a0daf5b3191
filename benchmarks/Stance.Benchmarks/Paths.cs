namespace Stance.Benchmarks;

/// <summary>Where the benchmarks find the corpus, the shipped models and the public data.</summary>
internal static class Paths
{
    public static string Root { get; } = FindRoot();

    public static string Corpus => Path.Combine(Root, "data", "statements.csv");

    public static string Results => Path.Combine(Root, "benchmarks", "results");

    /// <summary>The public benchmark data beside the repository, or null when it is absent.</summary>
    public static string? SharedBenchmarks
    {
        get
        {
            string path = Path.GetFullPath(Path.Combine(Root, "..", "shared", "benchmarks"));
            return Directory.Exists(path) ? path : null;
        }
    }

    /// <summary>The TweetEval stance targets in ../shared/benchmarks/tweeteval/stance-&lt;target&gt;/.</summary>
    public static IReadOnlyList<string> TweetEvalStanceTargets { get; } = ["abortion", "atheism", "climate", "feminist", "hillary"];

    /// <summary>The shipped model of a tier: <c>models/stance.zip</c> or <c>models/stance-&lt;tier&gt;.zip</c>, whichever has that tier.</summary>
    public static string Model(string tier)
    {
        foreach (string file in Directory.GetFiles(Path.Combine(Root, "models"), "*.zip").Order())
        {
            using StanceClassifier classifier = StanceClassifier.Load(file);
            if (classifier.Metadata.Tier == tier)
            {
                return file;
            }
        }

        throw new FileNotFoundException($"no {tier}-tier model in {Path.Combine(Root, "models")}");
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
