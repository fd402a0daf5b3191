using Stance.Tests.Support;
using Stance.Training;

namespace Stance.Tests;

public sealed class DeterminismTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void The_same_data_and_seed_give_the_same_metrics_and_predictions()
    {
        string data = Corpus.Sample(_directory, "sample.csv", 5);
        TrainingResult first = Train(data, "a.zip", seed: 7);
        TrainingResult second = Train(data, "b.zip", seed: 7);

        Assert.Equal(Metrics(first), Metrics(second));
        using StanceClassifier a = StanceClassifier.Load(_directory.File("a.zip"));
        using StanceClassifier b = StanceClassifier.Load(_directory.File("b.zip"));
        const string text = "Only steady pressure and verified steps will change Pyongyang's mind.";
        Assert.Equal(a.Classify(text).Stance!.Probabilities, b.Classify(text).Stance!.Probabilities);
    }

    [Fact]
    public void Another_seed_gives_other_folds()
    {
        string data = Corpus.Sample(_directory, "sample.csv", 5);

        Assert.NotEqual(Metrics(Train(data, "a.zip", seed: 1)), Metrics(Train(data, "b.zip", seed: 2)));
    }

    private TrainingResult Train(string data, string name, int seed) =>
        ModelTrainer.Train(new TrainingOptions { DataPath = data, OutputPath = _directory.File(name), Seed = seed, Select = false, Folds = 3 });

    private static string Metrics(TrainingResult result) =>
        string.Join(";", result.Metadata.Heads.Select(h => $"{h.Name}:{h.CrossValidation!.Accuracy:R}:{h.CrossValidation.MacroF1:R}:{string.Join(",", h.CrossValidation.ConfusionMatrix.SelectMany(r => r))}"));
}
