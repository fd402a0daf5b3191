using Microsoft.ML;
using Stance.Embeddings;
using Stance.Extensibility;
using Stance.MlNet;
using Stance.Text;
using Stance.Training.Data;

namespace Stance.Training.Pipeline;

/// <summary>
/// The texts of a dataset turned into what the ML.NET chain reads (tokens, character n-grams,
/// embeddings), computed once and shared by every fold and candidate.
/// </summary>
internal sealed class FeatureData
{
    private readonly Dictionary<TokenizerOptions, (string[][] Tokens, string[][] CharGrams)> _tokenized = [];
    private readonly object _gate = new();
    private readonly Dictionary<string, float[][]> _embeddings = [];

    /// <summary>The encoders training can use: those Stance ships.</summary>
    private static readonly SentenceEncoders Encoders = new();

    public FeatureData(LabeledDataset dataset)
    {
        Dataset = dataset;
        Texts = dataset.Examples.Select(e => e.Text).ToArray();
        Labels = Enumerable.Range(0, dataset.Heads.Count).Select(dataset.LabelIndexes).ToArray();
    }

    public LabeledDataset Dataset { get; }

    public string[] Texts { get; }

    /// <summary>Label index per head, per example.</summary>
    public int[][] Labels { get; }

    public int Count => Texts.Length;

    /// <summary>Sentence embeddings of all texts by the named encoder, encoded once on first use.</summary>
    public float[][] Embeddings(string encoder, IProgress<string>? progress)
    {
        lock (_gate)
        {
            if (!_embeddings.TryGetValue(encoder, out float[][]? embeddings))
            {
                progress?.Report($"encoding {Texts.Length} texts with {encoder}");
                using ISentenceEncoder embedder = Components.CreateEncoder(encoder, Encoders);
                embeddings = embedder.EncodeMany(Texts, Environment.ProcessorCount);
                _embeddings[encoder] = embeddings;
            }

            return embeddings;
        }
    }

    public (string[][] Tokens, string[][] CharGrams) Tokenized(TokenizerOptions options)
    {
        lock (_gate)
        {
            if (!_tokenized.TryGetValue(options, out var tokenized))
            {
                var tokenizer = new Tokenizer(options);
                var list = new TokenList();
                var grams = new List<string>();
                var tokens = new string[Texts.Length][];
                var charGrams = new string[Texts.Length][];
                for (int i = 0; i < Texts.Length; i++)
                {
                    tokenizer.Tokenize(Texts[i], list);
                    tokens[i] = list.ToArray();
                    grams.Clear();
                    if (options.HasCharGrams)
                    {
                        CharGrams.AddTo(list, options.CharGramMin, options.CharGramMax, grams);
                    }

                    charGrams[i] = [.. grams];
                }

                _tokenized[options] = tokenized = (tokens, charGrams);
            }

            return tokenized;
        }
    }

    /// <summary>An ML.NET view of the examples at <paramref name="indexes"/>, with label keys and class weights per head.</summary>
    public IDataView View(MLContext ml, FeatureSettings recipe, IReadOnlyList<int> indexes, IProgress<string>? progress)
    {
        (string[][] tokens, string[][] charGrams) = Tokenized(recipe.Tokenizer);
        float[][]? embeddings = recipe.Embedding is not null ? Embeddings(recipe.Embedding, progress) : null;
        float[][] weights = ClassWeights(indexes);
        var rows = new FeatureRow[indexes.Count];
        for (int n = 0; n < indexes.Count; n++)
        {
            int i = indexes[n];
            var row = new FeatureRow
            {
                Tokens = tokens[i],
                CharGrams = charGrams[i],
                Embedding = embeddings?[i] ?? [],
            };
            for (int h = 0; h < Dataset.Heads.Count; h++)
            {
                uint key = (uint)Labels[h][i];
                float weight = weights[h][Labels[h][i]];
                switch (Dataset.Heads[h].Name)
                {
                    case HeadNames.Stance:
                        row.StanceKey = key;
                        row.StanceWeight = weight;
                        break;
                    case HeadNames.Sentiment:
                        row.SentimentKey = key;
                        row.SentimentWeight = weight;
                        break;
                    default:
                        throw new InvalidOperationException($"a model has a stance and a sentiment head, not '{Dataset.Heads[h].Name}'");
                }
            }

            rows[n] = row;
        }

        int stanceLabels = Dataset.Heads.FirstOrDefault(h => h.Name == HeadNames.Stance)?.Labels.Count ?? 0;
        int sentimentLabels = Dataset.Heads.FirstOrDefault(h => h.Name == HeadNames.Sentiment)?.Labels.Count ?? 0;
        return ml.Data.LoadFromEnumerable(rows, FeatureSchema.ForTraining(recipe.EmbeddingLength, stanceLabels, sentimentLabels));
    }

    /// <summary>Per head, the weight of each label: N / (labels x count), so every label weighs the same in total.</summary>
    private float[][] ClassWeights(IReadOnlyList<int> indexes)
    {
        var weights = new float[Dataset.Heads.Count][];
        for (int h = 0; h < weights.Length; h++)
        {
            int classes = Dataset.Heads[h].Labels.Count;
            var counts = new int[classes];
            foreach (int i in indexes)
            {
                counts[Labels[h][i]]++;
            }

            weights[h] = counts.Select(c => c == 0 ? 1f : (float)indexes.Count / (classes * c)).ToArray();
        }

        return weights;
    }
}
