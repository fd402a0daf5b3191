using System.IO.Compression;
using System.Reflection;
using Microsoft.ML;
using Stance.MlNet;
using Stance.Embeddings;
using Stance.Scoring;
using Stance.Training.Data;
using Stance.IO.Files;
using Stance.Training.Metrics;
using Stance.Training.Pipeline;
using Stance.Training.Selection;

namespace Stance.Training;

/// <summary>What to train and where to write it.</summary>
public sealed record TrainingOptions
{
    public required string DataPath { get; init; }

    /// <summary>Further labeled files trained on together with <see cref="DataPath"/> (the shipped corpus plus the user's rows), each checked like it.</summary>
    public IReadOnlyList<string> MoreData { get; init; } = [];

    public required string OutputPath { get; init; }

    public DatasetOptions Data { get; init; } = new();

    public int Seed { get; init; } = 1;

    public int Folds { get; init; } = 5;

    /// <summary>Choose features and trainers by cross-validation; otherwise use the default recipe.</summary>
    public bool Select { get; init; } = true;

    /// <summary>
    /// <c>fast</c>, <c>accurate</c>, <c>all</c> (both tiers compete), or <c>ensemble</c>: an accurate and a
    /// fast model, each chosen as for its tier, packed into one ensemble model that averages them 0.5/0.5.
    /// </summary>
    public string Tier { get; init; } = "all";

    /// <summary>Replaces the documented candidate feature recipes (tests, experiments).</summary>
    public IReadOnlyList<FeatureSettings>? Features { get; init; }

    /// <summary>Replaces the documented candidate trainers (tests, experiments).</summary>
    public IReadOnlyList<TrainerSettings>? Trainers { get; init; }

    /// <summary>Stops training (with an <see cref="OperationCanceledException"/>) between folds and candidates; nothing is written.</summary>
    public CancellationToken CancellationToken { get; init; }
}

/// <summary>A trained model and how it was chosen.</summary>
/// <param name="CompiledScorer">Whether the model file holds a compiled scorer (it passed the parity check).</param>
/// <param name="Notes">Things the user should know: skipped rows, duplicate conflicts, a model that could not be compiled.</param>
public sealed record TrainingResult(ModelMetadata Metadata, bool CompiledScorer, IReadOnlyList<string> Notes)
{
    /// <summary>The chosen configuration's out-of-fold probabilities, per head ([head][row][label]): what an ensemble's cross-validation averages.</summary>
    internal IReadOnlyList<float[][]> OutOfFold { get; init; } = [];
}

/// <summary>
/// Trains a Stance model from a labeled CSV file: reads and checks the data, chooses features and
/// trainers by k-fold cross-validation (on the training data only), fits the chosen chain on all
/// rows, compiles it, verifies the compiled scorer against ML.NET, and writes the model file atomically.
/// </summary>
public static class ModelTrainer
{
    /// <summary>The tolerance of the parity check between the compiled scorer and the ML.NET chain.</summary>
    public const float ParityTolerance = 1e-5f;

    public static TrainingResult Train(TrainingOptions options, IProgress<string>? progress = null)
    {
        if (options.Folds < 2)
        {
            throw new StanceException($"cross-validation needs at least 2 folds (got {options.Folds})") { Setting = nameof(TrainingOptions.Folds) };
        }

        // Before the data is read, so that a bad output path costs nothing; Train(dataset, ...)
        // checks again for callers that bring their own dataset.
        CheckOutput(options);
        LabeledDataset dataset = DatasetLoader.LoadMany([options.DataPath, .. options.MoreData], options.Data);
        return Train(dataset, options, progress);
    }

