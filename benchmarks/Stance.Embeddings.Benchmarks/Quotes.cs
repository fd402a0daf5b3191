using CsvHelper;

namespace Stance.Embeddings.Benchmarks;

/// <summary>Benchmark inputs drawn deterministically from the shipped corpus (as benchmarks/Stance.Benchmarks draws them).</summary>
internal static class Quotes
{
    private static readonly Lazy<string[]> Corpus = new(() => Read(Paths.Corpus));

    /// <summary>The corpus texts ordered by length: [0] is the shortest.</summary>
    private static readonly Lazy<string[]> ByLength = new(() => [.. Corpus.Value.OrderBy(t => t.Length).ThenBy(t => t, StringComparer.Ordinal)]);

    public static IReadOnlyList<string> All => Corpus.Value;

    public static string Median => ByLength.Value[ByLength.Value.Length / 2];

    /// <summary><paramref name="count"/> corpus texts drawn with a fixed seed.</summary>
    public static string[] Sample(int count, int seed = 20261128)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => Corpus.Value[random.Next(Corpus.Value.Length)])];
    }

    /// <summary>The <c>text</c> column of a CSV file with a header row.</summary>
    public static string[] Read(string path)
    {
        using CsvReader reader = CsvReader.FromFile(path, new CsvReaderOptions { HasHeader = true, Mode = CsvMode.Rfc4180, AllowLineBreaksInQuotes = true });
        reader.ReadHeader();
        int column = reader.Headers.ToList().IndexOf("text");
        if (column < 0)
        {
            throw new InvalidDataException($"{path} has no text column");
        }

        var texts = new List<string>();
        while (reader.Read())
        {
            texts.Add(reader.GetString(column));
        }

        return [.. texts];
    }
}
