using Stance.Embeddings;
using Stance.Scoring;

namespace Stance;

/// <summary>
/// A loaded Stance model. Load it once, then classify texts from any number of threads.
/// </summary>
/// <example>
/// <code>
/// using var classifier = StanceClassifier.Load("models/stance.zip");
/// Classification result = classifier.Classify("We should not rush into talks.");
/// Console.WriteLine($"{result.Stance?.Label} {result.Stance?.Confidence:0.00}");
/// </code>
/// </example>
public sealed class StanceClassifier : IDisposable
{
    /// <summary>The error reported for empty or whitespace-only texts.</summary>
    public const string EmptyTextError = "empty text";

    private const int EmbeddingBatchSize = 256;
    private const int ScoringBatchSize = 512;

    private readonly IScoringEngine _engine;
    private readonly Lazy<SentenceEmbedder>? _embedder;
    private readonly ClassifierOptions _options;
    private readonly HeadMetadata? _stanceHead;
    private readonly HeadMetadata? _sentimentHead;
    private readonly int _probabilityCount;

    private StanceClassifier(ModelMetadata metadata, IScoringEngine engine, ClassifierOptions options)
    {
        Metadata = metadata;
        _engine = engine;
        _options = options;
        _stanceHead = metadata.Head(HeadNames.Stance);
        _sentimentHead = metadata.Head(HeadNames.Sentiment);
        _probabilityCount = metadata.Heads.Sum(h => h.Labels.Count);
        if (metadata.Features.Embedding is not null)
        {
            string encoder = metadata.Features.Embedding;
            if (!SentenceEmbedder.IsKnown(encoder))
            {
                throw new ModelLoadException("model", $"uses the sentence encoder '{encoder}', which this Stance does not have");
            }

            _embedder = new Lazy<SentenceEmbedder>(() => new SentenceEmbedder(encoder), LazyThreadSafetyMode.ExecutionAndPublication);
        }
    }

    /// <summary>What the model file says about itself: heads, labels, training data, metrics.</summary>
    public ModelMetadata Metadata { get; }

    /// <summary>The scorer in use: <c>compiled</c> or <c>ml.net</c>.</summary>
    public string EngineName => _engine.Name;

    internal IScoringEngine Engine => _engine;

    /// <summary>
    /// Starts, on a thread-pool thread, the one-time work that the first <see cref="Load(string, ClassifierOptions?)"/>
    /// of a process begins with (preparing the reader of the model's metadata, about a tenth of a
    /// second), so that a program can overlap it with its own start-up. Optional: without it, the
    /// first load does this work itself.
    /// </summary>
    public static void PrepareLoading() => ThreadPool.QueueUserWorkItem(_ => ModelFile.PrepareMetadataReader());

    /// <summary>Loads a model file written by <c>stance train</c>.</summary>
    /// <exception cref="ModelLoadException">The file is missing, damaged, not a Stance model or of another format version.</exception>
    public static StanceClassifier Load(string path, ClassifierOptions? options = null) =>
        Create(ModelFile.Read(path), path, options ?? new ClassifierOptions());

    /// <summary>Loads a model from a stream holding a model file.</summary>
    public static StanceClassifier Load(Stream stream, ClassifierOptions? options = null) =>
        Create(ModelFile.Read(stream, "model stream"), "model stream", options ?? new ClassifierOptions());

    /// <summary>Classifies one text. Empty texts give a result with <see cref="Classification.Error"/> set.</summary>
    public Classification Classify(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            return new Classification(null, null, EmptyTextError);
        }