    public static TrainingResult Train(LabeledDataset dataset, TrainingOptions options, IProgress<string>? progress = null)
    {
        CheckOutput(options);
        if (options.Folds > dataset.Examples.Count)
        {
            throw new StanceException($"{options.Folds} cross-validation folds for {dataset.Examples.Count} rows: there can be at most one fold per row") { Setting = nameof(TrainingOptions.Folds) };
        }

        if (options.Tier == Tiers.Ensemble)
        {
            return TrainEnsemble(dataset, options, progress);
        }

        var notes = new List<string>();
        if (dataset.SkippedEmpty > 0)
        {
            notes.Add($"skipped {dataset.SkippedEmpty} row(s) with an empty text");
        }

        notes.AddRange(dataset.Warnings.Select(w => "warning: " + w));
        var data = new FeatureData(dataset);
        int[] folds = CrossValidation.Folds(data.Labels[0], options.Folds, options.Seed);

        IReadOnlyList<FeatureSettings> featureCandidates = options.Features ?? (options.Select ? CandidateSet.Features(options.Tier) : [DefaultFeatures(options.Tier)]);

        Choice? best = null;
        var table = new List<CandidateScore>();
        foreach (FeatureSettings features in featureCandidates)
        {
            options.CancellationToken.ThrowIfCancellationRequested();
            IReadOnlyList<TrainerSettings> trainerCandidates = options.Trainers ?? (options.Select ? CandidateSet.TrainersFor(features) : [CandidateSet.DefaultTrainer]);
            progress?.Report($"cross-validating {features.Describe()} ({trainerCandidates.Count} trainer(s), {options.Folds} folds)");
            OutOfFold[][] outOfFold = CrossValidation.Run(data, features, trainerCandidates, folds, options.Seed, progress, options.CancellationToken);
            var perHead = new OutOfFold[dataset.Heads.Count];
            var scores = new double[dataset.Heads.Count];
            for (int h = 0; h < dataset.Heads.Count; h++)
            {
                HeadData head = dataset.Heads[h];
                double bestScore = double.MinValue;
                foreach (OutOfFold candidate in outOfFold[h])
                {
                    double macroF1 = ClassificationMetrics.Compute(head.Labels, data.Labels[h], candidate.Predicted).MacroF1;
                    table.Add(new CandidateScore(head.Name, features.Describe(), candidate.Trainer.Describe(), macroF1, false));
                    if (macroF1 > bestScore)
                    {
                        bestScore = macroF1;
                        perHead[h] = candidate;
                    }
                }

                scores[h] = bestScore;
            }

            double score = scores.Average();
            if (best is null || score > best.Score)
            {
                best = new Choice(features, perHead, score);
            }
        }

        Choice chosen = best!;
        var chosenTrainers = dataset.Heads.Select((head, h) => (head.Name, chosen.PerHead[h].Trainer.Describe())).ToHashSet();
        var chosenTable = table
            .Select(c => c with { Chosen = c.Features == chosen.Features.Describe() && chosenTrainers.Contains((c.Head, c.Trainer)) })
            .ToList();

        progress?.Report($"chosen: {chosen.Features.Describe()} with {string.Join(", ", chosen.PerHead.Select((p, h) => $"{dataset.Heads[h].Name}: {p.Trainer.Describe()}"))}; fitting on all {dataset.Examples.Count} rows");
        var heads = new List<HeadMetadata>();
        for (int h = 0; h < dataset.Heads.Count; h++)
        {
            HeadData head = dataset.Heads[h];
            OutOfFold oof = chosen.PerHead[h];
            heads.Add(new HeadMetadata(
                head.Name,
                head.Column,
                head.Labels,
                oof.Trainer,
                ClassificationMetrics.Compute(head.Labels, data.Labels[h], oof.Predicted),
                Calibration(data.Labels[h], oof)));
        }

        var metadata = new ModelMetadata
        {
            FormatVersion = ModelMetadata.CurrentFormatVersion,
            LibraryVersion = LibraryVersion,
            CreatedUtc = DateTimeOffset.UtcNow,
            Tier = chosen.Features.Tier,
            TextColumn = dataset.TextColumn,
            Features = chosen.Features,
            Heads = heads,
            TrainingData = new TrainingDataInfo(dataset.Files.Count > 1 ? string.Join(" + ", dataset.Files.Select(f => f.FileName)) : Path.GetFileName(dataset.Path), dataset.Sha256, dataset.Examples.Count, dataset.SkippedEmpty)
            {
                Files = dataset.Files.Count > 1 ? dataset.Files : [],
            },
            Seed = options.Seed,
            Folds = options.Folds,
            Selection = chosenTable,
        };

        options.CancellationToken.ThrowIfCancellationRequested();
        var ml = new MLContext(options.Seed);
        var chain = CrossValidation.FitAll(data, chosen.Features, chosen.PerHead.Select(p => p.Trainer).ToArray(), options.Seed, progress);
        LinearScorer? scorer = LinearScorerCompiler.TryCompile(ml, chain, metadata, out string? reason);
        if (scorer is null)
        {
            notes.Add($"the model is scored by ML.NET only: {reason}");
        }
        else if (ParityProblem(ml, chain, scorer, metadata, data, progress) is { } problem)
        {
            notes.Add($"the compiled scorer disagrees with ML.NET ({problem}); the model is scored by ML.NET only");
            scorer = null;
        }

        options.CancellationToken.ThrowIfCancellationRequested();
        metadata = Write(options.OutputPath, ml, chain, metadata, scorer);
        return new TrainingResult(metadata, scorer is not null, notes) { OutOfFold = chosen.PerHead.Select(p => p.Probabilities).ToList() };
    }

