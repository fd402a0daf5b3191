namespace Stance.Extraction;

/// <summary>
/// Everyone the article names, collected before statements are attributed, so that a surname
/// ("said Revere") or a family name ("Kim") resolves to the full name introduced earlier.
/// </summary>
internal sealed class PersonRegistry
{
    private const int MaxNameWords = 4;

    private readonly List<Person> _people = [];
    private readonly HashSet<string> _nameWords = new(StringComparer.Ordinal);

    public bool IsKnownNameWord(string word) => _nameWords.Contains(word);

    /// <summary>
    /// Registers the full names in the narration (two or more name words, or one after a title), with
    /// the role of a title before them or of appositives after them.
    /// </summary>
    public void Collect(string text, IEnumerable<Sentence> sentences, NameReader names)
    {
        foreach (Sentence sentence in sentences)
        {
            if (sentence.Paragraph.IsHeading && IsTitleCase(sentence.Tokens))
            {
                continue;
            }

            Token[] t = sentence.Tokens;
            for (int i = 0; i < t.Length; i++)
            {
                if (!NameReader.IsNameWord(t[i]))
                {
                    continue;
                }

                int j = i;
                while (j < t.Length && (NameReader.IsNameWord(t[j]) || NameReader.IsInitial(t[j])
                    || (t[j].In(Lexicon.NameParticles) && j + 1 < t.Length && NameReader.IsNameWord(t[j + 1]))))
                {
                    j++;
                }

                bool possessive = j < t.Length && t[j].IsCapitalized && t[j].IsPossessive;
                int end = possessive ? j + 1 : j;
                int count = end - i;
                bool titled = i > 0 && (t[i - 1].In(Lexicon.Titles) || Lexicon.CourtesyTitles.ContainsKey(t[i - 1].Text));
                bool organizationAfter = end < t.Length && t[end].IsCapitalized && t[end].In(Lexicon.OrganizationWords);
                if (!organizationAfter && count <= MaxNameWords && (count >= 2 || titled))
                {
                    string name = text[t[i].Start..t[end - 1].End];
                    if (possessive)
                    {
                        name = name[..^2];
                    }

                    int premodifier = i;
                    while (premodifier > 0 && IsTitleWord(t[premodifier - 1]))
                    {
                        premodifier--;
                    }

                    string? role = names.Roles.RoleFromTitle(t, premodifier, i);
                    if (!possessive && end < t.Length && t[end].IsPunctuation(','))
                    {
                        string? appositive = names.Roles.ReadAppositives(t, end, t.Length, SegmentKind.Relative).Role;
                        role = RoleReader.Join(role, appositive);
                    }

                    if (role is null && i >= 2 && t[i - 1].IsPunctuation(',') && end < t.Length && t[end].IsPunctuation(','))
                    {
                        // "The negotiator, Reza Farahani, spoke ...": a role before the name, set off by commas.
                        int segmentStart = i - 1;
                        while (segmentStart > 0 && !t[segmentStart - 1].IsPunctuation(','))
                        {
                            segmentStart--;
                        }

                        if (segmentStart < i - 1 && names.Roles.Classify(t, segmentStart, i - 1) == SegmentKind.Role)
                        {
                            role = names.Roles.RoleText(t, segmentStart, i - 1);
                        }
                    }

                    Gender gender = premodifier < i && Lexicon.CourtesyTitles.TryGetValue(t[i - 1].Text, out Gender g) ? g
                        : Lexicon.GivenNames.TryGetValue(t[i].Text, out Gender given) ? given : Gender.Unknown;
                    Register(new NameMention(name, role, gender, t[i].Start, t[end - 1].End, IsOrganization: false));
                }

                i = end - 1;
            }
        }
    }

    /// <summary>The person a name mention stands for: by full name, or a surname or family name introduced before it (else after it).</summary>
    public Person Resolve(NameMention mention)
    {
        Person person = Find(mention) ?? Add(mention.Name, mention.IsOrganization);
        person.Learn(mention);
        return person;
    }

    private void Register(NameMention mention)
    {
        Person person = _people.FirstOrDefault(p => p.Name == mention.Name) ?? Add(mention.Name, isOrganization: false);
        person.Learn(mention);
    }

    private Person? Find(NameMention mention)
    {
        if (mention.IsOrganization)
        {
            return _people.FirstOrDefault(p => p.IsOrganization && p.Name == mention.Name);
        }

        Person? exact = _people.FirstOrDefault(p => !p.IsOrganization && p.Name == mention.Name);
        string[] words = mention.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > 1)
        {
            return exact ?? _people.FirstOrDefault(p => !p.IsOrganization && p.Words.Length > words.Length && p.Words.AsSpan()[^words.Length..].SequenceEqual(words));
        }

        string word = words[0];
        var candidates = _people.Where(p => !p.IsOrganization && p.Words.Length > 1 && (p.Words[^1] == word || p.Words[0] == word)).ToList();
        if (candidates.Count == 0)
        {
            return exact;
        }

        Person? before = candidates
            .Select(p => (Person: p, Last: p.Mentions.Where(m => m < mention.Start).DefaultIfEmpty(-1).Max()))
            .Where(c => c.Last >= 0)
            .OrderByDescending(c => c.Last)
            .ThenBy(c => c.Person.Words[^1] == word ? 0 : 1)
            .Select(c => c.Person)
            .FirstOrDefault();
        return before ?? candidates.OrderBy(p => p.Mentions.Count > 0 ? p.Mentions.Min() : int.MaxValue).First();
    }

    private Person Add(string name, bool isOrganization)
    {
        var person = new Person(name, isOrganization);
        _people.Add(person);
        if (!isOrganization)
        {
            foreach (string word in person.Words)
            {
                _nameWords.Add(word);
            }
        }

        return person;
    }

    private static bool IsTitleWord(Token token) =>
        token.In(Lexicon.Titles) || NameReader.IsRoleNoun(token) || token.In(Lexicon.TitlePrepositions)
        || (token.IsCapitalized && (!token.In(Lexicon.NotNames) || token.In(Lexicon.Places) || token.In(Lexicon.OrganizationWords)))
        || (token.IsWord && !token.IsCapitalized && token.In(Lexicon.RoleModifiers));

    private static bool IsTitleCase(Token[] tokens)
    {
        int words = tokens.Count(t => t.IsWord);
        return words >= 3 && tokens.Count(t => t.IsCapitalized) * 10 >= words * 6;
    }
}