        float[] embedding = _embedder is null ? [] : _embedder.Value.Encode([text])[0];
        return Score(text, embedding);
    }

    /// <summary>
    /// Classifies a stream of texts on all cores, yielding one result per text in input order.
    /// Memory stays bounded whatever the number of texts.
    /// </summary>
    public IEnumerable<Classification> ClassifyMany(IEnumerable<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return OrderedBatches.Map<string, Classification>(texts, batch => ClassifyBatch(batch), BatchSize, Parallelism, cancellationToken);
    }

    /// <summary>Explains the prediction of every head: the n-grams that pushed it, with signed contributions.</summary>
    /// <exception cref="StanceException">The model is not linear (it has no compiled scorer).</exception>
    public Explanation Explain(string text, int top = 10)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(top);
        LinearScorer scorer = CompiledScorer();
        Classification classification = Classify(text);
        if (classification.IsError)
        {
            return new Explanation(classification, []);
        }

        float[] embedding = _embedder is null ? [] : _embedder.Value.Encode([text])[0];
        ScoringScratch scratch = scorer.CreateScratch();
        scorer.Featurize(text, embedding, scratch);
        var heads = new List<HeadExplanation>();
        foreach (LinearHead head in scorer.Heads)
        {
            HeadPrediction prediction = classification.Head(head.Name)!;
            heads.Add(Explainer.Explain(scorer, head, prediction, scratch, top));
        }

        return new Explanation(classification, heads);
    }

    /// <summary>The features with the largest weights for each label of a head, over the whole model.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<IndicativeFeature>> MostIndicativeFeatures(string head, int top = 15)
    {
        LinearScorer scorer = CompiledScorer();
        LinearHead linearHead = scorer.Heads.FirstOrDefault(h => h.Name == head)
            ?? throw new StanceException($"The model has no '{head}' head (it has: {string.Join(", ", scorer.Heads.Select(h => h.Name))}).");
        return Explainer.MostIndicative(scorer, linearHead, top);
    }

    /// <summary>The model's tokens of a text with their character spans, for marking features in the text.</summary>
    internal IReadOnlyList<(string Token, int Start, int End)> Tokens(string text)
    {
        var tokens = new Text.TokenList();
        new Text.Tokenizer(Metadata.Features.Tokenizer).Tokenize(text, tokens);
        var result = new (string, int, int)[tokens.Count];
        for (int i = 0; i < tokens.Count; i++)
        {
            result[i] = (tokens[i].ToString(), tokens.SourceStart(i), tokens.SourceEnd(i));
        }

        return result;
    }

    public void Dispose()
    {
        _engine.Dispose();
        if (_embedder is { IsValueCreated: true })
        {
            _embedder.Value.Dispose();
        }
    }

    private static StanceClassifier Create(ModelFile.Contents contents, string name, ClassifierOptions options)
    {
        IScoringEngine engine = options.Engine switch
        {
            ScoringEngine.MlNet => MlNetEngine.Load(contents.Pipeline, contents.Metadata, name),
            ScoringEngine.Compiled => new CompiledEngine(ReadScorer(contents, name)
                ?? throw new ModelLoadException(name, "has no compiled scorer (its model is not linear); load it with the ML.NET engine")),
            _ => ReadScorer(contents, name) is { } scorer ? new CompiledEngine(scorer) : MlNetEngine.Load(contents.Pipeline, contents.Metadata, name),
        };
        return new StanceClassifier(contents.Metadata, engine, options);
    }

    private static LinearScorer? ReadScorer(ModelFile.Contents contents, string name)
    {
        if (contents.LinearScorer is null)
        {
            return null;
        }

        try
        {
            using var stream = new MemoryStream(contents.LinearScorer, writable: false);
            return LinearScorerFormat.Read(stream, contents.Metadata.Features);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or ArgumentException)
        {
            throw new ModelLoadException(name, $"is damaged: {ModelFile.LinearScorerEntry} cannot be read ({e.Message})", e);
        }
    }

    private LinearScorer CompiledScorer() =>
        (_engine as CompiledEngine)?.Scorer
        ?? throw new StanceException("This model cannot be explained: its classifier is not linear, or it was loaded with the ML.NET engine.");

    /// <summary>How many texts a batch job should hand to <see cref="ScoreBatch"/> at a time.</summary>
    internal int BatchSize => _embedder is null ? ScoringBatchSize : EmbeddingBatchSize;

    /// <summary>
    /// How many batches a batch job should score at once: one per core, except with a sentence
    /// encoder, which already uses every core for one batch (more at once only contend).
    /// </summary>
    internal int Parallelism => _embedder is null ? _options.MaxDegreeOfParallelism : 1;

    /// <summary>The number of probabilities <see cref="ScoreBatch"/> writes per text: every label of every head.</summary>
    internal int ProbabilityCount => _probabilityCount;

    /// <summary>Classifies a batch of texts on the calling thread; embeddings are encoded as one batch.</summary>
    internal Classification[] ClassifyBatch(IReadOnlyList<string> texts)
    {
        var probabilities = new float[texts.Count * _probabilityCount];
        bool[] classified = ScoreBatch(texts, probabilities);
        var results = new Classification[texts.Count];
        for (int i = 0; i < texts.Count; i++)
        {
            results[i] = classified[i]
                ? ToClassification(probabilities.AsSpan(i * _probabilityCount, _probabilityCount))
                : new Classification(null, null, EmptyTextError);
        }

        return results;
    }

    /// <summary>
    /// Writes the probabilities of every head for each text, text after text, into
    /// <paramref name="probabilities"/>; returns which texts could be classified (empty texts cannot).
    /// The allocation-light path of batch jobs.
    /// </summary>
    internal bool[] ScoreBatch(IReadOnlyList<string> texts, Span<float> probabilities)
    {
        var classified = new bool[texts.Count];
        float[][]? embeddings = null;
        if (_embedder is not null)
        {
            string[] nonEmpty = texts.Where(t => !string.IsNullOrWhiteSpace(t)).ToArray();
            float[][] encoded = nonEmpty.Length == 0 ? [] : _embedder.Value.Encode(nonEmpty);
            embeddings = new float[texts.Count][];
            int next = 0;
            for (int i = 0; i < texts.Count; i++)
            {
                embeddings[i] = string.IsNullOrWhiteSpace(texts[i]) ? [] : encoded[next++];
            }
        }

        for (int i = 0; i < texts.Count; i++)
        {
            string? text = texts[i];
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            _engine.Score(text, embeddings is null ? [] : embeddings[i], probabilities.Slice(i * _probabilityCount, _probabilityCount));
            classified[i] = true;
        }

        return classified;
    }

    private Classification Score(string text, float[] embedding)
    {
        Span<float> probabilities = stackalloc float[_probabilityCount];
        _engine.Score(text, embedding, probabilities);
        return ToClassification(probabilities);
    }

    private Classification ToClassification(ReadOnlySpan<float> probabilities)
    {
        HeadPrediction? stance = null;
        HeadPrediction? sentiment = null;
        int offset = 0;
        foreach (HeadMetadata head in Metadata.Heads)
        {
            HeadPrediction prediction = Prediction(head, probabilities.Slice(offset, head.Labels.Count));
            offset += head.Labels.Count;
            if (ReferenceEquals(head, _stanceHead))
            {
                stance = prediction;
            }
            else if (ReferenceEquals(head, _sentimentHead))
            {
                sentiment = prediction;
            }
        }

        return new Classification(stance, sentiment);
    }

    private static HeadPrediction Prediction(HeadMetadata head, ReadOnlySpan<float> probabilities)
    {
        // Ties go to the first label, as ML.NET's argmax does.
        int best = 0;
        for (int k = 1; k < probabilities.Length; k++)
        {
            if (probabilities[k] > probabilities[best])
            {
                best = k;
            }
        }

        return new HeadPrediction(head.Labels[best], probabilities[best], head.Labels, probabilities.ToArray());
    }
}