    /// <summary>
    /// The members of the shipped default model, in its order (accurate, then fast), each trained as
    /// <c>--tier accurate</c> and <c>--tier fast</c> would train it, into a temporary folder; then
    /// packed by <see cref="ModelCombiner"/>, whose cross-validation of the ensemble averages the
    /// out-of-fold probabilities the members' own cross-validation produced (the same folds: same
    /// rows, seed and fold count), so nothing is cross-validated twice.
    /// </summary>
    private static TrainingResult TrainEnsemble(LabeledDataset dataset, TrainingOptions options, IProgress<string>? progress)
    {
        if (options.Features is not null)
        {
            throw new StanceException("an ensemble trains the recipes of both tiers; it takes no replacement feature recipes") { Setting = nameof(TrainingOptions.Features) };
        }

        string work = Directory.CreateTempSubdirectory("stance-ensemble-").FullName;
        try
        {
            var members = new List<(string Path, TrainingResult Result)>();
            foreach (string tier in (string[])[Tiers.Accurate, Tiers.Fast])
            {
                progress?.Report($"ensemble member {members.Count + 1} of 2: the {tier} tier");
                string path = Path.Combine(work, tier + ".zip");
                members.Add((path, Train(dataset, options with { Tier = tier, OutputPath = path }, progress)));
            }

            var data = new FeatureData(dataset);
            ModelMetadata metadata = ModelCombiner.Combine(
                new CombineOptions
                {
                    ModelPaths = members.Select(m => m.Path).ToList(),
                    OutputPath = options.OutputPath,
                    CancellationToken = options.CancellationToken,
                    OutOfFold = new EnsembleOutOfFold(data.Labels, members.Select(m => m.Result.OutOfFold).ToList()),
                },
                progress);
            // The dataset's notes (skipped rows, warnings) are the same for both members: said once;
            // what concerns one member alone (its scorer) is said with its tier.
            List<string> shared = members[0].Result.Notes.Where(n => members.All(m => m.Result.Notes.Contains(n))).Distinct().ToList();
            IReadOnlyList<string> notes = [.. shared, .. members.SelectMany(m => m.Result.Notes.Except(shared).Select(n => $"{m.Result.Metadata.Tier} member: {n}"))];
            return new TrainingResult(metadata, members.All(m => m.Result.CompiledScorer), notes);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The output must be writable and must not be the training data (under any name: links are followed, files compared by device and inode); checked before any work.</summary>
    private static void CheckOutput(TrainingOptions options)
    {
        if (OutputTarget.Problem(options.OutputPath) is { } problem)
        {
            throw new StanceException($"{options.OutputPath}: {problem}") { Setting = nameof(TrainingOptions.OutputPath) };
        }

        foreach (string data in (string[])[options.DataPath, .. options.MoreData])
        {
            if (FileStatus.SameFile(data, options.OutputPath))
            {
                throw new StanceException($"{options.OutputPath} is the training data file {data}: the model would overwrite it; write the model elsewhere") { Setting = nameof(TrainingOptions.OutputPath) };
            }
        }
    }

    /// <summary>The version of this library, recorded in model files.</summary>
    public static string LibraryVersion { get; } =
        typeof(StanceClassifier).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private static FeatureSettings DefaultFeatures(string tier) =>
        tier == Tiers.Accurate ? CandidateSet.AccurateFeatures : CandidateSet.FastFeatures;

    internal static IReadOnlyList<CalibrationBin> Calibration(int[] gold, OutOfFold oof)
    {
        int[] predicted = oof.Predicted;
        var bins = new List<CalibrationBin>();
        for (int b = 0; b < 10; b++)
        {
            double from = b / 10.0;
            double to = (b + 1) / 10.0;
            int count = 0;
            int right = 0;
            for (int i = 0; i < gold.Length; i++)
            {
                double confidence = oof.Probabilities[i][predicted[i]];
                if (confidence >= from && (confidence < to || (b == 9 && confidence <= 1.0)))
                {
                    count++;
                    right += predicted[i] == gold[i] ? 1 : 0;
                }
            }

            if (count > 0)
            {
                bins.Add(new CalibrationBin(from, to, count, (double)right / count));
            }
        }

        return bins;
    }

    /// <summary>Compares the compiled scorer with the ML.NET chain on every training text; null when they agree.</summary>
    private static string? ParityProblem(MLContext ml, ITransformer chain, LinearScorer scorer, ModelMetadata metadata, FeatureData data, IProgress<string>? progress)
    {
        using var reference = new MlNetEngine(ml, chain, metadata);
        var compiled = new CompiledEngine(scorer);
        float[][]? embeddings = metadata.Features.Embedding is null ? null : data.Embeddings(metadata.Features.Embedding, progress);
        int width = metadata.Heads.Sum(h => h.Labels.Count);
        var expected = new float[width];
        var actual = new float[width];
        for (int i = 0; i < data.Count; i++)
        {
            ReadOnlySpan<float> embedding = embeddings is null ? [] : embeddings[i];
            reference.Score(data.Texts[i], embedding, expected);
            compiled.Score(data.Texts[i], embedding, actual);
            for (int k = 0; k < width; k++)
            {
                if (!(Math.Abs(expected[k] - actual[k]) <= ParityTolerance))
                {
                    return $"row {i + 1}: probability {actual[k]} instead of {expected[k]}";
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Writes the model file: every inner file is built in memory first, so that <c>model.json</c>
    /// records the size and SHA-256 of each (checked at load).
    /// </summary>
    private static ModelMetadata Write(string path, MLContext ml, ITransformer chain, ModelMetadata metadata, LinearScorer? scorer)
    {
        var pipeline = new MemoryStream();
        using (MlNetTemporaryFolder.For(ml))
        {
            ml.Model.Save(chain, FeatureSchema.EmptyScoringView(ml, metadata.Features.EmbeddingLength).Schema, pipeline);
        }

        byte[]? compiled = null;
        if (scorer is not null)
        {
            var buffer = new MemoryStream();
            LinearScorerFormat.Write(scorer, buffer);
            compiled = buffer.ToArray();
        }

        var parts = new List<ModelPart> { Part(ModelFile.PipelineEntry, pipeline.ToArray()) };
        if (compiled is not null)
        {
            parts.Add(Part(ModelFile.LinearScorerEntry, compiled));
        }

        metadata = metadata with { Parts = parts };
        using OutputTarget file = OutputTarget.Create(path);
        using (var archive = new ZipArchive(file.Stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (Stream entry = archive.CreateEntry(ModelFile.MetadataEntry, CompressionLevel.Optimal).Open())
            {
                entry.Write(ModelFile.SerializeMetadata(metadata));
            }

            using (Stream entry = archive.CreateEntry(ModelFile.PipelineEntry, CompressionLevel.NoCompression).Open())
            {
                entry.Write(pipeline.GetBuffer(), 0, (int)pipeline.Length);
            }

            if (compiled is not null)
            {
                using Stream entry = archive.CreateEntry(ModelFile.LinearScorerEntry, CompressionLevel.Fastest).Open();
                entry.Write(compiled);
            }
        }

        file.Commit();
        return metadata;
    }

    private static ModelPart Part(string name, byte[] bytes) =>
        new(name, bytes.LongLength, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));

    private sealed record Choice(FeatureSettings Features, OutOfFold[] PerHead, double Score);
}
