using Stance.Tests.Support;

namespace Stance.Tests;

[Collection(SmallModelCollection.Name)]
public sealed class ThreadSafetyTests(SmallModelFixture model)
{
    [Theory]
    [InlineData(ScoringEngine.Compiled, 10_000)]
    [InlineData(ScoringEngine.MlNet, 500)]
    public void Sixteen_threads_give_exactly_the_sequential_results(ScoringEngine engine, int perThread)
    {
        using StanceClassifier classifier = StanceClassifier.Load(model.ModelPath, new ClassifierOptions { Engine = engine });
        string[] texts = Corpus.Texts().Take(200).ToArray();
        Classification[] expected = texts.Select(classifier.Classify).ToArray();
        long before = GC.GetTotalMemory(forceFullCollection: true);

        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 16, new ParallelOptions { MaxDegreeOfParallelism = 16 }, thread =>
        {
            for (int n = 0; n < perThread; n++)
            {
                int i = (thread * 7919 + n) % texts.Length;
                Classification actual = classifier.Classify(texts[i]);
                if (!Same(expected[i], actual))
                {
                    failures.Add($"thread {thread}, text {i}");
                }
            }
        });

        Assert.Empty(failures);
        long after = GC.GetTotalMemory(forceFullCollection: true);
        Assert.True(after - before < 64 * 1024 * 1024, $"memory grew by {(after - before) / 1024 / 1024} MB");
    }

    [Fact]
    public void ClassifyMany_keeps_input_order_and_count()
    {
        using StanceClassifier classifier = StanceClassifier.Load(model.ModelPath);
        string[] texts = Enumerable.Range(0, 5_000).Select(i => i % 11 == 0 ? string.Empty : $"Statement {i}: sanctions and talks, round {i % 97}").ToArray();

        Classification[] many = classifier.ClassifyMany(texts).ToArray();

        Assert.Equal(texts.Length, many.Length);
        for (int i = 0; i < texts.Length; i++)
        {
            Assert.True(Same(classifier.Classify(texts[i]), many[i]), $"row {i}");
        }
    }

    internal static bool Same(Classification a, Classification b) =>
        a.Error == b.Error && SameHead(a.Stance, b.Stance) && SameHead(a.Sentiment, b.Sentiment);

    private static bool SameHead(HeadPrediction? a, HeadPrediction? b) =>
        (a is null && b is null) || (a is not null && b is not null && a.Label == b.Label && a.Probabilities.SequenceEqual(b.Probabilities));
}
