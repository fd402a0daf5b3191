using CsvHelper;

namespace Stance.Embeddings.Tests;

/// <summary>Texts the tests encode: the repository's statements and, where present beside it, the NYT editorial test sentences.</summary>
internal static class TestData
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    public static IReadOnlyList<string> Statements { get; } = Read(Path.Combine(Root, "data", "statements.csv"));

    /// <summary>Empty when the shared benchmark data is not beside the repository.</summary>
    public static IReadOnlyList<string> NytTest { get; } = File.Exists(NytTestPath) ? Read(NytTestPath) : [];

    private static string NytTestPath => Path.GetFullPath(Path.Combine(Root, "..", "shared", "benchmarks", "nyt-editorials", "test.csv"));

    /// <summary>Every <paramref name="step"/>-th text of both sets.</summary>
    public static string[] Sample(int step) => [.. Statements.Where((_, i) => i % step == 0).Concat(NytTest.Where((_, i) => i % step == 0))];

    public static string[] Read(string path)
    {
        using CsvReader reader = CsvReader.FromFile(path, new CsvReaderOptions { HasHeader = true, Mode = CsvMode.Rfc4180, AllowLineBreaksInQuotes = true });
        reader.ReadHeader();
        int column = reader.Headers.ToList().IndexOf("text");
        var texts = new List<string>();
        while (reader.Read())
        {
            texts.Add(reader.GetString(column));
        }

        return [.. texts];
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

/// <summary>The encoders of the catalog, each loaded once for all the tests that use them.</summary>
public sealed class Encoders : IDisposable
{
    private readonly Dictionary<string, TransformerEncoder> _loaded = ModelCatalog.Models.ToDictionary(m => m.Name, m => TransformerEncoder.Load(m.Name), StringComparer.Ordinal);

    public TransformerEncoder MiniLm => this[TransformerEncoder.MiniLmL6V2];

    public TransformerEncoder Arctic => this[TransformerEncoder.ArcticEmbedXs];

    public TransformerEncoder Aspects => this[TransformerEncoder.MiniLmL6V2Aspects];

    public TransformerEncoder AspectsLayer3 => this[TransformerEncoder.MiniLmL6V2AspectsLayer3];

    public TransformerEncoder this[string name] => _loaded[name];

    public void Dispose()
    {
        foreach (TransformerEncoder encoder in _loaded.Values)
        {
            encoder.Dispose();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class EncoderCollection : ICollectionFixture<Encoders>
{
    public const string Name = "encoders";
}
