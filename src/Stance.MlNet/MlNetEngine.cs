using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using Stance.Scoring;
using Stance.Text;

namespace Stance.MlNet;

/// <summary>
/// Scores with the model's ML.NET transformer chain through pooled <see cref="PredictionEngine{TSrc, TDst}"/>s
/// (a prediction engine is not thread-safe, so each call borrows one). Works for every model,
/// including those the compiled scorer cannot handle, and is the baseline the benchmarks compare to.
/// </summary>
internal sealed class MlNetEngine : IScoringEngine
{
    private readonly ModelMetadata _metadata;
    private readonly ObjectPool<Worker> _workers;
    private readonly int _embeddingDimension;

    public MlNetEngine(MLContext ml, ITransformer chain, ModelMetadata metadata)
    {
        _metadata = metadata;
        Chain = chain;
        _embeddingDimension = metadata.Features.EmbeddingLength;
        _workers = new DefaultObjectPool<Worker>(new WorkerPolicy(ml, chain, metadata, _embeddingDimension), Environment.ProcessorCount * 2);
    }

    public string Name => "ml.net";

    public ITransformer Chain { get; }

    public static MlNetEngine Load(byte[] pipeline, ModelMetadata metadata, string modelName)
    {
        var ml = new MLContext(seed: metadata.Seed);
        using MlNetTemporaryFolder temporary = MlNetTemporaryFolder.For(ml);
        try
        {
            using var stream = new MemoryStream(pipeline, writable: false);
            ITransformer chain = ml.Model.Load(stream, out _);
            var engine = new MlNetEngine(ml, chain, metadata);
            engine.CheckShape(modelName);
            return engine;
        }
        catch (ModelLoadException)
        {
            throw;
        }
        catch (Exception e) when (e is not (OutOfMemoryException or OperationCanceledException))
        {
            // ML.NET reports damage in many ways (TargetInvocationException, FormatException, ...).
            Exception cause = e is System.Reflection.TargetInvocationException { InnerException: { } inner } ? inner : e;
            throw new ModelLoadException(modelName, $"is damaged: its ML.NET pipeline ({ModelFile.PipelineEntry}) cannot be loaded ({cause.Message.ReplaceLineEndings(" ")}); retrain the model with 'stance train'", e);
        }
    }

    /// <summary>The chain must give one score per label of every head the metadata names.</summary>
    private void CheckShape(string modelName)
    {
        Worker worker = _workers.Get();
        try
        {
            worker.Row.Tokens = ["a"];
            worker.Row.CharGrams = [];
            if (_embeddingDimension > 0)
            {
                worker.Row.Embedding = new float[_embeddingDimension];
            }

            worker.Engine.Predict(worker.Row, ref worker.Output);
            foreach (HeadMetadata head in _metadata.Heads)
            {
                float[]? scores = head.Name == HeadNames.Stance ? worker.Output.StanceScore : worker.Output.SentimentScore;
                if (scores is null || scores.Length != head.Labels.Count)
                {
                    throw new ModelLoadException(modelName, $"is inconsistent: its ML.NET pipeline gives {scores?.Length ?? 0} score(s) for head '{head.Name}', model.json names {head.Labels.Count} label(s); retrain the model with 'stance train'");
                }
            }
        }
        finally
        {
            _workers.Return(worker);
        }
    }

    public void Score(string text, ReadOnlySpan<float> embedding, Span<float> probabilities)
    {
        Worker worker = _workers.Get();
        try
        {
            worker.Tokenizer.Tokenize(text, worker.Tokens);
            worker.Row.Tokens = worker.Tokens.ToArray();
            if (worker.Tokenizer.Options.HasCharGrams)
            {
                worker.CharGrams.Clear();
                CharGrams.AddTo(worker.Tokens, worker.Tokenizer.Options.CharGramMin, worker.Tokenizer.Options.CharGramMax, worker.CharGrams);
                worker.Row.CharGrams = [.. worker.CharGrams];
            }

            if (_embeddingDimension > 0)
            {
                worker.Row.Embedding = embedding.ToArray();
            }

            worker.Engine.Predict(worker.Row, ref worker.Output);
            int offset = 0;
            foreach (HeadMetadata head in _metadata.Heads)
            {
                float[] scores = head.Name switch
                {
                    HeadNames.Stance => worker.Output.StanceScore,
                    HeadNames.Sentiment => worker.Output.SentimentScore,
                    _ => throw new InvalidOperationException($"a model has a stance and a sentiment head, not '{head.Name}'"),
                };
                scores.AsSpan(0, head.Labels.Count).CopyTo(probabilities[offset..]);
                offset += head.Labels.Count;
            }
        }
        finally
        {
            _workers.Return(worker);
        }
    }

    public void Dispose()
    {
        if (_workers is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }

    private sealed class Worker(PredictionEngine<FeatureRow, ScoreRow> engine, TokenizerOptions options) : IDisposable
    {
        public PredictionEngine<FeatureRow, ScoreRow> Engine { get; } = engine;

        public Tokenizer Tokenizer { get; } = new(options);

        public TokenList Tokens { get; } = new();

        public List<string> CharGrams { get; } = [];

        public FeatureRow Row { get; } = new();

        public ScoreRow Output = new();

        public void Dispose() => Engine.Dispose();
    }

    private sealed class WorkerPolicy(MLContext ml, ITransformer chain, ModelMetadata metadata, int embeddingDimension) : PooledObjectPolicy<Worker>
    {
        public override Worker Create() =>
            new(ml.Model.CreatePredictionEngine<FeatureRow, ScoreRow>(chain, ignoreMissingColumns: true, inputSchemaDefinition: FeatureSchema.ForScoring(embeddingDimension)), metadata.Features.Tokenizer);

        public override bool Return(Worker obj) => true;
    }
}
