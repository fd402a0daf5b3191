using Stance.Text;

namespace Stance.Tests;

public sealed class TokenizerTests
{
    private static string[] Tokens(string text, bool negation = true)
    {
        var list = new TokenList();
        new Tokenizer(new TokenizerOptions(MarkNegation: negation)).Tokenize(text, list);
        return list.ToArray();
    }

    [Fact]
    public void Words_after_a_negation_are_marked_until_punctuation()
    {
        Assert.Equal(["we", "should", "not", "not_rush", "not_into", "not_talks", "now"], Tokens("We should not rush into talks, now."));
    }

    [Fact]
    public void Contractions_become_the_verb_and_not()
    {
        Assert.Equal(["we", "can", "not", "not_wait"], Tokens("We can't wait"));
        Assert.Equal(["they", "will", "not", "not_disarm"], Tokens("They won’t disarm"));
        Assert.Equal(["it", "does", "not", "not_work"], Tokens("It doesn't work"));
    }

    [Fact]
    public void Abbreviations_possessives_and_digits_are_normalized()
    {
        Assert.Equal(["the", "u.s", "and", "kim", "'s", "0000", "summit"], Tokens("The U.S. and Kim's 2018 summit", negation: false));
    }

    [Fact]
    public void Question_marks_are_tokens_and_other_punctuation_is_dropped()
    {
        Assert.Equal(["why", "talk", "?", "!", "sanctions", "work", "!"], Tokens("Why talk?! Sanctions (finally) work; \"really\"!", negation: false).Where(t => t is not "finally" and not "really").ToArray());
    }

    [Fact]
    public void Words_run_on_through_non_ascii_letters_and_stop_at_quote_marks()
    {
        Assert.Equal(["a", "naïve", "café", "talks", "now"], Tokens("A naïve Café 'talks' now", negation: false));
        Assert.Equal(["o'brien", "said", "g0", "and", "e.g", "0000"], Tokens("O'Brien said G7 and e.g. 2018", negation: false));
    }

    [Fact]
    public void Words_longer_than_the_limit_are_cut()
    {
        Assert.Equal([new string('a', Tokenizer.MaxTokenLength)], Tokens(new string('A', Tokenizer.MaxTokenLength + 5)));
        Assert.Equal([new string('b', Tokenizer.MaxTokenLength), "ok"], Tokens(new string('b', Tokenizer.MaxTokenLength) + " ok"));
    }

    [Fact]
    public void Token_spans_point_back_into_the_text()
    {
        const string text = "Keep the channels open";
        var list = new TokenList();
        new Tokenizer(new TokenizerOptions()).Tokenize(text, list);

        Assert.Equal("channels", text[list.SourceStart(2)..list.SourceEnd(2)]);
    }
}
