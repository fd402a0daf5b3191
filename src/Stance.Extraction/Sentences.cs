namespace Stance.Extraction;

/// <summary>A sentence of narration with its quotations as single tokens.</summary>
/// <param name="Index">Position among all the article's sentences.</param>
/// <param name="FirstInParagraph">Whether it opens its paragraph.</param>
/// <param name="LastInParagraph">Whether it closes its paragraph.</param>
internal sealed record Sentence(int Index, Paragraph Paragraph, Token[] Tokens, bool FirstInParagraph, bool LastInParagraph)
{
    public int Start => Tokens[0].Start;

    public int End => Tokens[^1].End;
}

/// <summary>Splits a paragraph's tokens into sentences.</summary>
/// <remarks>
/// <para>
/// A sentence ends at ., ? or ! before a capitalized word, a digit or a quotation, and after a
/// quotation that ends with such a mark when the same follows. Periods of abbreviations ("Sen.",
/// "U.S.") are part of their word and end nothing, except a dotted abbreviation such as "U.S." before
/// a word that usually opens a sentence ("the U.S. The ..."). Quotations are single tokens, so the
/// sentences inside a quotation never split it.
/// </para>
/// <para>
/// A sentence is at most <see cref="MaxTokens"/> tokens: a longer run without a sentence end (a table, a
/// list, text without punctuation) is cut there. No sentence of prose comes near it (the longest in the
/// test articles and corpora is about a hundred), and the bound keeps the work of the rules, which look
/// back and ahead within a sentence, linear in the article.
/// </para>
/// </remarks>
internal static class SentenceSplitter
{
    /// <summary>The most tokens (words, punctuation, whole quotations) a sentence holds.</summary>
    public const int MaxTokens = 300;

    public static void Split(string text, Paragraph paragraph, List<Token> tokens, List<Sentence> sentences)
    {
        int start = 0;
        WorkMeter.Count(tokens.Count);
        for (int k = 0; k < tokens.Count; k++)
        {
            bool last = k == tokens.Count - 1;
            if (!last && k + 1 - start < MaxTokens && !EndsSentence(text, tokens, k))
            {
                continue;
            }

            sentences.Add(new Sentence(sentences.Count, paragraph, tokens.GetRange(start, k + 1 - start).ToArray(), start == 0, last));
            start = k + 1;
        }
    }

    private static bool EndsSentence(string text, List<Token> tokens, int index)
    {
        Token token = tokens[index];
        Token next = tokens[index + 1];
        bool nextOpens = next.IsQuote
            || (next.IsWord && (char.IsUpper(next.Text[0]) || char.IsDigit(next.Text[0])))
            || next.IsPunctuation('[') || next.IsPunctuation('(');
        if (token.IsTerminal)
        {
            return nextOpens;
        }

        if (token.IsQuote)
        {
            int last = token.Quote!.ContentEnd - 1;
            while (last > token.Quote.ContentStart && char.IsWhiteSpace(text[last]))
            {
                last--;
            }

            if (token.Quote.Close < 0 || !nextOpens || text[last] is not ('.' or '?' or '!' or '…'))
            {
                return false;
            }

            // "“Who checks where the flour goes?” Choi asked." goes on: the attribution follows.
            return !AttributionFollows(tokens, index + 1);
        }

        return token.IsWord && token.Text.EndsWith('.') && token.Text.IndexOf('.') < token.Text.Length - 1
            && next.In(Lexicon.SentenceStarters) && char.IsUpper(next.Text[0]);
    }

    /// <summary>
    /// Whether an attribution follows: a speech verb, alone ("said Revere") or after a short speaker
    /// phrase ("Choi asked", "the official said", "Sen. Ro Khanna said").
    /// </summary>
    private static bool AttributionFollows(List<Token> tokens, int from)
    {
        for (int i = from; i < tokens.Count && i < from + 7; i++)
        {
            Token token = tokens[i];
            if (token.IsWord && !char.IsUpper(token.Text[0]) && token.In(Lexicon.SpeechVerbs))
            {
                return true;
            }

            bool speakerWord = token.IsCapitalized || token.In(Lexicon.Pronouns) || token.In(Lexicon.Determiners)
                || NameReader.IsRoleNoun(token) || token.In(Lexicon.RoleModifiers) || token.In(Lexicon.SubjectConnectors);
            if (!speakerWord)
            {
                return false;
            }
        }

        return false;
    }
}
