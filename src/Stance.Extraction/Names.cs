using System.Text;

namespace Stance.Extraction;

/// <summary>A person's grammatical gender as far as the article shows it, for pronoun resolution.</summary>
internal enum Gender
{
    Unknown,
    Male,
    Female,
}

/// <summary>A name as written in one place: "Antony Blinken" with the role "Secretary of State" from before it.</summary>
/// <param name="IsOrganization">Whether the phrase names a body or a place ("the State Department", "Pyongyang") rather than a person.</param>
internal sealed record NameMention(string Name, string? Role, Gender Gender, int Start, int End, bool IsOrganization);

/// <summary>
/// The phrase that says who spoke: one or more names ("Sen. Edward Markey and Rep. Ro Khanna"), a
/// pronoun ("he"), or an unnamed source ("a senior official").
/// </summary>
internal sealed record SpeakerPhrase(IReadOnlyList<NameMention> Names, string? Pronoun, string? UnnamedSource)
{
    public bool IsNamed => Names.Count > 0;
}

/// <summary>
/// Reads names, titles and appositive roles from tokens. It knows which single capitalized words are
/// names from the article's full names (<see cref="IsKnownNameWord"/>), since a lone capitalized word
/// at the start of a sentence ("Experts", "Officials") is usually not one.
/// </summary>
internal sealed class NameReader(string text, Func<string, bool> isKnownNameWord)
{
    private const int MaxNameWords = 4;

    public Func<string, bool> IsKnownNameWord { get; } = isKnownNameWord;

    /// <summary>Whether a token can be part of a person's name.</summary>
    public static bool IsNameWord(Token token) =>
        token.IsCapitalized
        && !token.IsPossessive
        && !token.In(Lexicon.Titles)
        && !token.In(Lexicon.OrganizationWords)
        && !token.In(Lexicon.Places)
        && !token.In(Lexicon.NotNames)
        && (!token.Text.Contains('.') || IsInitial(token))
        && !(token.Text.Length > 1 && token.Text.All(char.IsUpper)); // acronyms name bodies: "CNA", "UN"

    /// <summary>Whether a token is an initial such as "F." in a name.</summary>
    public static bool IsInitial(Token token) => token.IsWord && token.Text.Length == 2 && char.IsUpper(token.Text[0]) && token.Text[1] == '.';

    /// <summary>
    /// Parses the phrase <paramref name="tokens"/>[from..to) as a speaker: a pronoun, names joined by
    /// "and", or an unnamed source. Null when it is none of these (a clause, "That approach", "The Biden administration").
    /// </summary>
    /// <param name="startsSentence">Whether the phrase opens its sentence (so its first capital proves nothing).</param>
    /// <param name="allowUnnamed">Whether an unnamed source ("an official") is acceptable here.</param>
    public SpeakerPhrase? ParseSpeaker(Token[] tokens, int from, int to, bool startsSentence, bool allowUnnamed)
    {
        while (from < to && (tokens[from].In(Lexicon.LeadingConjunctions) || tokens[from].IsPunctuation('—') || tokens[from].IsPunctuation('–')))
        {
            from++;
            startsSentence = false;
        }

        if (from >= to)
        {
            return null;
        }

        if (to - from == 1 && tokens[from].In(Lexicon.Pronouns))
        {
            return new SpeakerPhrase([], tokens[from].Text.ToLowerInvariant(), null);
        }

        var parts = new List<(int From, int To)>();
        int partStart = from;
        for (int i = from; i < to; i++)
        {
            if (tokens[i].Is("and") || tokens[i].IsPunctuation('&'))
            {
                parts.Add((partStart, i));
                partStart = i + 1;
            }
        }

        parts.Add((partStart, to));
        if (parts.Count > 1)
        {
            var names = new List<NameMention>();
            foreach (var (partFrom, partTo) in parts)
            {
                if (ParseName(tokens, partFrom, partTo, startsSentence && partFrom == from, organizationAllowed: false) is not { } name)
                {
                    names.Clear();
                    break; // maybe an "and" inside a title: "Assistant Secretary for East Asian and Pacific Affairs Margaret Ellsworth"
                }

                names.Add(name);
            }

            if (names.Count > 0)
            {
                return new SpeakerPhrase(names, null, null);
            }
        }

        if (ParseName(tokens, from, to, startsSentence, organizationAllowed: true) is { } single)
        {
            return new SpeakerPhrase([single], null, null);
        }

        return allowUnnamed && IsUnnamedSource(tokens, from, to) ? new SpeakerPhrase([], null, Span(tokens, from, to)) : null;
    }

