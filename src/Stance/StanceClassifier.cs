using System.Buffers;
using Stance.Extensibility;
using Stance.Scoring;

namespace Stance;

/// <summary>
/// A loaded Stance model. Load it once, then classify texts from any number of threads.
/// </summary>
/// <example>
/// <code>
/// using var classifier = StanceClassifier.Load("models/stance-fast.zip");
/// Classification result = classifier.Classify("We should not rush into talks.");
/// Console.WriteLine($"{result.Stance?.Label} {result.Stance?.Confidence:0.00}");
/// </code>
/// </example>
public sealed class StanceClassifier : IDisposable
{
    /// <summary>The error reported for empty or whitespace-only texts.</summary>
    public const string EmptyTextError = "empty text";

    // Texts per batch: with an encoder a batch is one EncodeMany call over every core; without
    // one, a batch is scored on one core and several run at once.
    private const int EmbeddingBatchSize = 256;
    private const int ScoringBatchSize = 2048;

    private readonly IScoringEngine _engine;
    private readonly Lazy<ISentenceEncoder>? _encoder;
    private readonly ClassifierOptions _options;
    private readonly ProbabilityLayout _layout;

    private StanceClassifier(ModelMetadata metadata, IReadOnlyList<EnsembleMember> members, IScoringEngine engine, Lazy<ISentenceEncoder>? encoder, ClassifierOptions options, string source)
    {
        Metadata = metadata;
        Members = members;
        _engine = engine;
        _encoder = encoder;
        _options = options;
        _layout = new ProbabilityLayout(metadata.Heads);
        Source = source;
    }

    /// <summary>What the model file says about itself: heads, labels, training data, metrics.</summary>
    public ModelMetadata Metadata { get; }

    /// <summary>An ensemble's members (their weights and their own metadata), in the order of <see cref="ModelMetadata.Members"/>; empty for a single model.</summary>
    public IReadOnlyList<EnsembleMember> Members { get; }

    /// <summary>The model's heads (stance first), in the order batch methods index them.</summary>
    public IReadOnlyList<HeadMetadata> Heads => Metadata.Heads;

    /// <summary>The scorer in use: <c>compiled</c> or <c>ml.net</c> (for an ensemble, its members'; <c>compiled+ml.net</c> when they differ).</summary>
    public string EngineName => _engine.Name;

    /// <summary>Where the model was loaded from: its full path, or <c>model stream</c>.</summary>
    public string Source { get; }

    internal IScoringEngine Engine => _engine;

    /// <summary>
    /// Starts, on a thread-pool thread, the one-time work that the first <see cref="Load(string, ClassifierOptions?)"/>
    /// of a process begins with (preparing the reader of the model's metadata, about a tenth of a
    /// second), so that a program can overlap it with its own start-up. Optional: without it, the
    /// first load does this work itself.
    /// </summary>
    public static void PrepareLoading() => ThreadPool.QueueUserWorkItem(_ => ModelFile.PrepareMetadataReader());

    /// <summary>Loads a model file written by <c>stance train</c>.</summary>
    /// <exception cref="ModelLoadException">The file is missing, damaged, not a Stance model, of another format version, or needs a package the program does not reference.</exception>
    public static StanceClassifier Load(string path, ClassifierOptions? options = null)
    {
        options ??= new ClassifierOptions();
        return Create(ModelFile.Read(path, withPipeline: options.Engine == ScoringEngine.MlNet), Path.GetFullPath(path), options);
    }

    /// <summary>Loads a model from a stream holding a model file.</summary>
    public static StanceClassifier Load(Stream stream, ClassifierOptions? options = null)
    {
        options ??= new ClassifierOptions();
        return Create(ModelFile.Read(stream, "model stream", withPipeline: options.Engine == ScoringEngine.MlNet), "model stream", options);
    }

    /// <summary>Classifies one text. Empty texts give a result with <see cref="Classification.Error"/> set.</summary>
    public Classification Classify(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            return new Classification(null, null, EmptyTextError);
        }

        Span<float> probabilities = stackalloc float[_layout.Width];
        if (_encoder is null)
        {
            _engine.Score(text, [], probabilities);
            return _layout.ToClassification(probabilities);
        }

