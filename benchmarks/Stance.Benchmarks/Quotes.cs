using Stance.IO.Csv;

namespace Stance.Benchmarks;

/// <summary>Benchmark inputs drawn deterministically from the shipped corpus.</summary>
internal static class Quotes
{
    private static readonly Lazy<string[]> Corpus = new(() =>
    {
        using CsvTableReader reader = CsvTableReader.Open(Paths.Corpus, CsvFormat.Default);
        int text = reader.RequireColumn("text", "-");
        var texts = new List<string>();
        while (reader.Read())
        {
            texts.Add(reader.GetString(text));
        }

        return [.. texts];
    });

    /// <summary>The corpus texts ordered by length: [0] is the shortest.</summary>
    private static readonly Lazy<string[]> ByLength = new(() => [.. Corpus.Value.OrderBy(t => t.Length).ThenBy(t => t, StringComparer.Ordinal)]);

    public static string Short => ByLength.Value[ByLength.Value.Length / 20];

    public static string Median => ByLength.Value[ByLength.Value.Length / 2];

    public static string Long => ByLength.Value[^(ByLength.Value.Length / 20)];

    /// <summary><paramref name="count"/> corpus texts drawn with a fixed seed.</summary>
    public static string[] Sample(int count, int seed = 20261128)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => Corpus.Value[random.Next(Corpus.Value.Length)]).ToArray();
    }
}