    /// <summary>
    /// Parses a name with any title before it: the name is the run of name words at the end of the
    /// phrase; what precedes it is a role when it reads as a title ("Commander of U.S. Indo-Pacific Command").
    /// </summary>
    public NameMention? ParseName(Token[] tokens, int from, int to, bool startsSentence, bool organizationAllowed)
    {
        if (to <= from || tokens[to - 1].IsPossessive)
        {
            return null;
        }

        int nameStart = to;
        while (nameStart > from && (IsNameWord(tokens[nameStart - 1]) || IsInitial(tokens[nameStart - 1])
            || (nameStart < to && nameStart - 1 > from && tokens[nameStart - 1].In(Lexicon.NameParticles) && IsNameWord(tokens[nameStart - 2]))))
        {
            nameStart--;
        }

        if (nameStart == to || to - nameStart > MaxNameWords || IsInitial(tokens[to - 1]))
        {
            return organizationAllowed ? ParseOrganization(tokens, from, to, startsSentence) : null;
        }

        if (nameStart > from)
        {
            Token before = tokens[nameStart - 1];
            if (before.In(Lexicon.Determiners) || before.In(Lexicon.RelativePronouns)
                || (before.IsWord && !before.IsCapitalized && Lexicon.AdjunctOpeners.Contains(before.Text) && !before.In(Lexicon.RoleModifiers))
                || before.Is("by") || before.Is("with") || before.Is("of") || before.Is("to"))
            {
                // Not a person who is the subject ("the report by Smith"), but maybe a body ("Joint Chiefs of Staff").
                return organizationAllowed ? ParseOrganization(tokens, from, to, startsSentence) : null;
            }

            if (before.In(Lexicon.OrganizationWords) && !IsTitleBefore(tokens, from, nameStart))
            {
                // "Heritage Foundation" style: the name words belong to the organization before them.
                return organizationAllowed ? ParseOrganization(tokens, from, to, startsSentence) : null;
            }
        }

        bool single = to - nameStart == 1;
        if (single && startsSentence && nameStart == from && !IsKnownNameWord(tokens[nameStart].Text)
            && tokens[nameStart].Text.EndsWith('s') && !tokens[nameStart].Text.All(char.IsUpper))
        {
            return null; // "Experts", "Officials", "Analysts"
        }

        string name = Span(tokens, nameStart, to);
        Gender gender = GenderOf(tokens, from, nameStart);
        return new NameMention(name, RoleFromTitle(tokens, from, nameStart), gender, tokens[nameStart].Start, tokens[to - 1].End, IsOrganization: false);
    }

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
            bool title = t.In(Lexicon.Titles) || IsRoleNoun(t);
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

