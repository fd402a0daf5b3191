using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Stance.Scoring;
using Stance.Tests.Support;
using Stance.Training;
using Stance.Training.Pipeline;
using Stance.Training.Selection;

namespace Stance.Tests;

/// <summary>Two small fast-tier models of different features, trained on the same sample, and their ensemble (weights 0.3 / 0.7, cross-validated).</summary>
public sealed class SmallEnsembleFixture : IDisposable
{
    private readonly TempDirectory _directory = new();

    public SmallEnsembleFixture()
    {
        DataPath = Corpus.Sample(_directory, "sample.csv", 6);
        FirstPath = _directory.File("words12.zip");
        SecondPath = _directory.File("words1.zip");
        First = ModelTrainer.Train(new TrainingOptions { DataPath = DataPath, OutputPath = FirstPath, Select = false, Folds = 3 });
        Second = ModelTrainer.Train(new TrainingOptions
        {
            DataPath = DataPath,
            OutputPath = SecondPath,
            Folds = 3,
            Features = [CandidateSet.FastFeatures with { WordNgramLength = 1 }],
            Trainers = [CandidateSet.DefaultTrainer with { L2 = 0.1f }],
        });
        EnsemblePath = _directory.File("ensemble.zip");
        Ensemble = ModelCombiner.Combine(new CombineOptions { ModelPaths = [FirstPath, SecondPath], Weights = [0.3, 0.7], OutputPath = EnsemblePath, DataPath = DataPath });
    }

    public string DataPath { get; }

    public string FirstPath { get; }

    public string SecondPath { get; }

    public string EnsemblePath { get; }

    public TrainingResult First { get; }

    public TrainingResult Second { get; }

    public ModelMetadata Ensemble { get; }

    public string Directory => _directory.Path;

    public void Dispose() => _directory.Dispose();
}

/// <summary>
/// An ensemble model file holds its members whole and scores the weighted mean of their
/// probabilities, with either engine, from many threads; it explains itself, records its own
/// cross-validation, and is refused with one line when it is damaged, inconsistent or nested.
/// </summary>
public sealed class EnsembleTests(SmallEnsembleFixture model) : IClassFixture<SmallEnsembleFixture>, IDisposable
{
    private static readonly string[] Quotes = ["Talks are the only way to lower the risk of war.", "Sanctions relief must wait for verified dismantlement.", "Summits have produced nothing but photo opportunities."];

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void The_ensemble_scores_the_weighted_mean_of_its_members_probabilities()
    {
        using StanceClassifier first = StanceClassifier.Load(model.FirstPath);
        using StanceClassifier second = StanceClassifier.Load(model.SecondPath);
        using StanceClassifier ensemble = StanceClassifier.Load(model.EnsemblePath);

        Assert.Equal("ensemble", ensemble.Metadata.Tier);
        Assert.Equal("compiled", ensemble.EngineName);
        Assert.Equal([0.3, 0.7], ensemble.Members.Select(m => m.Weight));
        foreach (string text in Quotes.Concat(Corpus.Texts().Take(300)))
        {
            Classification a = first.Classify(text), b = second.Classify(text), mean = ensemble.Classify(text);
            foreach (HeadMetadata head in ensemble.Heads)
            {
                for (int k = 0; k < head.Labels.Count; k++)
                {
                    float expected = (0.3f * a.Head(head.Name)!.Probabilities[k].Probability) + (0.7f * b.Head(head.Name)!.Probabilities[k].Probability);
                    Assert.Equal(expected, mean.Head(head.Name)!.Probabilities[k].Probability, 1e-6f);
                }
            }
        }
    }

    [Fact]
    public void The_compiled_and_ml_net_engines_give_the_same_ensemble_probabilities()
    {
        using StanceClassifier compiled = StanceClassifier.Load(model.EnsemblePath, new ClassifierOptions { Engine = ScoringEngine.Compiled });
        using StanceClassifier mlnet = StanceClassifier.Load(model.EnsemblePath, new ClassifierOptions { Engine = ScoringEngine.MlNet });
        Assert.Equal("ml.net", mlnet.EngineName);
        int width = compiled.Heads.Sum(h => h.Labels.Count);
        var expected = new float[width];
        var actual = new float[width];
        float worst = 0f;
        foreach (string text in Corpus.Texts().Take(2_000).Concat(Quotes))
        {
            mlnet.Engine.Score(text, [], expected);
            compiled.Engine.Score(text, [], actual);
            for (int k = 0; k < width; k++)
            {
                worst = Math.Max(worst, Math.Abs(expected[k] - actual[k]));
            }
        }

        Assert.True(worst <= ModelTrainer.ParityTolerance, $"largest probability difference {worst}");
    }

