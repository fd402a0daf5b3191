using Stance.Text;

namespace Stance.Tests;

/// <summary>
/// The argument cues (<see cref="TokenizerOptions.ArgumentCues"/>): one token per direction word
/// saying what its clause does with it, and the last sentence's clauses marked again.
/// </summary>
public sealed class ArgumentCuesTests
{
    private static string[] Cues(string text)
    {
        var list = new TokenList();
        new Tokenizer(new TokenizerOptions(ArgumentCues: true)).Tokenize(text, list);
        return [.. list.ToArray().Where(t => t.StartsWith(ArgumentCues.Marker))];
    }

    [Fact]
    public void A_negated_recommendation_points_away_from_the_words_after_the_negation()
    {
        Assert.Equal(["§recommend:no-engagement", "§last-recommend:no-engagement"], Cues("We should not rush into talks."));
    }

    [Fact]
    public void A_recommendation_without_negation_points_toward_its_words()
    {
        Assert.Equal(["§recommend:pressure", "§last-recommend:pressure"], Cues("Keep up the pressure."));
        Assert.Equal(["§recommend:engagement", "§last-recommend:engagement"], Cues("Talks should resume."));
    }

    [Fact]
    public void Condemnation_wins_over_recommendation_and_a_question_over_both()
    {
        Assert.Equal(["§condemn:engagement", "§last-condemn:engagement"], Cues("A freeze would be a losing bet."));
        Assert.Equal(["§ask:pressure", "§last-ask:pressure"], Cues("Should we keep the sanctions?"));
    }

    [Fact]
    public void But_starts_a_new_clause_and_only_the_last_sentence_is_marked_again()
    {
        Assert.Equal(
            ["§condemn:engagement", "§praise:pressure", "§mention:engagement", "§last-mention:engagement"],
            Cues("The summit failed, but the sanctions worked. Now comes the envoy."));
    }

    [Fact]
    public void A_text_without_direction_words_has_no_cues()
    {
        Assert.Empty(Cues("The weather was cold in Pyongyang this week."));
    }
}
