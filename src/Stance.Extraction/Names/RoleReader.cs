using System.Text;

namespace Stance.Extraction;

/// <summary>
/// Recognizes roles: a title before a name ("Secretary of State", "Sen." spelled out as "Senator",
/// "State Department spokesperson"), the appositives after it (", director of ..., a U.S.-based firm,")
/// and what a short relative clause says ("who heads the Korea desk at ..."), telling role segments
/// from relative clauses, adjuncts ("in his confirmation hearing") and discourse words (", however,").
/// </summary>
internal sealed class RoleReader(string text)
{
    /// <summary>
    /// The role a title before a name gives ("Secretary of State", "State Department spokesperson",
    /// "North Korean leader"), spelled out ("Sen." → "Senator"); null when the words before the name are not a title.
    /// </summary>
    public string? RoleFromTitle(Token[] tokens, int from, int to)
    {
        while (from < to && (tokens[from].In(Lexicon.Determiners) || tokens[from].In(Lexicon.LeadingConjunctions)))
        {
            from++;
        }

        while (from < to && Lexicon.CourtesyTitles.ContainsKey(tokens[from].Text))
        {
            from++;
        }

        if (from >= to || (tokens[from].In(Lexicon.AdverbialOpeners) && !tokens[from].In(Lexicon.RoleModifiers)))
        {
            return null;
        }

        bool hasTitle = false;
        for (int i = from; i < to; i++)
        {
            Token t = tokens[i];
            bool title = t.In(Lexicon.Titles) || NameReader.IsRoleNoun(t);
            hasTitle |= title && !Lexicon.CourtesyTitles.ContainsKey(t.Text);
            bool fits = title || t.IsCapitalized || t.In(Lexicon.RoleModifiers) || t.In(Lexicon.TitleConnectors) || t.IsPossessive
                || (t.IsWord && t.Text.Contains('-')) || t.IsPunctuation('’') || t.IsPunctuation('\'');
            if (!fits)
            {
                return null;
            }
        }

        return hasTitle ? Expand(tokens, from, to) : null;
    }

    /// <summary>
    /// Reads the appositives after a name: ", director of ..., a U.S.-based firm," and so on, skipping
    /// the segments <paramref name="skip"/> allows (relative clauses, adjuncts, discourse words).
    /// Returns the role (the role segments joined, else what a relative clause says) and the index
    /// where the sentence goes on after them, or -1 when nothing follows.
    /// </summary>
    /// <param name="index">The index of the comma after the name.</param>
    /// <remarks>A comma inside a closing quotation mark (“strategic patience,”) separates segments too.</remarks>
    public (string? Role, int Remainder) ReadAppositives(Token[] tokens, int index, int limit, SegmentKind skip)
    {
        if (index >= limit || !tokens[index].IsPunctuation(','))
        {
            return (null, -1);
        }

        var roles = new List<string>();
        string? relativeRole = null;
        int start = index + 1;
        int rest = -1;
        while (start < limit)
        {
            int end = start;
            while (end < limit && !tokens[end].IsPunctuation(',') && !tokens[end].IsPunctuation(';') && !EndsWithComma(tokens[end]))
            {
                end++;
            }

            bool last = end >= limit;
            int segmentEnd = last ? end : tokens[end].IsQuote ? end + 1 : end;
            while (last && segmentEnd > start && tokens[segmentEnd - 1].IsTerminal)
            {
                segmentEnd--;
            }

            SegmentKind kind = Classify(tokens, start, segmentEnd);
            if (kind == SegmentKind.Role)
            {
                roles.Add(RoleText(tokens, start, segmentEnd));
            }
            else if ((kind & skip) == 0)
            {
                rest = start;
                break;
            }
            else if (kind == SegmentKind.Relative)
            {
                relativeRole ??= RelativeRole(tokens, start, segmentEnd);
            }

            if (last)
            {
                break;
            }

            start = end + 1;
        }

        return (roles.Count > 0 ? string.Join(", ", roles) : relativeRole, rest);
    }

    private bool EndsWithComma(Token token)
    {
        if (!token.IsQuote || token.Quote!.Close < 0)
        {
            return false;
        }

        int last = token.Quote.ContentEnd - 1;
        return last >= token.Quote.ContentStart && text[last] == ',';
    }

    /// <summary>
    /// The role a relative clause gives ("who heads the Korea desk at the Pell Foundation" → "heads the
    /// Korea desk at the Pell Foundation"; "who is a professor at ..." → "a professor at ..."): only a
    /// short clause, without quotations, that names a body or a role.
    /// </summary>
    public string? RelativeRole(Token[] tokens, int from, int to)
    {
        if (!tokens[from].Is("who") || to - from > 25 || to - from < 3)
        {
            return null;
        }

        bool names = false;
        for (int i = from + 1; i < to; i++)
        {
            if (tokens[i].IsQuote)
            {
                return null;
            }

            names |= (tokens[i].IsCapitalized && i > from + 1) || NameReader.IsRoleNoun(tokens[i]);
        }

        int start = from + 1;
        if (tokens[start].In(Lexicon.Copulas))
        {
            start++;
        }

        return names && start < to ? Span(tokens, start, to) : null;
    }

