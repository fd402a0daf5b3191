namespace Stance.Extraction;

/// <summary>
/// Everyone the article names, collected before statements are attributed, so that a surname
/// ("said Revere") or a family name ("Kim") resolves to the full name introduced earlier.
/// </summary>
internal sealed class PersonRegistry
{
    private const int MaxNameWords = 4;

    private readonly HashSet<string> _nameWords = new(StringComparer.Ordinal);

    /// <summary>The first person or body met under each name.</summary>
    private readonly Dictionary<string, Person> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Person> _personByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Person> _organizationByName = new(StringComparer.Ordinal);

    /// <summary>The first person met whose name ends with these words (two or more, fewer than the whole name): "Kim Jong Un" for "Jong Un".</summary>
    private readonly Dictionary<string, Person> _bySuffix = new(StringComparer.Ordinal);

    /// <summary>The words that start or end the name of a person of two words or more: the single words that may stand for a full name.</summary>
    private readonly HashSet<string> _hasCandidates = new(StringComparer.Ordinal);

    /// <summary>Where the full names were mentioned (<see cref="Collect"/>) and where names were resolved as speakers, by first and last word.</summary>
    private readonly Dictionary<string, MentionTimeline> _collectedMentions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MentionTimeline> _resolvedMentions = new(StringComparer.Ordinal);
    private int _count;

    public bool IsKnownNameWord(string word) => _nameWords.Contains(word);

    /// <summary>
    /// Registers the full names in the narration (two or more name words, or one after a title), with
    /// the role of a title before them or of appositives after them.
    /// </summary>
    /// <param name="read">Called after each sentence (for progress and cancellation).</param>
    public void Collect(string text, IEnumerable<Sentence> sentences, NameReader names, Action<Sentence>? read = null)
    {
        foreach (Sentence sentence in sentences)
        {
            read?.Invoke(sentence);
            WorkMeter.Count(sentence.Tokens.Length);
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
        Learn(person, mention, _resolvedMentions);
        return person;
    }

    private void Register(NameMention mention)
    {
        Person person = _byName.GetValueOrDefault(mention.Name) ?? Add(mention.Name, isOrganization: false);
        Learn(person, mention, _collectedMentions);
    }

    /// <remarks>
    /// A single word stands for the full name (two words or more) that ends or starts with it and was
    /// named last before it, a surname preferred on a tie; when none was named before, the one named
    /// first. Every lookup is a dictionary or a binary search: an article of any size resolves in linear time.
    /// </remarks>
    private Person? Find(NameMention mention)
    {
        WorkMeter.Count();
        if (mention.IsOrganization)
        {
            return _organizationByName.GetValueOrDefault(mention.Name);
        }

        Person? exact = _personByName.GetValueOrDefault(mention.Name);
        string[] words = mention.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > 1)
        {
            return exact ?? _bySuffix.GetValueOrDefault(string.Join(' ', words));
        }

        string word = words[0];
        if (!_hasCandidates.Contains(word))
        {
            return exact;
        }

        MentionTimeline? collected = _collectedMentions.GetValueOrDefault(word);
        MentionTimeline? resolved = _resolvedMentions.GetValueOrDefault(word);
        int last = Math.Max(collected?.LastBefore(mention.Start) ?? -1, resolved?.LastBefore(mention.Start) ?? -1);
        if (last >= 0)
        {
            // Named last before: on a tie a surname first, then the one met first.
            Person? best = null;
            foreach (Person person in (collected?.At(last) ?? []).Concat(resolved?.At(last) ?? []))
            {
                bool surname = person.Words[^1] == word;
                if (best is null || (surname && best.Words[^1] != word) || (surname == (best.Words[^1] == word) && person.Order < best.Order))
                {
                    best = person;
                }
            }

            return best;
        }

        // Named only after: the one named first, on a tie the one met first.
        int first = Math.Min(collected?.First ?? int.MaxValue, resolved?.First ?? int.MaxValue);
        return (collected?.At(first) ?? []).Concat(resolved?.At(first) ?? []).MinBy(p => p.Order);
    }

    private Person Add(string name, bool isOrganization)
    {
        var person = new Person(name, isOrganization, _count++);
        _byName.TryAdd(name, person);
        if (isOrganization)
        {
            _organizationByName.TryAdd(name, person);
            return person;
        }

        _personByName.TryAdd(name, person);
        foreach (string word in person.Words)
        {
            _nameWords.Add(word);
        }

        string[] words = person.Words;
        for (int length = 2; length < words.Length; length++)
        {
            _bySuffix.TryAdd(string.Join(' ', words[^length..]), person);
        }

        if (words.Length > 1)
        {
            _hasCandidates.Add(words[0]);
            _hasCandidates.Add(words[^1]);
        }

        return person;
    }

    /// <summary>Learns what the mention tells about the person and records where it names them, under the words a single-word mention may use.</summary>
    private static void Learn(Person person, NameMention mention, Dictionary<string, MentionTimeline> timelines)
    {
        person.Learn(mention);
        string[] words = person.Words;
        if (person.IsOrganization || words.Length < 2)
        {
            return;
        }

        Record(timelines, words[0], mention.Start, person);
        if (words[^1] != words[0])
        {
            Record(timelines, words[^1], mention.Start, person);
        }
    }

    private static void Record(Dictionary<string, MentionTimeline> timelines, string word, int offset, Person person)
    {
        if (!timelines.TryGetValue(word, out MentionTimeline? timeline))
        {
            timelines[word] = timeline = new MentionTimeline();
        }

        timeline.Add(offset, person);
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

/// <summary>
/// The places where the people whose names start or end with one word were named, sorted by offset,
/// for "who of them was named last before here". Offsets come in article order, so adding is appending
/// (an offset out of order is inserted in place).
/// </summary>
internal sealed class MentionTimeline
{
    private readonly List<(int Offset, Person Person)> _mentions = [];

    /// <summary>The smallest offset, or int.MaxValue when empty.</summary>
    public int First => _mentions.Count > 0 ? _mentions[0].Offset : int.MaxValue;

    public void Add(int offset, Person person)
    {
        if (_mentions.Count == 0 || _mentions[^1].Offset <= offset)
        {
            _mentions.Add((offset, person));
            return;
        }

        int index = UpperBound(offset);
        WorkMeter.Count(_mentions.Count - index); // the mentions moved up
        _mentions.Insert(index, (offset, person));
    }

    /// <summary>The largest offset before <paramref name="offset"/>, or -1.</summary>
    public int LastBefore(int offset)
    {
        int index = LowerBound(offset) - 1;
        return index >= 0 ? _mentions[index].Offset : -1;
    }

    /// <summary>The people named at <paramref name="offset"/>.</summary>
    public IEnumerable<Person> At(int offset)
    {
        for (int i = LowerBound(offset); i < _mentions.Count && _mentions[i].Offset == offset; i++)
        {
            WorkMeter.Count();
            yield return _mentions[i].Person;
        }
    }

    /// <summary>The index of the first mention at or after <paramref name="offset"/>.</summary>
    private int LowerBound(int offset)
    {
        int low = 0;
        int high = _mentions.Count;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (_mentions[middle].Offset < offset)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>The index of the first mention after <paramref name="offset"/>.</summary>
    private int UpperBound(int offset)
    {
        int low = LowerBound(offset);
        while (low < _mentions.Count && _mentions[low].Offset == offset)
        {
            low++;
        }

        return low;
    }
}
