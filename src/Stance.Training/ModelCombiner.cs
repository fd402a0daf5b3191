using System.IO.Compression;
using System.Security.Cryptography;
using Stance.IO.Files;
using Stance.Training.Data;
using Stance.Training.Metrics;
using Stance.Training.Pipeline;
using Stance.Training.Selection;

namespace Stance.Training;

/// <summary>What to combine into an ensemble and where to write it.</summary>
public sealed record CombineOptions
{
    /// <summary>The member model files (2 to 8 single models with the same heads and labels, trained on the same data).</summary>
    public required IReadOnlyList<string> ModelPaths { get; init; }

    /// <summary>Their weights, positive and summing to 1; null: equal weights.</summary>
    public IReadOnlyList<double>? Weights { get; init; }

    public required string OutputPath { get; init; }

    /// <summary>
    /// The members' training data, to cross-validate the ensemble: each member's recorded
    /// configuration is cross-validated again on the same folds and their out-of-fold
    /// probabilities averaged. Null: the ensemble's own cross-validation is not measured.
    /// </summary>
    public string? DataPath { get; init; }

    public DatasetOptions Data { get; init; } = new();

    public CancellationToken CancellationToken { get; init; }

    /// <summary>
    /// The members' out-of-fold probabilities, already computed on the same folds (by the trainer that
    /// has just trained them, <c>--tier ensemble</c>): the ensemble's cross-validation averages these
    /// instead of cross-validating each member again.
    /// </summary>
    internal EnsembleOutOfFold? OutOfFold { get; init; }
}

/// <summary>Gold label indexes per head ([head][row]) and each member's out-of-fold probabilities ([member][head][row][label]).</summary>
internal sealed record EnsembleOutOfFold(int[][] Gold, IReadOnlyList<IReadOnlyList<float[][]>> Members);

/// <summary>
/// Packs existing model files into one ensemble model file: each member stored whole (its bytes
/// unchanged, their SHA-256 recorded), the ensemble's model.json listing the members, their
/// weights and a summary of each. Written atomically, after the packed file has been read back
/// and checked like any model.
/// </summary>
public static class ModelCombiner
{
    public static ModelMetadata Combine(CombineOptions options, IProgress<string>? progress = null)
    {
        IReadOnlyList<string> paths = options.ModelPaths;
        if (paths.Count < 2 || paths.Count > ModelValidation.MaxMembers)
        {
            throw new StanceException($"an ensemble has 2 to {ModelValidation.MaxMembers} models (got {paths.Count})") { Setting = nameof(CombineOptions.ModelPaths) };
        }

        double[] weights = (options.Weights ?? Enumerable.Repeat(1.0 / paths.Count, paths.Count)).ToArray();
        if (WeightProblem(weights, paths.Count) is { } problem)
        {
            throw new StanceException(problem) { Setting = nameof(CombineOptions.Weights) };
        }

        if (OutputTarget.Problem(options.OutputPath) is { } output)
        {
            throw new StanceException($"{options.OutputPath}: {output}") { Setting = nameof(CombineOptions.OutputPath) };
        }

        if (paths.FirstOrDefault(p => FileStatus.SameFile(p, options.OutputPath)) is { } input)
        {
            throw new StanceException($"{options.OutputPath} is the member model {input}: the ensemble would overwrite it; write it elsewhere") { Setting = nameof(CombineOptions.OutputPath) };
        }

        var members = new List<(string Path, byte[] Bytes, ModelMetadata Metadata)>();
        foreach (string path in paths)
        {
            options.CancellationToken.ThrowIfCancellationRequested();
            byte[] bytes = ReadModel(path);
            ModelMetadata metadata = ModelFile.Read(new MemoryStream(bytes, writable: false), path).Metadata;
            if (metadata.IsEnsemble)
            {
                throw new StanceException($"{path}: is an ensemble; the members of an ensemble are single models (ensembles do not nest)");
            }

            if (members.Count > 0 && ModelValidation.HeadProblem(members[0].Metadata.Heads, metadata.Heads) is { } heads)
            {
                throw new StanceException($"{path}: cannot be combined with {members[0].Path}: {heads}");
            }

            if (members.Count > 0 && !SameTraining(members[0].Metadata, metadata))
            {
                throw new StanceException($"{path}: was trained on other data than {members[0].Path} ({metadata.TrainingData.FileName} sha256 {metadata.TrainingData.Sha256[..12]}, seed {metadata.Seed}, {metadata.Folds} folds; against {members[0].Metadata.TrainingData.FileName} sha256 {members[0].Metadata.TrainingData.Sha256[..12]}, seed {members[0].Metadata.Seed}, {members[0].Metadata.Folds} folds); combine models trained on the same data");
            }

            members.Add((path, bytes, metadata));
        }

        string?[] encoders = members.Select(m => m.Metadata.Features.Embedding).Where(e => e is not null).Distinct().ToArray();
        if (encoders.Length > 1)
        {
            throw new StanceException($"the models use different sentence encoders ({string.Join(", ", encoders)}); an ensemble's members share one encoder at most");
        }

        string[] entries = EntryNames(members.Select(m => m.Metadata.Tier).ToList());
        IReadOnlyList<ClassificationReport>? reports = null;
        IReadOnlyList<IReadOnlyList<CalibrationBin>>? calibration = null;
        if (options.OutOfFold is { } given)
        {
            var scored = members[0].Metadata.Heads
                .Select((head, h) => Score(head.Labels, given.Gold[h], given.Members.Select(m => m[h]).ToList(), weights))
                .ToList();
            (reports, calibration) = (scored.Select(s => s.Report).ToList(), scored.Select(s => s.Calibration).ToList());
        }
        else if (options.DataPath is { } data)
        {
            (reports, calibration) = CrossValidate(data, options, members.Select(m => m.Metadata).ToList(), weights, progress);
        }

        ModelMetadata first = members[0].Metadata;
        var ensemble = new ModelMetadata
        {
            FormatVersion = ModelMetadata.CurrentFormatVersion,
            LibraryVersion = ModelTrainer.LibraryVersion,
            CreatedUtc = DateTimeOffset.UtcNow,
            Tier = ModelMetadata.EnsembleTier,
            TextColumn = first.TextColumn,
            Features = members.Select(m => m.Metadata.Features).FirstOrDefault(f => f.Embedding is not null) ?? first.Features,
            Heads = first.Heads.Select((h, i) => new HeadMetadata(h.Name, h.LabelColumn, h.Labels, null, reports?[i], calibration?[i] ?? [])).ToList(),
            // Read back from JSON, a member without several training files has no list at all.
            TrainingData = first.TrainingData with { Files = first.TrainingData.Files ?? [] },
            Seed = first.Seed,
            Folds = first.Folds,
            Members = members.Select((m, i) => ModelValidation.Summarize(entries[i], weights[i], m.Metadata)).ToList(),
            Parts = members.Select((m, i) => new ModelPart(entries[i], m.Bytes.LongLength, Convert.ToHexStringLower(SHA256.HashData(m.Bytes)))).ToList(),
        };

        byte[] packed = Pack(ensemble, members.Select(m => m.Bytes).ToList());
        ModelFile.Read(new MemoryStream(packed, writable: false), options.OutputPath, withPipeline: true);
        options.CancellationToken.ThrowIfCancellationRequested();
        using OutputTarget file = OutputTarget.Create(options.OutputPath);
        file.Stream.Write(packed);
        file.Commit();
        return ensemble;
    }

