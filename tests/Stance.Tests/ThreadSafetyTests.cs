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

        // Allocations are counted per thread (what this test's own threads allocate), not as the
        // process's heap size, which other tests running at once and a loaded machine change.
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        long allocated = 0;
        Parallel.For(0, 16, new ParallelOptions { MaxDegreeOfParallelism = 16 }, thread =>
        {
            long start = GC.GetAllocatedBytesForCurrentThread();
            for (int n = 0; n < perThread; n++)
            {
                int i = (thread * 7919 + n) % texts.Length;
                Classification actual = classifier.Classify(texts[i]);
                if (!Same(expected[i], actual))
                {
                    failures.Add($"thread {thread}, text {i}");
                }
            }

            Interlocked.Add(ref allocated, GC.GetAllocatedBytesForCurrentThread() - start);
        });

        Assert.Empty(failures);
        long perClassification = allocated / (16L * perThread);
        Console.WriteLine($"{engine}: {perClassification} bytes allocated per classification");
        Assert.True(perClassification < MaxBytesPerClassification(engine), $"{perClassification} bytes allocated per classification");
    }

    [Fact]
    public void Classifying_one_text_with_the_default_model_allocates_less_than_its_embedding()
    {
        // The default model embeds every text: the buffer is pooled, so what one call allocates is
        // its result and the tokenizer's strings, not a new embedding array.
        using StanceClassifier classifier = StanceClassifier.Load(Repository.ShippedModel);
        int dimension = classifier.Members.Select(m => m.Metadata.Features.EmbeddingLength).Append(classifier.Metadata.Features.EmbeddingLength).Max();
        Assert.True(dimension >= 384, "the default model has a sentence encoder");
        string[] texts = Corpus.Texts().Take(40).ToArray();
        foreach (string text in texts)
        {
            classifier.Classify(text);
        }

        long start = GC.GetAllocatedBytesForCurrentThread();
        foreach (string text in texts)
        {
            classifier.Classify(text);
        }

        long perClassification = (GC.GetAllocatedBytesForCurrentThread() - start) / texts.Length;
        Console.WriteLine($"default model: {perClassification} bytes allocated per classification");
        Assert.True(perClassification < dimension * sizeof(float), $"{perClassification} bytes allocated per classification, the embedding has {dimension * sizeof(float)}");
    }

    /// <summary>Generous bounds (several times what a classification allocates): a leak or a per-call copy of the model would not pass them.</summary>
    private static long MaxBytesPerClassification(ScoringEngine engine) => engine == ScoringEngine.Compiled ? 16 * 1024 : 256 * 1024;

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