    [Fact]
    public void Sixteen_threads_give_the_sequential_ensemble_results_without_allocating_per_text()
    {
        using StanceClassifier classifier = StanceClassifier.Load(model.EnsemblePath);
        string[] texts = Corpus.Texts().Take(200).ToArray();
        Classification[] expected = texts.Select(classifier.Classify).ToArray();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        long allocated = 0;
        const int PerThread = 3_000;
        Parallel.For(0, 16, new ParallelOptions { MaxDegreeOfParallelism = 16 }, thread =>
        {
            long start = GC.GetAllocatedBytesForCurrentThread();
            for (int n = 0; n < PerThread; n++)
            {
                int i = (thread * 7919 + n) % texts.Length;
                if (!ThreadSafetyTests.Same(expected[i], classifier.Classify(texts[i])))
                {
                    failures.Add($"thread {thread}, text {i}");
                }
            }

            Interlocked.Add(ref allocated, GC.GetAllocatedBytesForCurrentThread() - start);
        });

        Assert.Empty(failures);
        long perClassification = allocated / (16L * PerThread);
        Assert.True(perClassification < 16 * 1024, $"{perClassification} bytes allocated per classification");
    }

    [Fact]
    public void The_recorded_cross_validation_is_that_of_the_mean_of_the_members_out_of_fold_probabilities()
    {
        for (int h = 0; h < model.Ensemble.Heads.Count; h++)
        {
            HeadMetadata head = model.Ensemble.Heads[h];
            int[] gold = Gold(head);
            (ClassificationReport expected, IReadOnlyList<CalibrationBin> calibration) = ModelCombiner.Score(head.Labels, gold, [model.First.OutOfFold[h], model.Second.OutOfFold[h]], [0.3, 0.7]);
            Assert.NotNull(head.CrossValidation);
            Assert.Equal(expected.MacroF1, head.CrossValidation.MacroF1);
            Assert.Equal(expected.ConfusionMatrix.SelectMany(r => r), head.CrossValidation.ConfusionMatrix.SelectMany(r => r));
            Assert.Equal(calibration.Select(b => b.Count), head.Calibration.Select(b => b.Count));
            Assert.Null(head.Trainer);
        }

        Assert.Equal(model.First.Metadata.Head("stance")!.CrossValidation!.MacroF1, model.Ensemble.Members![0].Heads[0].MacroF1);
    }

    [Fact]
    public void Explanations_of_an_ensemble_sum_the_members_contributions_scaled_by_their_weights()
    {
        using StanceClassifier first = StanceClassifier.Load(model.FirstPath);
        using StanceClassifier second = StanceClassifier.Load(model.SecondPath);
        using StanceClassifier ensemble = StanceClassifier.Load(model.EnsemblePath);
        // A text all three read the same way (label and runner-up), so that each member's
        // contributions are toward the labels the ensemble's are.
        (string text, HeadExplanation head, HeadExplanation a, HeadExplanation b) = Quotes.Concat(Corpus.Texts().Take(200))
            .Select(t => (t, ensemble.Explain(t, 1000).Heads[0], first.Explain(t, 1000).Heads[0], second.Explain(t, 1000).Heads[0]))
            .First(x => x.Item3.Label == x.Item2.Label && x.Item4.Label == x.Item2.Label && x.Item3.RunnerUp == x.Item2.RunnerUp && x.Item4.RunnerUp == x.Item2.RunnerUp);
        Assert.Equal(ensemble.Classify(text).Stance!.Label, head.Label);
        Assert.Equal((0.3f * a.Bias) + (0.7f * b.Bias), head.Bias, 1e-5f);
        Assert.Equal((0.3f * a.Score) + (0.7f * b.Score), head.Score, 1e-4f);

        FeatureContribution shared = head.Features.First(f => a.Features.Any(x => x.Feature == f.Feature) && b.Features.Any(x => x.Feature == f.Feature));
        Assert.Single(head.Features, f => f.Feature == shared.Feature && f.Kind == shared.Kind);
        float expected = (0.3f * a.Features.Single(f => f.Feature == shared.Feature).Contribution) + (0.7f * b.Features.Single(f => f.Feature == shared.Feature).Contribution);
        Assert.Equal(expected, shared.Contribution, 1e-5f);
        Assert.Equal(3, ensemble.Explain(text, top: 3).Heads[0].Features.Count);

        IReadOnlyDictionary<string, IReadOnlyList<IndicativeFeature>> indicative = ensemble.MostIndicativeFeatures("stance", 5);
        Assert.Equal(ensemble.Heads[0].Labels, indicative.Keys.Order(StringComparer.Ordinal));
        Assert.All(indicative.Values, features => Assert.Equal(5, features.Count));
        Assert.Throws<StanceException>(() => StanceClassifier.Load(model.EnsemblePath, new ClassifierOptions { Engine = ScoringEngine.MlNet }).Explain(text));
    }