    /// <summary>Why these weights cannot weigh <paramref name="count"/> members, or null: one each, finite, above 0, summing to 1.</summary>
    public static string? WeightProblem(IReadOnlyList<double> weights, int count)
    {
        if (weights.Count != count)
        {
            return $"{weights.Count} weight(s) for {count} models: give one weight per model";
        }

        foreach (double weight in weights)
        {
            if (!double.IsFinite(weight) || weight <= 0)
            {
                return $"the weight {weight} is not a finite number above 0";
            }
        }

        double sum = weights.Sum();
        return Math.Abs(sum - 1) > ModelValidation.WeightSumTolerance ? $"the weights sum to {sum}, not 1" : null;
    }

    /// <summary>
    /// The metrics of a weighted mean of out-of-fold probabilities: per head, the members'
    /// probability vectors ([member][row][label]) averaged, then scored against the gold labels.
    /// </summary>
    internal static (ClassificationReport Report, IReadOnlyList<CalibrationBin> Calibration) Score(
        IReadOnlyList<string> labels, int[] gold, IReadOnlyList<float[][]> members, IReadOnlyList<double> weights)
    {
        var mean = new float[gold.Length][];
        for (int i = 0; i < gold.Length; i++)
        {
            mean[i] = new float[labels.Count];
            for (int m = 0; m < members.Count; m++)
            {
                for (int k = 0; k < labels.Count; k++)
                {
                    mean[i][k] += (float)weights[m] * members[m][i][k];
                }
            }
        }

        var oof = new OutOfFold(new TrainerSettings(TrainerKind.LbfgsMaximumEntropy), mean);
        return (ClassificationMetrics.Compute(labels, gold, oof.Predicted), ModelTrainer.Calibration(gold, oof));
    }

