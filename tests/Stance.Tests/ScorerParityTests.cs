using Stance.Embeddings;
using Stance.Scoring;
using Stance.Tests.Support;
using Stance.IO.Csv;

namespace Stance.Tests;

/// <summary>
/// The compiled scorer of each shipped model gives the same labels as its ML.NET chain and
/// probabilities within 1e-5, on the whole corpus and on public texts it was not trained on; the
/// default ensemble likewise, each member scored by its compiled scorer and by its ML.NET chain.
/// </summary>
public sealed class ScorerParityTests
{
    private const float Tolerance = 1e-5f;

    [Fact]
    public void The_fast_model_matches_ml_net_on_the_corpus_and_ten_thousand_public_texts()
    {
        string model = ShippedModel("fast");
        List<string> texts = Corpus.Column(Repository.Corpus, "text");
        texts.AddRange(PublicTexts(10_000));

        AssertParity(model, texts, embeddings: null);
    }

    [Fact]
    public void The_default_ensemble_matches_ml_net_on_a_quarter_of_the_corpus()
    {
        // Every fourth row: the trainer checked every training row when it wrote each member, and
        // encoding all 9,510 again would cost this test a minute on two cores. Both members are
        // scored each way (the accurate one with the embedding), their probabilities averaged.
        string model = ShippedModel("ensemble");
        List<string> texts = Corpus.Column(Repository.Corpus, "text").Where((_, i) => i % 4 == 0).ToList();
        string encoder;
        using (StanceClassifier classifier = StanceClassifier.Load(model))
        {
            encoder = classifier.Metadata.Features.Embedding!;
        }

        using Extensibility.ISentenceEncoder embedder = new SentenceEncoders().Create(encoder);
        float[][] embeddings = embedder.EncodeMany(texts, Environment.ProcessorCount);

        AssertParity(model, texts, embeddings);
    }

    private static void AssertParity(string model, List<string> texts, float[][]? embeddings)
    {
        using StanceClassifier compiled = StanceClassifier.Load(model, new ClassifierOptions { Engine = ScoringEngine.Compiled });
        using StanceClassifier mlnet = StanceClassifier.Load(model, new ClassifierOptions { Engine = ScoringEngine.MlNet });
        int width = compiled.Metadata.Heads.Sum(h => h.Labels.Count);
        var expected = new float[width];
        var actual = new float[width];
        float worst = 0f;
        for (int i = 0; i < texts.Count; i++)
        {
            ReadOnlySpan<float> embedding = embeddings is null ? [] : embeddings[i];
            mlnet.Engine.Score(texts[i], embedding, expected);
            compiled.Engine.Score(texts[i], embedding, actual);
            int offset = 0;
            foreach (HeadMetadata head in compiled.Metadata.Heads)
            {
                int count = head.Labels.Count;
                Assert.True(
                    ArgMax(expected.AsSpan(offset, count)) == ArgMax(actual.AsSpan(offset, count)),
                    $"text {i}: {head.Name} labels differ");
                offset += count;
            }

            for (int k = 0; k < width; k++)
            {
                worst = Math.Max(worst, Math.Abs(expected[k] - actual[k]));
            }
        }

        Assert.True(worst <= Tolerance, $"largest probability difference {worst}");
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int k = 1; k < values.Length; k++)
        {
            if (values[k] > values[best])
            {
                best = k;
            }
        }

        return best;
    }

    private static string ShippedModel(string tier)
    {
        foreach (string file in Directory.GetFiles(Path.Combine(Repository.Root, "models"), "*.zip").Order())
        {
            using StanceClassifier classifier = StanceClassifier.Load(file);
            if (classifier.Metadata.Tier == tier)
            {
                return file;
            }
        }

        throw new InvalidOperationException($"no shipped {tier}-tier model in models/");
    }

    /// <summary>Texts of the public benchmark data sets, when they are beside the repository.</summary>
    private static IEnumerable<string> PublicTexts(int count)
    {
        string? shared = Repository.SharedBenchmarks;
        if (shared is null)
        {
            return [];
        }

        // Every file with a text column (realquotes-dev's second labeling has labels only).
        return Directory.GetFiles(shared, "*.csv", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Where(file => File.ReadLines(file).First().Split(',').Contains("text"))
            .SelectMany(file => Corpus.Column(file, "text"))
            .Take(count);
    }
}
