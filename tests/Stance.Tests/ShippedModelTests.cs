using Stance.Tests.Support;
using Stance.Training;
using Stance.Training.Selection;

namespace Stance.Tests;

/// <summary>The shipped models are what `stance train` makes from the shipped corpus.</summary>
public sealed class ShippedModelTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    public static TheoryData<string> Models => new() { "stance.zip", "stance-fast.zip" };

    [Theory]
    [MemberData(nameof(Models))]
    public void Retraining_the_chosen_configuration_from_data_reproduces_the_recorded_metrics(string file)
    {
        string path = Path.Combine(Repository.Root, "models", file);
        using StanceClassifier shipped = StanceClassifier.Load(path);
        ModelMetadata recorded = shipped.Metadata;
        Assert.Equal("statements.csv", recorded.TrainingData.FileName);

        // The chosen trainers in their candidate-set order, so that each head picks the same one again.
        TrainerSettings[] trainers = CandidateSet.TrainersFor(recorded.Features).Where(t => recorded.Heads.Any(h => h.Trainer == t)).ToArray();
        Assert.Equal(recorded.Heads.Select(h => h.Trainer).Distinct().Count(), trainers.Length);
        TrainingResult retrained = ModelTrainer.Train(new TrainingOptions
        {
            DataPath = Repository.Corpus,
            OutputPath = _directory.File(file),
            Seed = recorded.Seed,
            Folds = recorded.Folds,
            Features = [recorded.Features],
            Trainers = trainers,
        });

        Assert.Equal(recorded.TrainingData.Sha256, retrained.Metadata.TrainingData.Sha256);
        Assert.Equal(recorded.TrainingData.RowCount, retrained.Metadata.TrainingData.RowCount);
        foreach (HeadMetadata head in recorded.Heads)
        {
            HeadMetadata again = retrained.Metadata.Head(head.Name)!;
            Assert.Equal(head.Trainer, again.Trainer);
            Assert.Equal(head.CrossValidation.Accuracy, again.CrossValidation.Accuracy);
            Assert.Equal(head.CrossValidation.MacroF1, again.CrossValidation.MacroF1);
            Assert.Equal(head.CrossValidation.ConfusionMatrix.SelectMany(r => r), again.CrossValidation.ConfusionMatrix.SelectMany(r => r));
        }
    }

    [Fact]
    public void The_default_model_is_the_accurate_tier_and_the_fast_tier_ships_beside_it()
    {
        using StanceClassifier best = StanceClassifier.Load(Repository.ShippedModel);
        using StanceClassifier fast = StanceClassifier.Load(Path.Combine(Repository.Root, "models", "stance-fast.zip"));

        Assert.Equal("accurate", best.Metadata.Tier);
        Assert.Equal("fast", fast.Metadata.Tier);
        Assert.Equal("compiled", best.EngineName);
        Assert.Equal("compiled", fast.EngineName);
        Assert.Contains(best.Metadata.Selection, c => c.Chosen);
        Assert.Contains(fast.Metadata.Selection, c => c.Chosen);
    }

    /// <summary>
    /// Why the accurate tier is the default: on real quotes (the dev set, read in place, measurement
    /// only) it reads stance better than the fast tier, though our own corpus's cross-validation
    /// ranks the two within 0.01 of each other.
    /// </summary>
    [RealQuotesFact]
    public void The_default_model_reads_real_quotes_better_than_the_fast_tier()
    {
        List<Dictionary<string, string>> quotes = Corpus.Rows(Repository.RealQuotesDev!).Where(q => q["confidence"] == "high").ToList();
        string[] gold = quotes.Select(q => q["stance"]).ToArray();
        double F1(string file)
        {
            using StanceClassifier classifier = StanceClassifier.Load(Path.Combine(Repository.Root, "models", file));
            string[] predicted = classifier.ClassifyMany(quotes.Select(q => q["text"])).Select(c => c.Stance!.Label).ToArray();
            return Stance.Training.Metrics.ClassificationMetrics.Compute(classifier.Heads[0].Labels, gold, predicted).MacroF1;
        }

        double accurate = F1("stance.zip");
        double fastTier = F1("stance-fast.zip");
        Assert.True(accurate > fastTier, $"stance macro-F1 on clear-cut real quotes: default {accurate:0.000}, fast {fastTier:0.000}");
    }
}
