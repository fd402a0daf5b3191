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
/// Recognizes who a phrase names: a person ("Sen. Edward Markey", with the title before the name read
/// by <see cref="Roles"/>), several ("X and Y"), a body or place ("the State Department",
/// "Pyongyang"), a pronoun or an unnamed source ("a senior official"). It knows which single
/// capitalized words are names from the article's full names (<see cref="IsKnownNameWord"/>), since a
/// lone capitalized word at the start of a sentence ("Experts", "Officials") is usually not one.
/// </summary>
internal sealed class NameReader(string text, Func<string, bool> isKnownNameWord)
{
    private const int MaxNameWords = 4;

    public Func<string, bool> IsKnownNameWord { get; } = isKnownNameWord;

    /// <summary>Reads the roles of the names: titles before them, appositives after them.</summary>
    public RoleReader Roles { get; } = new(text);

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
                || before.In(Lexicon.ObjectPrepositions))
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
        return new NameMention(name, Roles.RoleFromTitle(tokens, from, nameStart), gender, tokens[nameStart].Start, tokens[to - 1].End, IsOrganization: false);
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
            if (!(capital || bodyWord || t.In(Lexicon.OrganizationConnectors) || (t.IsPunctuation('’') && i > from)))
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

            if (tokens[i].IsWord && Lexicon.GenderedTitles.TryGetValue(tokens[i].Text, out Gender titled))
            {
                return titled;
            }
        }

        return Lexicon.GivenNames.TryGetValue(tokens[nameStart].Text, out Gender given) ? given : Gender.Unknown;
    }
}
