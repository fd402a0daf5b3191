namespace Stance.Embeddings.Tests;

/// <summary>
/// <see cref="TransformerEncoder.MiniLmL6V2Aspects"/>: MiniLM's sentence embedding, then what the
/// statement says about engagement and about pressure, read from the contextual vectors of its
/// direction words.
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

    private static float[] Encode(TransformerEncoder encoder, string text)
    {
        var embedding = new float[encoder.Dimension];
        encoder.Encode(text, embedding);
        return embedding;
    }

    private static double Norm(float[] v) => Math.Sqrt(Dot(v, v));

    private static double Dot(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();
}
