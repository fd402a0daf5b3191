using Stance.Tests.Support;

namespace Stance.Tests;

[Collection(SmallModelCollection.Name)]
public sealed class ModelRoundTripTests(SmallModelFixture model)
{
    [Fact]
    public void A_trained_model_loads_with_its_metadata()
    {
        using StanceClassifier classifier = StanceClassifier.Load(model.ModelPath);

        ModelMetadata metadata = classifier.Metadata;
        Assert.Equal(ModelMetadata.CurrentFormatVersion, metadata.FormatVersion);
        Assert.Equal("fast", metadata.Tier);
        Assert.Equal(["stance", "sentiment"], metadata.Heads.Select(h => h.Name));
        Assert.Equal(["pro-engagement", "pro-pressure", "skeptical"], metadata.Head("stance")!.Labels);
        Assert.Equal(["negative", "neutral", "positive"], metadata.Head("sentiment")!.Labels);
        Assert.Equal("sample.csv", metadata.TrainingData.FileName);
        Assert.Equal(64, metadata.TrainingData.Sha256.Length);
        Assert.Equal(model.Result.Metadata.TrainingData.RowCount, metadata.TrainingData.RowCount);
        Assert.InRange(metadata.Head("stance")!.CrossValidation!.MacroF1, 0.4, 1.0);
    }

    [Fact]
    public void Loads_racing_the_background_preparation_read_the_same_model()
    {
        using StanceClassifier reference = StanceClassifier.Load(model.ModelPath);
        string text = Corpus.Texts().First();
        Classification expected = reference.Classify(text);

        var results = new Classification[8];
        Parallel.For(0, results.Length, i =>
        {
            StanceClassifier.PrepareLoading();
            using StanceClassifier classifier = StanceClassifier.Load(model.ModelPath);
            Assert.Equal(reference.Metadata.Heads.Select(h => h.Labels), classifier.Metadata.Heads.Select(h => h.Labels));
            results[i] = classifier.Classify(text);
        });

        Assert.All(results, result => Assert.True(ThreadSafetyTests.Same(expected, result)));
    }

    [Fact]
    public void Classifications_have_both_heads_and_probabilities_in_label_order()
    {
        using StanceClassifier classifier = StanceClassifier.Load(model.ModelPath);

        Classification result = classifier.Classify("Washington should lift sanctions in exchange for a verified freeze.");

        Assert.Null(result.Error);
        HeadPrediction stance = result.Stance!;
        Assert.Equal(["pro-engagement", "pro-pressure", "skeptical"], stance.Labels);
        Assert.Equal(1.0, stance.Probabilities.Sum(p => p.Probability), 4);
        Assert.Equal(stance.Probabilities.Max(p => p.Probability), stance.Confidence);
        Assert.Equal(stance.Probabilities.MaxBy(p => p.Probability).Label, stance.Label);
        Assert.NotNull(result.Sentiment);
    }

    [Fact]
    public void The_compiled_scorer_and_the_ml_net_chain_give_the_same_result()
    {
        using StanceClassifier compiled = StanceClassifier.Load(model.ModelPath, new ClassifierOptions { Engine = ScoringEngine.Compiled });
        using StanceClassifier mlnet = StanceClassifier.Load(model.ModelPath, new ClassifierOptions { Engine = ScoringEngine.MlNet });
        Assert.Equal("compiled", compiled.EngineName);
        Assert.Equal("ml.net", mlnet.EngineName);

        const string text = "We cannot reward provocations with summits; keep the pressure on until Pyongyang moves.";
        Classification a = compiled.Classify(text);
        Classification b = mlnet.Classify(text);

        Assert.Equal(b.Stance!.Label, a.Stance!.Label);
        for (int k = 0; k < 3; k++)
        {
            Assert.Equal(b.Stance.Probabilities[k].Probability, a.Stance.Probabilities[k].Probability, 5);
            Assert.Equal(b.Sentiment!.Probabilities[k].Probability, a.Sentiment!.Probabilities[k].Probability, 5);
        }
    }

    [Fact]
    public void Empty_and_whitespace_texts_are_reported_not_classified()
    {
        using StanceClassifier classifier = StanceClassifier.Load(model.ModelPath);

        Classification[] results = classifier.ClassifyMany(["", "   \t", "Talks are the only way forward."]).ToArray();

        Assert.Equal(StanceClassifier.EmptyTextError, results[0].Error);
        Assert.Equal(StanceClassifier.EmptyTextError, results[1].Error);
        Assert.Null(results[0].Stance);
        Assert.Null(results[2].Error);
    }

    [Fact]
    public void A_model_loads_from_a_stream()
    {
        using FileStream stream = File.OpenRead(model.ModelPath);
        using StanceClassifier classifier = StanceClassifier.Load(stream);

        Assert.NotNull(classifier.Classify("Sanctions must stay.").Stance);
    }
}