    /// <summary>The index of the next top-level comma or semicolon at or after <paramref name="from"/>, else the end of the sentence (before its final punctuation).</summary>
    public static int SegmentEnd(Token[] tokens, int from, int limit)
    {
        int end = from;
        while (end < limit && !tokens[end].IsPunctuation(',') && !tokens[end].IsPunctuation(';'))
        {
            end++;
        }

        if (end == limit)
        {
            while (end > from && tokens[end - 1].IsTerminal)
            {
                end--;
            }
        }

        return end;
    }

    /// <summary>What a comma-delimited segment is: a role, a relative clause, an adjunct, a discourse word, or something else (a clause).</summary>
    public SegmentKind Classify(Token[] tokens, int from, int to)
    {
        if (from >= to)
        {
            return SegmentKind.Other;
        }

        Token first = tokens[from];
        if (first.In(Lexicon.RelativePronouns) && !first.Is("that"))
        {
            return SegmentKind.Relative;
        }

        if (to - from == 1 && first.IsWord && char.IsDigit(first.Text[0]))
        {
            return SegmentKind.Adjunct; // an age: "Tobias Lindgren, 54, says"
        }

        while (from + 1 < to && tokens[from].In(Lexicon.RoleAdverbs) && !tokens[from + 1].In(Lexicon.AdjunctOpeners))
        {
            from++; // "now a visiting scholar at ..."
        }

        first = tokens[from];

        if (to - from <= 3 && tokens[from..to].All(t => t.In(Lexicon.DiscourseWords)))
        {
            return SegmentKind.Discourse;
        }

        if (first.IsWord && Lexicon.AdjunctOpeners.Contains(first.Text) && !first.In(Lexicon.RoleModifiers) && !first.In(Lexicon.Titles))
        {
            return SegmentKind.Adjunct; // "in his confirmation hearing", "at an event ...", "Tuesday"
        }

        if (first.IsWord && !first.IsCapitalized && first.Text.EndsWith("ing", StringComparison.Ordinal) && !NameReader.IsRoleNoun(first))
        {
            return SegmentKind.Adjunct; // "speaking by phone from Tokyo"
        }

        bool hasRoleNoun = false;
        for (int i = from; i < to; i++)
        {
            if (tokens[i].IsQuote || tokens[i].In(Lexicon.Auxiliaries))
            {
                return SegmentKind.Other;
            }

            hasRoleNoun |= NameReader.IsRoleNoun(tokens[i]) || (tokens[i].In(Lexicon.Titles) && tokens[i].IsCapitalized);
        }

        bool roleOpening = first.In(Lexicon.Determiners) || first.In(Lexicon.RoleModifiers) || first.IsCapitalized || NameReader.IsRoleNoun(first) || first.In(Lexicon.Titles);
        return hasRoleNoun && roleOpening ? SegmentKind.Role : SegmentKind.Other;
    }

    /// <summary>The text of a role phrase before a name, without "the" or a possessive ("Its lead author" → "lead author").</summary>
    public string RoleText(Token[] tokens, int from, int to)
    {
        while (from + 1 < to && (tokens[from].In(Lexicon.DroppedRoleDeterminers)))
        {
            from++;
        }

        return Span(tokens, from, to);
    }

    /// <summary>The article text of tokens [from, to) with abbreviated titles spelled out.</summary>
    private string Expand(Token[] tokens, int from, int to)
    {
        var builder = new StringBuilder();
        for (int i = from; i < to; i++)
        {
            if (i > from)
            {
                builder.Append(text, tokens[i - 1].End, tokens[i].Start - tokens[i - 1].End);
            }

            builder.Append(Lexicon.TitleAbbreviations.TryGetValue(tokens[i].Text, out string? expanded) ? expanded : tokens[i].Text);
        }

        return builder.ToString();
    }

    /// <summary>A title and an appositive role joined ("General, a retired commander"), either may be missing.</summary>
    public static string? Join(string? title, string? appositive) =>
        title is null ? appositive : appositive is null ? title : $"{title}, {appositive}";

    /// <summary>The article text from the start of one token to the end of another.</summary>
    private string Span(Token[] tokens, int from, int to) => text[tokens[from].Start..tokens[to - 1].End];
}

/// <summary>What a comma-delimited segment after a name is.</summary>
[Flags]
internal enum SegmentKind
{
    Other = 0,
    Role = 1,
    Relative = 2,
    Adjunct = 4,
    Discourse = 8,
}