            names |= (tokens[i].IsCapitalized && i > from + 1) || IsRoleNoun(tokens[i]);
        }

        int start = from + 1;
        if (tokens[start].Is("is") || tokens[start].Is("was"))
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

        if (first.IsWord && !first.IsCapitalized && first.Text.EndsWith("ing", StringComparison.Ordinal) && !IsRoleNoun(first))
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

            hasRoleNoun |= IsRoleNoun(tokens[i]) || (tokens[i].In(Lexicon.Titles) && tokens[i].IsCapitalized);
        }

        bool roleOpening = first.In(Lexicon.Determiners) || first.In(Lexicon.RoleModifiers) || first.IsCapitalized || IsRoleNoun(first) || first.In(Lexicon.Titles);
        return hasRoleNoun && roleOpening ? SegmentKind.Role : SegmentKind.Other;
    }

    /// <summary>The text of a role phrase before a name, without "the" or a possessive ("Its lead author" → "lead author").</summary>
    public string RoleText(Token[] tokens, int from, int to)
    {
        while (from + 1 < to && (tokens[from].Is("the") || tokens[from].Is("its") || tokens[from].Is("their") || tokens[from].Is("his") || tokens[from].Is("her") || tokens[from].Is("our")))
        {
            from++;
        }

        return Span(tokens, from, to);
    }

    /// <summary>Whether a word is a role noun, singular or plural.</summary>
    public static bool IsRoleNoun(Token token) =>
        token.IsWord && (Lexicon.RoleNouns.Contains(token.Text)
            || (token.Text.Length > 3 && token.Text.EndsWith('s') && Lexicon.RoleNouns.Contains(token.Text[..^1])));

    /// <summary>The article text from the start of one token to the end of another.</summary>
    public string Span(Token[] tokens, int from, int to) => text[tokens[from].Start..tokens[to - 1].End];

    private static bool IsTitleBefore(Token[] tokens, int from, int nameStart)
    {
        for (int i = from; i < nameStart; i++)
        {
            if (tokens[i].In(Lexicon.Titles))
            {
                return true;
            }
        }

        return false;
    }

    private NameMention? ParseOrganization(Token[] tokens, int from, int to, bool startsSentence)
    {
        if (from < to && tokens[from].Is("the"))
        {
            from++;
            startsSentence = false;
        }

        if (from >= to || to - from > 6)
        {
            return null;
        }

        bool organizationWord = false;
        for (int i = from; i < to; i++)
        {
            Token t = tokens[i];
            bool capital = t.IsCapitalized || (t.IsWord && t.Text.All(c => char.IsUpper(c) || c == '.'));
            bool bodyWord = i > from && t.IsWord && t.In(Lexicon.OrganizationWords) && tokens[from].IsCapitalized; // "North Korea's foreign ministry"
            if (!(capital || bodyWord || t.Is("of") || t.Is("for") || t.Is("on") || (t.IsPunctuation('’') && i > from)))
            {
                return null;
            }

            organizationWord |= t.In(Lexicon.OrganizationWords) || t.In(Lexicon.Places) || (t.IsWord && t.Text.Length > 1 && t.Text.All(c => char.IsUpper(c) || c == '.'));
        }

        bool notName = tokens[from].In(Lexicon.NotNames) && !tokens[from].In(Lexicon.OrganizationWords) && !tokens[from].In(Lexicon.Places);
        if (!organizationWord || notName || (startsSentence && to - from == 1 && !tokens[from].In(Lexicon.Places) && !tokens[from].In(Lexicon.OrganizationWords) && !tokens[from].Text.All(char.IsUpper)))
        {
            return null;
        }

        return new NameMention(Span(tokens, from, to), null, Gender.Unknown, tokens[from].Start, tokens[to - 1].End, IsOrganization: true);
    }

    private static bool IsUnnamedSource(Token[] tokens, int from, int to)
    {
        if (to - from > 6 || !IsRoleNoun(tokens[to - 1]))
        {
            return false;
        }

        for (int i = from; i < to - 1; i++)
        {
            if (!tokens[i].IsWord || tokens[i].In(Lexicon.Auxiliaries) || tokens[i].In(Lexicon.RelativePronouns))
            {
                return false;
            }
        }

        return true;
    }

    private static Gender GenderOf(Token[] tokens, int from, int nameStart)
    {
        for (int i = from; i < nameStart; i++)
        {
            if (Lexicon.CourtesyTitles.TryGetValue(tokens[i].Text, out Gender gender) && gender != Gender.Unknown)
            {
                return gender;
            }

            if (tokens[i].Is("congresswoman") || tokens[i].Is("chairwoman") || tokens[i].Is("spokeswoman") || tokens[i].Is("queen") || tokens[i].Is("princess"))
            {
                return Gender.Female;
            }

            if (tokens[i].Is("congressman") || tokens[i].Is("chairman") || tokens[i].Is("spokesman") || tokens[i].Is("king") || tokens[i].Is("prince"))
            {
                return Gender.Male;
            }
        }

        return Lexicon.GivenNames.TryGetValue(tokens[nameStart].Text, out Gender given) ? given : Gender.Unknown;
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
