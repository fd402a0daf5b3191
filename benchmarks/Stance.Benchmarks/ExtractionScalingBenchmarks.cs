using System.Text;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Stance.Extraction;

namespace Stance.Benchmarks;

/// <summary>
/// Quote extraction on long articles, 1 to 50 MB: linear time means the time per MB stays flat.
/// The article is the test articles (tests/Stance.Tests/Articles) over and over, each copy with its
/// speakers' surnames changed, so every copy introduces new people as a long article does.
/// Run: <c>dotnet run -c Release --project benchmarks/Stance.Benchmarks -- --filter '*ExtractionScaling*'</c>.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class ExtractionScalingBenchmarks
{
    private static readonly string[] Syllables = ["ka", "ro", "mi", "ten", "vo", "las", "du", "ne", "shi", "bor", "al", "fen"];

    private string _article = string.Empty;

    [Params(1, 2, 4, 8, 50)]
    public int Megabytes { get; set; }

    [GlobalSetup]
    public void Setup() => _article = Build(Megabytes * 1_000_000);

    [Benchmark(Description = "QuoteExtractor.Extract")]
    public int Extract() => QuoteExtractor.Extract(_article).Count;

    /// <summary>An article of about <paramref name="length"/> characters.</summary>
    public static string Build(int length)
    {
        var sources = Directory.GetFiles(Path.Combine(Paths.Root, "tests", "Stance.Tests", "Articles"), "*.txt")
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllText)
            .Select(text => (Text: text, Surnames: QuoteExtractor.Extract(text)
                .SelectMany(s => s.Speaker.Split([" and ", ", "], StringSplitOptions.RemoveEmptyEntries))
                .Where(name => name.Contains(' ', StringComparison.Ordinal) && char.IsUpper(name[0]) && !name.StartsWith("One ", StringComparison.Ordinal))
                .Select(name => name.Split(' ')[^1])
                .Distinct(StringComparer.Ordinal)
                .ToArray()))
            .ToList();
        var builder = new StringBuilder(length + 10_000);
        for (int copy = 0; builder.Length < length; copy++)
        {
            foreach (var (text, surnames) in sources)
            {
                string renamed = text;
                foreach (string surname in surnames)
                {
                    renamed = Regex.Replace(renamed, $@"\b{Regex.Escape(surname)}\b", surname + Suffix(copy));
                }

                builder.Append(renamed.Trim()).Append("\n\n");
            }
        }

        return builder.ToString();
    }

    private static string Suffix(int number)
    {
        var suffix = new StringBuilder();
        do
        {
            suffix.Append(Syllables[number % Syllables.Length]);
            number /= Syllables.Length;
        }
        while (number > 0);
        return suffix.ToString();
    }
}
