using Stance.Embeddings;
using Stance.Tests.Support;

namespace Stance.Tests;

/// <summary>
/// The accurate tier's 8-bit encoder: a quote's embedding does not depend on the other quotes of a
/// batch, and it stays close to the packaged full-precision encoder's.
/// </summary>
public sealed class OnnxSentenceEncoderTests
{
    private static readonly List<string> Texts = Corpus.Column(Repository.Corpus, "text").Take(120).ToList();

    [Fact]
    public void A_quote_gets_the_same_embedding_alone_and_in_a_batch()
    {
        using var embedder = new OnnxSentenceEncoder(OnnxSentenceEncoder.QuantizedModelName);
        float[][] batch = embedder.Encode(Texts);

        foreach (int i in new[] { 0, 17, 63, 119 })
        {
            Assert.Equal(embedder.Encode([Texts[i]])[0], batch[i]);
        }
    }

    [Fact]
    public void The_quantized_encoder_stays_close_to_the_full_precision_one()
    {
        using var full = new OnnxSentenceEncoder(OnnxSentenceEncoder.ModelName);
        using var quantized = new OnnxSentenceEncoder(OnnxSentenceEncoder.QuantizedModelName);
        float[][] expected = full.Encode(Texts);
        float[][] actual = quantized.Encode(Texts);

        double[] cosines = expected.Zip(actual, (e, a) => e.Zip(a, (x, y) => (double)x * y).Sum()).ToArray();
        Assert.All(actual, v => Assert.Equal(1.0, Math.Sqrt(v.Sum(x => (double)x * x)), 3));
        Assert.True(cosines.Average() > 0.98, $"mean cosine {cosines.Average():0.0000}");
        Assert.True(cosines.Min() > 0.95, $"smallest cosine {cosines.Min():0.0000}");
    }

    [Fact]
    public void An_unknown_encoder_name_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new SentenceEncoders().Create("all-MiniLM-L12-v2"));
        Assert.Contains(OnnxSentenceEncoder.QuantizedModelName, error.Message);
    }
}
