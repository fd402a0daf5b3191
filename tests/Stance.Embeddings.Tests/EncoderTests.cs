namespace Stance.Embeddings.Tests;

[Collection(EncoderCollection.Name)]
public sealed class EncoderTests(Encoders encoders)
{
    /// <summary>Every encoder of the catalog: one added there is tested here without another list.</summary>
    public static TheoryData<string> AllNames => new(ModelCatalog.Models.Select(m => m.Name));

    [Theory]
    [MemberData(nameof(AllNames))]
    public void Batched_embeddings_are_bit_identical_to_single_ones(string name)
    {
        TransformerEncoder encoder = encoders[name];
        string[] texts = [.. TestData.Sample(40), "", "x"];
        float[][] batched = encoder.EncodeMany(texts, 2);
        Assert.Equal(texts.Length, batched.Length);
        var single = new float[encoder.Dimension];
        for (int i = 0; i < texts.Length; i++)
        {
            encoder.Encode(texts[i], single);
            Assert.True(single.AsSpan().SequenceEqual(batched[i]), $"text {i} differs between Encode and EncodeMany");
        }
    }

    [Theory]
    [MemberData(nameof(AllNames))]
    public void The_sentence_embedding_is_a_unit_vector_of_384_dimensions_and_nothing_past_the_dimension_is_written(string name)
    {
        // An aspects encoder appends its word-vector parts (and a layer's mean) after the sentence
        // embedding (AspectTests pins those); the sentence embedding comes first in every encoder.
        TransformerEncoder encoder = encoders[name];
        Assert.Equal(name, encoder.Name);
        ModelSource source = ModelCatalog.Find(name);
        Assert.Equal(384 * (1 + (source.Aspects ? BertModel.AspectCount : 0) + (source.MiddleLayer >= 0 ? 1 : 0)), encoder.Dimension);
        var embedding = new float[encoder.Dimension + 3];
        embedding.AsSpan().Fill(9f);
        encoder.Encode("A statement about the embassy.", embedding);
        double norm = Math.Sqrt(embedding.Take(384).Sum(x => (double)x * x));
        Assert.InRange(norm, 0.9999, 1.0001);
        Assert.Equal([9f, 9f, 9f], embedding[^3..]);
    }

    [Fact]
    public void Encode_is_safe_from_many_threads_at_once()
    {
        string[] texts = TestData.Sample(60);
        var expected = texts.Select(t =>
        {
            var e = new float[384];
            encoders.MiniLm.Encode(t, e);
            return e;
        }).ToArray();
        var actual = new float[texts.Length * 4][];
        Parallel.For(0, actual.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            actual[i] = new float[384];
            encoders.MiniLm.Encode(texts[i % texts.Length], actual[i]);
        });
        for (int i = 0; i < actual.Length; i++)
        {
            Assert.True(expected[i % texts.Length].AsSpan().SequenceEqual(actual[i]));
        }
    }

    [Fact]
    public void Text_past_the_word_piece_limit_is_ignored()
    {
        string text = string.Join(" ", Enumerable.Repeat("The talks resumed in Geneva.", 60));
        var full = new float[384];
        var longer = new float[384];
        encoders.MiniLm.Encode(text, full);
        encoders.MiniLm.Encode(text + " But nothing was agreed, and the sanctions stay.", longer);
        Assert.Equal(full, longer);
    }

    [Fact]
    public void Rejects_unknown_names_and_short_destinations()
    {
        Assert.Throws<ArgumentException>(() => TransformerEncoder.Load("all-MiniLM-L6-v2"));
        Assert.Throws<ArgumentException>(() => encoders.MiniLm.Encode("text", new float[383]));
        Assert.Throws<ArgumentOutOfRangeException>(() => encoders.MiniLm.EncodeMany(["text"], 0));
        Assert.Throws<ArgumentException>(() => encoders.MiniLm.EncodeMany(["text", null!], 2));
        Assert.Empty(encoders.MiniLm.EncodeMany([], 2));
    }

    [Fact]
    public void A_disposed_encoder_refuses_work()
    {
        var encoder = TransformerEncoder.Load(TransformerEncoder.ArcticEmbedXs);
        encoder.Dispose();
        Assert.Throws<ObjectDisposedException>(() => encoder.Encode("text", new float[384]));
    }
}
