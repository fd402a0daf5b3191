using Stance.Scoring;
using Stance.Tests.Support;

namespace Stance.Tests;

/// <summary>Explanations come from the linear model itself and add up to its scores.</summary>
[Collection(SmallModelCollection.Name)]
public sealed class ExplanationTests(SmallModelFixture model)
{
    private static readonly string[] Quotes =
    [
        "We should not rush into talks before Pyongyang freezes its program.",
        "Keep the channels open and put sanctions relief on the table for a verified freeze.",
        "The regime will never give up its weapons, whatever we offer.",
    ];

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Contributions_plus_bias_reproduce_the_score_of_the_predicted_label(int quote)
    {
        using StanceClassifier classifier = StanceClassifier.Load(model.ModelPath);
        LinearScorer scorer = ((CompiledEngine)classifier.Engine).Scorer;

        Explanation explanation = classifier.Explain(Quotes[quote], top: int.MaxValue);

        foreach (HeadExplanation head in explanation.Heads)
        {
            float sum = head.Bias + head.EmbeddingContribution + head.Features.Sum(f => f.Contribution);
            Assert.Equal(head.Score, sum, 4);
            Assert.Equal(RawScore(scorer, head.Head, head.Label, Quotes[quote]), head.Score, 4);
            Assert.Equal(explanation.Classification.Head(head.Head)!.Label, head.Label);
        }
    }

    [Fact]
    public void The_listed_features_occur_in_the_text()
    {
        using StanceClassifier classifier = StanceClassifier.Load(model.ModelPath);
        string text = Quotes[0];
        HashSet<string> tokens = classifier.Tokenize(text).Select(t => t.Token).ToHashSet();

        Explanation explanation = classifier.Explain(text, top: 10);

        HeadExplanation stance = explanation.Heads.Single(h => h.Head == "stance");
        Assert.NotEmpty(stance.Features);
        Assert.True(stance.Features.Count <= 10);
        foreach (FeatureContribution feature in stance.Features.Where(f => f.Kind == FeatureKind.WordNgram))
        {
            Assert.All(feature.Feature.Split(' '), word => Assert.Contains(word, tokens));
        }

        Assert.Contains(stance.Features, f => f.Feature.StartsWith("not_", StringComparison.Ordinal));
        Assert.Equal(stance.Features.OrderByDescending(f => Math.Abs(f.Margin)).Select(f => f.Feature), stance.Features.Select(f => f.Feature));
    }

    [Fact]
    public void The_global_view_is_stable_for_a_fixed_model()
    {
        using StanceClassifier first = StanceClassifier.Load(model.ModelPath);
        using StanceClassifier second = StanceClassifier.Load(model.ModelPath);

        var a = first.MostIndicativeFeatures("stance", 15);
        var b = second.MostIndicativeFeatures("stance", 15);

        Assert.Equal(["pro-engagement", "pro-pressure", "skeptical"], a.Keys.Order());
        foreach (string label in a.Keys)
        {
            Assert.Equal(15, a[label].Count);
            Assert.Equal(a[label], b[label]);
            Assert.True(a[label].Zip(a[label].Skip(1)).All(pair => pair.First.Weight >= pair.Second.Weight));
        }
    }

    [Fact]
    public void The_cli_shows_explanations_as_a_table_and_as_json()
    {
        CommandLine.Result table = CommandLine.Run(model.Directory, "classify", "--model", model.ModelPath, "--explain", Quotes[0]);
        CommandLine.Result jsonl = CommandLine.Run(model.Directory, "classify", "--model", model.ModelPath, "--explain", "--format", "jsonl", Quotes[0]);
        CommandLine.Result global = CommandLine.Run(model.Directory, "explain", "--model", model.ModelPath, "--top", "5");

        Assert.Equal(0, table.ExitCode);
        Assert.Contains("toward", table.Output);
        Assert.Contains("margin", table.Output);
        using var json = System.Text.Json.JsonDocument.Parse(jsonl.Output);
        System.Text.Json.JsonElement features = json.RootElement.GetProperty("stance_explanation").GetProperty("features");
        Assert.True(features.GetArrayLength() > 0);
        Assert.True(features[0].TryGetProperty("contribution", out _));
        Assert.Equal(0, global.ExitCode);
        Assert.Contains("pro-pressure", global.Output);
    }

    /// <summary>The predicted label's raw score computed independently: bias plus weights times feature values.</summary>
    private static float RawScore(LinearScorer scorer, string headName, string label, string text)
    {
        ScoringScratch scratch = scorer.CreateScratch();
        scorer.Featurize(text, [], scratch);
        LinearHead head = scorer.Heads.Single(h => h.Name == headName);
        int k = head.Labels.ToList().IndexOf(label);
        float score = head.Biases[k];
        for (int i = 0; i < scratch.FeatureCount; i++)
        {
            score += scratch.FeatureValues[i] * head.Weight(scratch.FeatureIndices[i], k);
        }

        return score;
    }
}
