using Stance.Tests.Support;
using Stance.Training.Review;

namespace Stance.Tests;

/// <summary><c>stance review</c> and its selector: the least certain statements, spread out, no near-duplicates, suggestions from the model.</summary>
[Collection(SmallModelCollection.Name)]
public sealed class ReviewPicksTests(SmallModelFixture model) : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void The_selector_takes_the_least_certain_first_and_never_a_near_duplicate_of_a_pick()
    {
        string[] texts =
        [
            "Talks could work if both sides freeze testing.",        // 0: most uncertain
            "Talks could work if both sides freeze testing!",        // 1: the same text
            "Talks could work if both sides freeze all testing.",    // 2: a near-duplicate
            "Sanctions have never changed the regime's mind.",       // 3
            "The summit was a photo opportunity and nothing more.",  // 4
            "We must keep the coalition together on export controls.", // 5: certain
        ];
        double[] margins = [0.01, 0.02, 0.03, 0.2, 0.3, 0.95];

        var plain = new ReviewSettings(Density: 0, BalanceLabels: false);

        IReadOnlyList<int> picks = ReviewSelector.Pick(texts, margins, 4, plain);

        Assert.Equal([0, 3, 4, 5], picks);
        Assert.True(ReviewSelector.Similarity(texts[0], texts[2]) >= ReviewSelector.DuplicateSimilarity);
        Assert.Equal(picks, ReviewSelector.Pick(texts, margins, 4, plain));
        Assert.DoesNotContain(1, ReviewSelector.Pick(texts, margins, 6));
        Assert.DoesNotContain(2, ReviewSelector.Pick(texts, margins, 6));
    }

    [Fact]
    public void Label_balance_spreads_the_picks_over_the_predicted_labels()
    {
        string[] texts = ["alpha one", "bravo two", "charlie three", "delta four", "echo five", "foxtrot six"];
        double[] margins = [0.01, 0.02, 0.03, 0.04, 0.3, 0.35];
        string[] predicted = ["a", "a", "a", "a", "b", "c"];
        var balanced = new ReviewSettings(Density: 0, BalanceLabels: true);

        IReadOnlyList<int> picks = ReviewSelector.Pick(texts, margins, 3, balanced, predicted);

        Assert.Equal([0, 4, 5], picks);
        Assert.Equal([0, 1, 2], ReviewSelector.Pick(texts, margins, 3, balanced with { BalanceLabels = false }, predicted));
    }

    [Fact]
    public void Margin_is_the_gap_between_the_two_most_probable_labels()
    {
        Assert.Equal(0.1, ReviewSelector.Margin([0.3f, 0.4f, 0.3f]), 5);
        Assert.Equal(0.0, ReviewSelector.Margin([0.5f, 0.5f]), 5);
        Assert.Equal(0.8, ReviewSelector.Margin([0.9f, 0.1f, 0.0f]), 5);
    }

    [Fact]
    public void Review_writes_n_picks_with_the_models_suggestions_and_empty_label_columns()
    {
        string input = Corpus.Sample(_directory, "pool.csv", 8);
        string output = _directory.File("to-label.csv");

        CommandLine.Result result = CommandLine.Run(_directory.Path, "review", "--input", input, "--out", output, "--n", "12", "--model", model.ModelPath);

        Assert.Equal(0, result.ExitCode);
        List<Dictionary<string, string>> rows = ExtractManyArticlesTests.Rows(File.ReadAllText(output));
        Assert.Equal(12, rows.Count);
        Assert.Equal(Enumerable.Range(1, 12).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), rows.Select(r => r["review_rank"]));
        Assert.All(rows, r => Assert.Equal(string.Empty, r["stance"]));
        Assert.All(rows, r => Assert.Equal(string.Empty, r["sentiment"]));
        Assert.Equal(12, rows.Select(r => ReviewSelector.Normalize(r["text"])).Distinct().Count());

        // Suggestions are the library's classification; every pick is among the least certain of the pool.
        using StanceClassifier classifier = StanceClassifier.Load(model.ModelPath);
        List<string> pool = Corpus.Column(input, "text");
        double[] margins = classifier.ClassifyMany(pool).Select(c => ReviewSelector.Margin(c.Stance!.Probabilities.Select(p => p.Probability).ToList())).Order().ToArray();
        double poolEdge = margins[Math.Min(margins.Length, Math.Max(ReviewSelector.MinPool, ReviewSelector.PoolFactor * 12)) - 1];
        foreach (Dictionary<string, string> row in rows)
        {
            Classification c = classifier.Classify(row["text"]);
            Assert.Equal(c.Stance!.Label, row["suggested_stance"]);
            Assert.Equal(c.Sentiment!.Label, row["suggested_sentiment"]);
            Assert.True(double.Parse(row["stance_margin"], System.Globalization.CultureInfo.InvariantCulture) <= poolEdge + 1e-4);
        }

        for (int i = 0; i < rows.Count; i++)
        {
            for (int j = i + 1; j < rows.Count; j++)
            {
                Assert.True(ReviewSelector.Similarity(rows[i]["text"], rows[j]["text"]) < ReviewSelector.DuplicateSimilarity);
            }
        }
    }

    [Fact]
    public void Review_keeps_the_inputs_own_columns_and_drops_its_predictions()
    {
        string input = _directory.Write("extracted.csv", "speaker,text,stance,stance_confidence,article\nAna Lund,Talks now,pro-engagement,0.9,a.txt\nColin Ashby,Sanctions now,pro-pressure,0.8,b.txt\n");
        string output = _directory.File("to-label.csv");

        CommandLine.Result result = CommandLine.Run(_directory.Path, "review", "--input", input, "--out", output, "--model", model.ModelPath, "--quiet");

        Assert.Equal(0, result.ExitCode);
        string header = File.ReadLines(output).First();
        Assert.Equal("speaker,text,article," + string.Join(',', Stance.Cli.Commands.ReviewCommand.AddedColumns), header);
        Assert.Equal(2, ExtractManyArticlesTests.Rows(File.ReadAllText(output)).Count);
    }

    [Fact]
    public void A_file_without_data_rows_is_refused_and_no_file_is_written()
    {
        string input = _directory.Write("empty.csv", "speaker,text\n");
        string output = _directory.File("to-label.csv");

        CommandLine.Result result = CommandLine.Run(_directory.Path, "review", "--input", input, "--out", output, "--model", model.ModelPath, "--quiet");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"stance: error: {input}: the file has a header but no data rows; nothing to review", result.Error.TrimEnd());
        Assert.False(File.Exists(output));
    }
}
