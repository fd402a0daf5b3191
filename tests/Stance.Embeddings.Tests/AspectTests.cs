namespace Stance.Embeddings.Tests;

/// <summary>
/// <see cref="TransformerEncoder.MiniLmL6V2Aspects"/>: MiniLM's sentence embedding, then what the
/// statement says about engagement and about pressure, read from the contextual vectors of its
/// direction words; <see cref="TransformerEncoder.MiniLmL6V2AspectsLayer3"/>: the same, then the
/// mean of the third layer's vectors.
/// </summary>
[Collection(EncoderCollection.Name)]
public sealed class AspectTests(Encoders encoders)
{
    private const int Hidden = 384;

    [Fact]
    public void The_first_part_is_the_MiniLM_sentence_embedding_to_the_bit()
    {
        Assert.Equal(3 * Hidden, encoders.Aspects.Dimension);
        foreach (string text in TestData.Sample(200))
        {
            float[] plain = Encode(encoders.MiniLm, text);
            float[] aspects = Encode(encoders.Aspects, text);
            Assert.True(plain.AsSpan().SequenceEqual(aspects.AsSpan(0, Hidden)), text);
        }
    }

    [Fact]
    public void A_part_is_zero_when_the_text_has_none_of_its_words_and_a_unit_vector_when_it_has()
    {
        float[] neither = Encode(encoders.Aspects, "The weather in Pyongyang was cold this week.");
        Assert.All(neither[Hidden..], x => Assert.Equal(0f, x));

        float[] pressure = Encode(encoders.Aspects, "We must keep up the sanctions until they stop.");
        Assert.All(pressure[Hidden..(2 * Hidden)], x => Assert.Equal(0f, x));
        Assert.InRange(Norm(pressure[(2 * Hidden)..]), 0.9999, 1.0001);

        float[] both = Encode(encoders.Aspects, "Sanctions relief should follow verified steps.");
        Assert.InRange(Norm(both[Hidden..(2 * Hidden)]), 0.9999, 1.0001);
        Assert.InRange(Norm(both[(2 * Hidden)..]), 0.9999, 1.0001);
    }

    [Fact]
    public void The_same_word_in_opposite_arguments_gives_different_vectors()
    {
        // What the aspect part is for: "deal" in an attack on a deal is not "deal" in a call for one.
        float[] attack = Encode(encoders.Aspects, "That was a rotten deal, and we should walk away from it.");
        float[] call = Encode(encoders.Aspects, "A deal is within reach, and we should take it this week.");
        float[] againCall = Encode(encoders.Aspects, "A deal is within reach, and we should take it this week.");
        Assert.Equal(call, againCall);
        double cosine = Dot(attack[Hidden..(2 * Hidden)], call[Hidden..(2 * Hidden)]);
        Assert.InRange(cosine, 0.0, 0.95);
    }

    [Fact]
    public void The_layer3_encoder_is_the_aspects_encoder_to_the_bit_then_a_unit_mean_of_the_third_layer()
    {
        Assert.Equal(4 * Hidden, encoders.AspectsLayer3.Dimension);
        var layers = new List<float[]>();
        foreach (string text in (string[])[.. TestData.Sample(200), "", "x"])
        {
            float[] aspects = Encode(encoders.Aspects, text);
            float[] layer3 = Encode(encoders.AspectsLayer3, text);
            Assert.True(aspects.AsSpan().SequenceEqual(layer3.AsSpan(0, 3 * Hidden)), text);
            Assert.InRange(Norm(layer3[(3 * Hidden)..]), 0.9999, 1.0001);
            layers.Add(layer3[(3 * Hidden)..]);
        }

        // The layer part is not a copy of the sentence embedding: an earlier layer reads differently.
        float[] first = Encode(encoders.AspectsLayer3, TestData.Sample(200)[0]);
        Assert.InRange(Dot(first[..Hidden], first[(3 * Hidden)..]), -0.99, 0.99);
        Assert.True(layers.Distinct(new VectorComparer()).Count() > layers.Count / 2);
    }

    [Fact]
    public void The_layer3_part_is_batched_bit_identically_to_single_texts()
    {
        string[] texts = [.. TestData.Sample(400), "", "Sanctions relief should follow verified steps."];
        float[][] batched = encoders.AspectsLayer3.EncodeMany(texts, 2);
        for (int i = 0; i < texts.Length; i++)
        {
            Assert.True(Encode(encoders.AspectsLayer3, texts[i]).AsSpan().SequenceEqual(batched[i]), $"text {i}");
        }
    }

    private sealed class VectorComparer : IEqualityComparer<float[]>
    {
        public bool Equals(float[]? x, float[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(float[] obj) => obj.Length == 0 ? 0 : HashCode.Combine(obj[0], obj[^1]);
    }

    private static float[] Encode(TransformerEncoder encoder, string text)
    {
        var embedding = new float[encoder.Dimension];
        encoder.Encode(text, embedding);
        return embedding;
    }

    private static double Norm(float[] v) => Math.Sqrt(Dot(v, v));

    private static double Dot(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();
}
