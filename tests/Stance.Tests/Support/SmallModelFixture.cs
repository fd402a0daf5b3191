using Stance.Training;

namespace Stance.Tests.Support;

/// <summary>
/// A fast-tier model trained once (default recipe, no selection) on a quarter of the shipped
/// corpus, shared by the tests that classify.
/// </summary>
public sealed class SmallModelFixture : IDisposable
{
    private readonly TempDirectory _directory = new();

    public SmallModelFixture()
    {
        DataPath = Corpus.Sample(_directory, "sample.csv", 4);
        ModelPath = _directory.File("small.zip");
        Result = ModelTrainer.Train(new TrainingOptions { DataPath = DataPath, OutputPath = ModelPath, Select = false, Folds = 3 });
    }

    public string DataPath { get; }

    public string ModelPath { get; }

    public TrainingResult Result { get; }

    public string Directory => _directory.Path;

    public void Dispose() => _directory.Dispose();
}

[CollectionDefinition(Name)]
public sealed class SmallModelCollection : ICollectionFixture<SmallModelFixture>
{
    public const string Name = "small model";
}