    [Fact]
    public void Stance_info_and_explain_show_an_ensemble_with_its_members()
    {
        CommandLine.Result info = CommandLine.Run(model.Directory, "info", "--model", model.EnsemblePath);
        Assert.Equal(0, info.ExitCode);
        Assert.Contains("ensemble", info.Output);
        Assert.Contains("member members/fast-1.zip", info.Output);
        Assert.Contains("member members/fast-2.zip", info.Output);
        Assert.Contains("weight 0.7", info.Output);

        CommandLine.Result json = CommandLine.Run(model.Directory, "info", "--model", model.EnsemblePath, "--format", "json");
        JsonNode document = JsonNode.Parse(json.Output)!;
        Assert.Equal("ensemble", (string?)document["tier"]);
        Assert.Equal(2, document["members"]!.AsArray().Count);

        CommandLine.Result explain = CommandLine.Run(model.Directory, "explain", "--model", model.EnsemblePath, "--top", "3");
        Assert.Equal(0, explain.ExitCode);
        Assert.Contains("stance: most indicative features", explain.Output);
    }

    [Fact]
    public void Training_an_ensemble_says_the_datasets_notes_once_not_once_per_member()
    {
        string data = Corpus.Sample(_directory, "notes.csv", 100);
        File.AppendAllText(data, "empty-1,,skeptical,neutral,north-korea,analyst,test" + Environment.NewLine);

        TrainingResult result = ModelTrainer.Train(new TrainingOptions { DataPath = data, OutputPath = _directory.File("ensemble.zip"), Tier = Tiers.Ensemble, Select = false, Folds = 2 });

        Assert.Equal("ensemble", result.Metadata.Tier);
        Assert.Single(result.Notes, n => n.Contains("with an empty text", StringComparison.Ordinal));
        Assert.Contains("skipped 1 row(s) with an empty text", result.Notes);
    }

    [Fact]
    public void Combine_refuses_an_ensemble_as_member_its_own_input_as_output_and_bad_weights()
    {
        StanceException nested = Assert.Throws<StanceException>(() => ModelCombiner.Combine(new CombineOptions { ModelPaths = [model.EnsemblePath, model.FirstPath], OutputPath = _directory.File("n.zip") }));
        Assert.Contains("is an ensemble", nested.Message);
        Assert.Contains(model.EnsemblePath, nested.Message);

        CommandLine.Result same = CommandLine.Run(model.Directory, "combine", "--model", model.FirstPath, "--model", model.SecondPath, "--out", model.FirstPath);
        Assert.Equal(2, same.ExitCode);
        Assert.Contains("--out must not be a --model file", same.Error);

        foreach (string weights in (string[])["0.5,0.6", "1,0", "0.5", "x,0.5", "NaN,0.5"])
        {
            CommandLine.Result bad = CommandLine.Run(model.Directory, "combine", "--model", model.FirstPath, "--model", model.SecondPath, "--weight", weights, "--out", _directory.File("w.zip"));
            Assert.Equal(2, bad.ExitCode);
            Assert.Contains("--weight", bad.Error);
        }

        Assert.False(File.Exists(_directory.File("w.zip")));
        Assert.Empty(System.IO.Directory.GetFiles(_directory.Path));
    }

    [Fact]
    public void Combine_refuses_models_with_other_heads_or_labels_naming_the_file_and_the_difference()
    {
        string path = _directory.File("stance-only.zip");
        ModelTrainer.Train(new TrainingOptions
        {
            DataPath = model.DataPath,
            OutputPath = path,
            Select = false,
            Folds = 3,
            Data = new Training.Data.DatasetOptions { HeadColumns = [new Training.Data.HeadColumn(HeadNames.Stance, HeadNames.Stance, true)] },
        });

        StanceException refused = Assert.Throws<StanceException>(() => ModelCombiner.Combine(new CombineOptions { ModelPaths = [model.FirstPath, path], OutputPath = _directory.File("e.zip") }));
        Assert.StartsWith(path + ": cannot be combined with " + model.FirstPath + ": heads [stance] instead of [stance, sentiment]", refused.Message);
        Assert.DoesNotContain('\n', refused.Message);
        Assert.False(File.Exists(_directory.File("e.zip")));
    }