    /// <summary>
    /// Cross-validates each member's recorded configuration again on the training data (the same
    /// folds: same data, seed and fold count), checks that it reproduces the member's recorded
    /// metrics, and scores the weighted mean of their out-of-fold probabilities.
    /// </summary>
    private static (IReadOnlyList<ClassificationReport>, IReadOnlyList<IReadOnlyList<CalibrationBin>>) CrossValidate(
        string path, CombineOptions options, IReadOnlyList<ModelMetadata> members, double[] weights, IProgress<string>? progress)
    {
        LabeledDataset dataset = DatasetLoader.LoadMany([path], options.Data);
        ModelMetadata first = members[0];
        if (!first.TrainingData.Includes(dataset.Sha256) || dataset.Examples.Count != first.TrainingData.RowCount)
        {
            throw new StanceException($"{path}: is not the data the models were trained on ({first.TrainingData.FileName}, {first.TrainingData.RowCount} rows, sha256 {first.TrainingData.Sha256[..12]})") { Setting = nameof(CombineOptions.DataPath) };
        }

        if (ModelValidation.HeadProblem(first.Heads, dataset.Heads.Select(h => new HeadMetadata(h.Name, h.Column, h.Labels, null, null, [])).ToList()) is { } heads)
        {
            throw new StanceException($"{path}: does not have the models' heads: {heads}") { Setting = nameof(CombineOptions.DataPath) };
        }

        var data = new FeatureData(dataset);
        int[] folds = CrossValidation.Folds(data.Labels[0], first.Folds, first.Seed);
        var perHead = first.Heads.Select(_ => new List<float[][]>()).ToArray();
        foreach (ModelMetadata member in members)
        {
            TrainerSettings[] trainers = member.Heads.Select(h => h.Trainer!).Distinct().ToArray();
            progress?.Report($"cross-validating the {member.Tier} member again: {member.Features.Describe()}, {first.Folds} folds");
            OutOfFold[][] outOfFold = CrossValidation.Run(data, member.Features, trainers, folds, member.Seed, progress, options.CancellationToken);
            for (int h = 0; h < member.Heads.Count; h++)
            {
                HeadMetadata head = member.Heads[h];
                OutOfFold again = outOfFold[h].First(o => o.Trainer == head.Trainer);
                double macroF1 = ClassificationMetrics.Compute(head.Labels, data.Labels[h], again.Predicted).MacroF1;
                if (macroF1 != head.CrossValidation!.MacroF1)
                {
                    throw new StanceException($"{path}: cross-validating the {member.Tier} member again gives {head.Name} macro-F1 {macroF1:0.0000}, not the {head.CrossValidation.MacroF1:0.0000} it records: it was not trained from this data with its recorded settings");
                }

                perHead[h].Add(again.Probabilities);
            }
        }

        var scored = first.Heads.Select((head, h) => Score(head.Labels, data.Labels[h], perHead[h], weights)).ToList();
        return (scored.Select(s => s.Report).ToList(), scored.Select(s => s.Calibration).ToList());
    }

    private static bool SameTraining(ModelMetadata a, ModelMetadata b) =>
        string.Equals(a.TrainingData.Sha256, b.TrainingData.Sha256, StringComparison.OrdinalIgnoreCase)
        && a.TrainingData.RowCount == b.TrainingData.RowCount && a.Seed == b.Seed && a.Folds == b.Folds;

    /// <summary><c>members/TIER.zip</c>, numbered when two members have the same tier.</summary>
    private static string[] EntryNames(IReadOnlyList<string> tiers) =>
        tiers.Select((tier, i) => tiers.Count(t => t == tier) == 1
            ? $"{ModelFile.MemberDirectory}{tier}.zip"
            : $"{ModelFile.MemberDirectory}{tier}-{tiers.Take(i + 1).Count(t => t == tier)}.zip").ToArray();

    private static byte[] ReadModel(string path)
    {
        if (!File.Exists(path) || Directory.Exists(path))
        {
            throw new ModelLoadException(path, Directory.Exists(path) ? "is a directory, not a model file" : "model file not found");
        }

        var info = new FileInfo(path);
        if (info.Length > ModelFile.MaxPartBytes)
        {
            throw new ModelLoadException(path, $"is {info.Length:N0} bytes, more than the {ModelFile.MaxPartBytes:N0} an ensemble member may have");
        }

        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelLoadException(path, $"cannot be read: {e.Message}", e);
        }
    }

    /// <summary>The ensemble file: model.json, then each member's model file stored as it is (already compressed).</summary>
    private static byte[] Pack(ModelMetadata metadata, IReadOnlyList<byte[]> members)
    {
        var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (Stream entry = archive.CreateEntry(ModelFile.MetadataEntry, CompressionLevel.Optimal).Open())
            {
                entry.Write(ModelFile.SerializeMetadata(metadata));
            }

            for (int i = 0; i < members.Count; i++)
            {
                using Stream entry = archive.CreateEntry(metadata.Members![i].Entry, CompressionLevel.NoCompression).Open();
                entry.Write(members[i]);
            }
        }

        return buffer.ToArray();
    }
}