        // The embedding lives only for this call: a pooled buffer keeps one-text scoring free of an
        // embedding-sized array per call (6 KB for the default model; the encoder takes its scratch
        // from a pool of its own).
        ISentenceEncoder encoder = _encoder.Value;
        float[] rented = ArrayPool<float>.Shared.Rent(encoder.Dimension);
        try
        {
            Span<float> embedding = rented.AsSpan(0, encoder.Dimension);
            encoder.Encode(text, embedding);
            _engine.Score(text, embedding, probabilities);
            return _layout.ToClassification(probabilities);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Classifies a stream of texts on all cores, yielding one result per text in input order.
    /// Memory stays bounded whatever the number of texts; enumeration stops with an
    /// <see cref="OperationCanceledException"/> soon after <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public IEnumerable<Classification> ClassifyMany(IEnumerable<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return ClassifyBatches(texts, text => text, ToClassifications, cancellationToken).SelectMany(results => results);
    }

    /// <summary>
    /// The batch path: classifies a stream of items in batches on all cores and hands each batch,
    /// on the worker thread that scored it, to <paramref name="onBatch"/>; yields what it returns,
    /// batch after batch, in input order. The items of a batch and their probabilities are read
    /// through <see cref="ClassifiedBatch{TItem}"/> without allocating, so per-item work (formatting
    /// output rows, filtering) runs in parallel beside the scoring. Memory stays bounded by the
    /// batches in flight; cancellation is checked between batches.
    /// </summary>
    /// <param name="items">The items, read once, in order, on the calling thread.</param>
    /// <param name="textOf">The text of an item (null or whitespace: the item gets <see cref="EmptyTextError"/>).</param>
    /// <param name="onBatch">Called once per batch, possibly on several threads at once.</param>
    /// <param name="cancellationToken">Stops the enumeration with an <see cref="OperationCanceledException"/>.</param>
    /// <param name="maxBatchSize">
    /// At most this many items per batch; 0 (the default) lets the classifier choose (thousands for
    /// the fast tier). Smaller batches give results sooner when items arrive slowly (lines typed
    /// or piped one at a time), at some cost in throughput.
    /// </param>
    public IEnumerable<TResult> ClassifyBatches<TItem, TResult>(
        IEnumerable<TItem> items,
        Func<TItem, string?> textOf,
        Func<ClassifiedBatch<TItem>, TResult> onBatch,
        CancellationToken cancellationToken = default,
        int maxBatchSize = 0)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(textOf);
        ArgumentNullException.ThrowIfNull(onBatch);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBatchSize);
        int batchSize = maxBatchSize == 0 ? BatchSize : Math.Min(maxBatchSize, BatchSize);
        return OrderedBatches.MapBatches(items, batch => onBatch(Score(batch, textOf)), batchSize, Parallelism, cancellationToken);
    }

    /// <summary>
    /// Explains the prediction of every head: the n-grams that pushed it, with signed contributions.
    /// For an ensemble, each member's contributions are scaled by its weight and merged: an n-gram
    /// that several members share is shown once, with the sum of its weighted contributions (and the
    /// weighted mean of its values); score, bias and embedding contribution are weighted sums too.
    /// </summary>
    /// <exception cref="StanceException">The model (or a member) is not linear, or it was loaded with the ML.NET engine.</exception>
    public Explanation Explain(string text, int top = 10)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(top);
        IReadOnlyList<(LinearScorer Scorer, float Weight)> scorers = CompiledScorers();
        Classification classification = Classify(text);
        if (classification.IsError)
        {
            return new Explanation(classification, []);
        }

        float[] embedding = Embed(text);
        var perHead = Metadata.Heads.Select(_ => new List<(HeadExplanation, float)>()).ToArray();
        foreach ((LinearScorer scorer, float weight) in scorers)
        {
            ScoringScratch scratch = scorer.CreateScratch();
            scorer.Featurize(text, scorer.EmbeddingDimension > 0 ? embedding : [], scratch);
            for (int h = 0; h < scorer.Heads.Count; h++)
            {
                LinearHead head = scorer.Heads[h];
                HeadPrediction prediction = classification.Head(head.Name)!;
                perHead[h].Add((Explainer.Explain(scorer, head, prediction, scratch, scorers.Count == 1 ? top : int.MaxValue), weight));
            }
        }

        return new Explanation(classification, perHead.Select(parts => Explainer.Merge(parts, top)).ToList());
    }

    /// <summary>
    /// The features with the largest weights for each label of a head, over the whole model. For an
    /// ensemble, each member's relative weights are scaled by its weight and merged by feature (a
    /// feature shared by several members is listed once, with the sum).
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<IndicativeFeature>> MostIndicativeFeatures(string head, int top = 15)
    {
        IReadOnlyList<(LinearScorer Scorer, float Weight)> scorers = CompiledScorers();
        var parts = new List<(IReadOnlyDictionary<string, IReadOnlyList<IndicativeFeature>>, float)>();
        foreach ((LinearScorer scorer, float weight) in scorers)
        {
            LinearHead linearHead = scorer.Heads.FirstOrDefault(h => h.Name == head)
                ?? throw new StanceException($"The model has no '{head}' head (it has: {string.Join(", ", scorer.Heads.Select(h => h.Name))}).");
            parts.Add((Explainer.MostIndicative(scorer, linearHead, scorers.Count == 1 ? top : int.MaxValue), weight));
        }

        return Explainer.MergeIndicative(parts, top);
    }

    /// <summary>The model's tokens of a text with their character spans, for marking features in the text.</summary>
    public IReadOnlyList<TokenSpan> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new Text.TokenList();
        new Text.Tokenizer(Metadata.Features.Tokenizer).Tokenize(text, tokens);
        var result = new TokenSpan[tokens.Count];
        for (int i = 0; i < tokens.Count; i++)
        {
            result[i] = new TokenSpan(tokens[i].ToString(), tokens.SourceStart(i), tokens.SourceEnd(i));
        }

        return result;
    }

    public void Dispose()
    {
        _engine.Dispose();
        if (_encoder is { IsValueCreated: true })
        {
            _encoder.Value.Dispose();
        }
    }

    private static StanceClassifier Create(ModelFile.Contents contents, string name, ClassifierOptions options)
    {
        ModelMetadata metadata = contents.Metadata;
        Lazy<ISentenceEncoder>? encoder = null;
        if (metadata.Features.Embedding is { } encoderName)
        {
            // Found now, so that a missing package is reported at load; created on first use.
            ISentenceEncoderProvider provider = Components.EncoderProvider(encoderName, options, name);
            encoder = new Lazy<ISentenceEncoder>(() => provider.Create(encoderName), LazyThreadSafetyMode.ExecutionAndPublication);
        }

        IReadOnlyList<EnsembleMember> members = contents.Members?.Select(m => new EnsembleMember(m.Record.Entry, m.Record.Weight, m.Contents.Metadata)).ToList() ?? [];
        return new StanceClassifier(metadata, members, CreateEngine(contents, name, options), encoder, options, name);
    }

    /// <summary>The engine of a model, or of an ensemble: each member's own, averaged.</summary>
    private static IScoringEngine CreateEngine(ModelFile.Contents contents, string name, ClassifierOptions options)
    {
        if (contents.Members is { } members)
        {
            var engines = new List<IScoringEngine>(members.Count);
            try
            {
                foreach (ModelFile.MemberContents member in members)
                {
                    engines.Add(CreateEngine(member.Contents, member.Name, options));
                }
            }
            catch
            {
                engines.ForEach(e => e.Dispose());
                throw;
            }

            return new EnsembleEngine(
                engines.ToArray(),
                members.Select(m => (float)m.Record.Weight).ToArray(),
                members.Select(m => m.Contents.Metadata.Features.Embedding is not null).ToArray(),
                contents.Metadata.Heads.Sum(h => h.Labels.Count));
        }

        return options.Engine switch
        {
            ScoringEngine.MlNet => MlNetEngine(contents, name),
            ScoringEngine.Compiled => new CompiledEngine(ReadScorer(contents, name)
                ?? throw new ModelLoadException(name, "has no compiled scorer (its model is not linear); load it with the ML.NET engine")),
            _ => ReadScorer(contents, name) is { } scorer ? new CompiledEngine(scorer) : MlNetEngine(contents, name),
        };
    }

    private static IScoringEngine MlNetEngine(ModelFile.Contents contents, string name)
    {
        IScoringEngineFactory factory = Components.MlNet
            ?? throw new ModelLoadException(name, contents.LinearScorer is null
                ? $"is scored by ML.NET (its classifier is not linear), which is in the {Components.MlNetPackage} package: add a reference to it (dotnet add package {Components.MlNetPackage})"
                : $"the ML.NET engine is in the {Components.MlNetPackage} package: add a reference to it (dotnet add package {Components.MlNetPackage})");
        return factory.Create(contents.Pipeline!, contents.Metadata, name);
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
            LinearScorer scorer = LinearScorerFormat.Read(stream, contents.Metadata.Features);
            ModelValidation.CheckScorer(scorer, contents.Metadata, name);
            return scorer;
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or ArgumentException or FormatException or OverflowException or IndexOutOfRangeException or InvalidOperationException)
        {
            throw new ModelLoadException(name, $"is damaged: {ModelFile.LinearScorerEntry} cannot be read ({e.Message})", e);
        }
    }

    /// <summary>The compiled scorer of the model, or of each member of an ensemble, with its weight.</summary>
    private IReadOnlyList<(LinearScorer Scorer, float Weight)> CompiledScorers()
    {
        const string NotLinear = "This model cannot be explained: its classifier (or a member's) is not linear, or it was loaded with the ML.NET engine.";
        if (_engine is EnsembleEngine ensemble)
        {
            return ensemble.Members.Select((member, m) => ((member as CompiledEngine)?.Scorer ?? throw new StanceException(NotLinear), ensemble.Weights[m])).ToList();
        }

        return [((_engine as CompiledEngine)?.Scorer ?? throw new StanceException(NotLinear), 1f)];
    }

    /// <summary>How many items a batch holds.</summary>
    private int BatchSize => _encoder is null ? ScoringBatchSize : EmbeddingBatchSize;

    /// <summary>
    /// How many batches are scored at once: one per core, except with a sentence encoder, which
    /// already uses every core for one batch (more at once only contend).
    /// </summary>
    private int Parallelism => _encoder is null ? _options.MaxDegreeOfParallelism : 1;

    private float[] Embed(string text)
    {
        if (_encoder is null)
        {
            return [];
        }

        ISentenceEncoder encoder = _encoder.Value;
        var embedding = new float[encoder.Dimension];
        encoder.Encode(text, embedding);
        return embedding;
    }

    /// <summary>Scores a batch on the calling thread; embeddings are encoded as one call over every core.</summary>
    private ClassifiedBatch<TItem> Score<TItem>(TItem[] items, Func<TItem, string?> textOf)
    {
        int width = _layout.Width;
        var probabilities = new float[items.Length * width];
        var classified = new bool[items.Length];
        var texts = new string?[items.Length];
        for (int i = 0; i < items.Length; i++)
        {
            string? text = textOf(items[i]);
            texts[i] = string.IsNullOrWhiteSpace(text) ? null : text;
        }

        float[][]? embeddings = null;
        if (_encoder is not null)
        {
            string[] nonEmpty = texts.Where(t => t is not null).ToArray()!;
            float[][] encoded = nonEmpty.Length == 0 ? [] : _encoder.Value.EncodeMany(nonEmpty, _options.MaxDegreeOfParallelism);
            embeddings = new float[items.Length][];
            int next = 0;
            for (int i = 0; i < items.Length; i++)
            {
                embeddings[i] = texts[i] is null ? [] : encoded[next++];
            }
        }

        for (int i = 0; i < items.Length; i++)
        {
            if (texts[i] is { } text)
            {
                _engine.Score(text, embeddings is null ? [] : embeddings[i], probabilities.AsSpan(i * width, width));
                classified[i] = true;
            }
        }

        return new ClassifiedBatch<TItem>(_layout, items, probabilities, classified);
    }

    private static Classification[] ToClassifications(ClassifiedBatch<string> batch)
    {
        var results = new Classification[batch.Count];
        for (int i = 0; i < results.Length; i++)
        {
            results[i] = batch.Classification(i);
        }

        return results;
    }
}

/// <summary>One member of an ensemble model: its inner file, its weight and its own metadata (heads, training, cross-validation).</summary>
public sealed record EnsembleMember(string Entry, double Weight, ModelMetadata Metadata);