    [Fact]
    public void Combining_the_same_members_again_gives_the_same_member_bytes_and_probabilities()
    {
        string again = _directory.File("again.zip");
        ModelMetadata metadata = ModelCombiner.Combine(new CombineOptions { ModelPaths = [model.FirstPath, model.SecondPath], Weights = [0.3, 0.7], OutputPath = again });
        Assert.Equal(model.Ensemble.Parts!.Select(p => (p.Name, p.Sha256)), metadata.Parts!.Select(p => (p.Name, p.Sha256)));
        Assert.Null(metadata.Heads[0].CrossValidation);
        using StanceClassifier a = StanceClassifier.Load(model.EnsemblePath);
        using StanceClassifier b = StanceClassifier.Load(again);
        Assert.All(Quotes, q => Assert.True(ThreadSafetyTests.Same(a.Classify(q), b.Classify(q))));
    }

    [Fact]
    public void A_damaged_member_is_refused_naming_the_ensemble_and_the_member()
    {
        Dictionary<string, byte[]> parts = ReadParts(model.EnsemblePath);
        byte[] member = parts["members/fast-2.zip"];
        member[member.Length / 2] ^= 0xff;
        AssertRefused(WriteParts("damaged.zip", parts), "members/fast-2.zip does not match the SHA-256 recorded in model.json");
    }

    [Fact]
    public void A_member_damaged_inside_with_its_new_hash_recorded_is_refused_by_its_own_checks()
    {
        Dictionary<string, byte[]> parts = ReadParts(model.EnsemblePath);
        Dictionary<string, byte[]> inner = ReadParts(parts["members/fast-1.zip"]);
        inner["linear-scorer.bin"][100] ^= 0xff;
        parts["members/fast-1.zip"] = Pack(inner);
        AssertRefused(WriteParts("inner.zip", parts, updateChecksums: true), "(members/fast-1.zip): is damaged or altered: linear-scorer.bin does not match the SHA-256");
    }

    [Fact]
    public void A_member_with_other_labels_is_refused()
    {
        Dictionary<string, byte[]> parts = ReadParts(model.EnsemblePath);
        Dictionary<string, byte[]> inner = ReadParts(parts["members/fast-1.zip"]);
        JsonNode json = JsonNode.Parse(inner["model.json"])!;
        json["heads"]![1]!["labels"]![0] = "angry";
        inner["model.json"] = Encoding.UTF8.GetBytes(json.ToJsonString());
        parts["members/fast-1.zip"] = Pack(inner);
        AssertRefused(WriteParts("labels.zip", parts, updateChecksums: true), "member members/fast-1.zip does not predict what the ensemble does: head 'sentiment' has the labels [angry, neutral, positive]");
    }

    [Theory]
    [InlineData("0.3,0.6", "the member weights sum to 0.8999999999999999, not 1")]
    [InlineData("-0.3,1.3", "member members/fast-1.zip has the weight -0.3")]
    [InlineData("0.3,NaN", "is not valid")]
    public void Weights_that_are_not_positive_or_do_not_sum_to_one_are_refused(string weights, string problem)
    {
        Dictionary<string, byte[]> parts = ReadParts(model.EnsemblePath);
        string json = Encoding.UTF8.GetString(parts["model.json"]);
        string[] values = weights.Split(',');
        json = ReplaceOnce(ReplaceOnce(json, "\"weight\": 0.3", $"\"weight\": {values[0]}"), "\"weight\": 0.7", $"\"weight\": {values[1]}");
        parts["model.json"] = Encoding.UTF8.GetBytes(json);
        AssertRefused(WriteParts("weights.zip", parts), problem);
    }

    [Fact]
    public void An_ensemble_inside_an_ensemble_is_refused()
    {
        Dictionary<string, byte[]> parts = ReadParts(model.EnsemblePath);
        parts["members/fast-1.zip"] = File.ReadAllBytes(model.EnsemblePath);
        AssertRefused(WriteParts("nested.zip", parts, updateChecksums: true), "(members/fast-1.zip): is itself an ensemble");
    }

