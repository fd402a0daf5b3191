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
    public void The_default_model_is_the_better_tier_and_the_other_tier_ships_beside_it()
    {
        using StanceClassifier best = StanceClassifier.Load(Repository.ShippedModel);
        using StanceClassifier fast = StanceClassifier.Load(Path.Combine(Repository.Root, "models", "stance-fast.zip"));

        Assert.Equal("fast", fast.Metadata.Tier);
        Assert.Equal("compiled", best.EngineName);
        Assert.Equal("compiled", fast.EngineName);
        double Score(ModelMetadata m) => m.Heads.Average(h => h.CrossValidation.MacroF1);
        Assert.True(Score(best.Metadata) >= Score(fast.Metadata));
        Assert.Contains(best.Metadata.Selection, c => c.Chosen);
    }
}