    [Fact]
    public void An_ensemble_that_also_holds_a_single_models_scorer_is_refused()
    {
        Dictionary<string, byte[]> parts = ReadParts(model.EnsemblePath);
        parts["linear-scorer.bin"] = ReadParts(model.FirstPath)["linear-scorer.bin"];
        AssertRefused(WriteParts("extra.zip", parts), "is an ensemble but holds linear-scorer.bin");
    }

    private int[] Gold(HeadMetadata head)
    {
        List<string> labels = Corpus.Column(model.DataPath, head.LabelColumn);
        return labels.Select(l => head.Labels.ToList().IndexOf(l)).ToArray();
    }

    private static string ReplaceOnce(string text, string from, string to)
    {
        int at = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{from}' not in model.json");
        return string.Concat(text.AsSpan(0, at), to, text.AsSpan(at + from.Length));
    }

    private static void AssertRefused(string path, string expected)
    {
        ModelLoadException e = Assert.Throws<ModelLoadException>(() => StanceClassifier.Load(path));
        Assert.StartsWith(path, e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Matches(string.Join('|', expected.Split('|').Select(System.Text.RegularExpressions.Regex.Escape)), e.Message);
    }

    private static Dictionary<string, byte[]> ReadParts(string path) => ModelParts.Read(path);

    private static Dictionary<string, byte[]> ReadParts(byte[] file) => ModelParts.Read(file);

    private static byte[] Pack(Dictionary<string, byte[]> parts)
    {
        var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach ((string name, byte[] bytes) in parts)
            {
                using Stream entry = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
                entry.Write(bytes);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Writes an ensemble from its parts; with <paramref name="updateChecksums"/>, model.json records their new sizes and hashes.</summary>
    private string WriteParts(string name, Dictionary<string, byte[]> parts, bool updateChecksums = false)
    {
        if (updateChecksums)
        {
            ModelParts.RecordChecksums(parts);
        }

        string path = _directory.File(name);
        File.WriteAllBytes(path, Pack(parts));
        return path;
    }
}

/// <summary><c>train --tier ensemble</c> trains both tiers and packs them as <c>stance combine</c> would.</summary>
public sealed class EnsembleTrainingTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Training_the_ensemble_tier_packs_an_accurate_and_a_fast_member_whose_recorded_cross_validation_combine_reproduces()
    {
        string data = Corpus.Sample(_directory, "sample.csv", 40);
        string path = _directory.File("ensemble.zip");
        TrainingResult result = ModelTrainer.Train(new TrainingOptions { DataPath = data, OutputPath = path, Select = false, Folds = 3, Tier = "ensemble" });

        using StanceClassifier ensemble = StanceClassifier.Load(path);
        Assert.Equal("ensemble", ensemble.Metadata.Tier);
        Assert.Equal(["accurate", "fast"], ensemble.Members.Select(m => m.Metadata.Tier));
        Assert.Equal([0.5, 0.5], ensemble.Members.Select(m => m.Weight));
        Assert.Equal("sample.csv", ensemble.Metadata.TrainingData.FileName);
        Assert.Single(Directory.GetFiles(_directory.Path, "*.zip"));

        // The shortcut (the members' own out-of-fold probabilities) and `stance combine --data`
        // (each member cross-validated again on the same folds) must record the same figures.
        Dictionary<string, byte[]> parts = ModelParts.Read(File.ReadAllBytes(path));
        var members = new List<string>();
        foreach (EnsembleMember member in ensemble.Members)
        {
            string file = _directory.File(Path.GetFileName(member.Entry));
            File.WriteAllBytes(file, parts[member.Entry]);
            members.Add(file);
        }

        ModelMetadata again = ModelCombiner.Combine(new CombineOptions { ModelPaths = members, OutputPath = _directory.File("again.zip"), DataPath = data });
        for (int h = 0; h < again.Heads.Count; h++)
        {
            Assert.Equal(again.Heads[h].CrossValidation!.MacroF1, result.Metadata.Heads[h].CrossValidation!.MacroF1);
            Assert.Equal(again.Heads[h].CrossValidation!.ConfusionMatrix.SelectMany(r => r), result.Metadata.Heads[h].CrossValidation!.ConfusionMatrix.SelectMany(r => r));
            Assert.Equal(again.Heads[h].Calibration.Select(b => (b.Count, b.Accuracy)), result.Metadata.Heads[h].Calibration.Select(b => (b.Count, b.Accuracy)));
        }

        Assert.Contains(result.Metadata.Heads, h => h.CrossValidation!.MacroF1 > 0.4);
    }
}
