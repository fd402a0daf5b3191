namespace Stance.Extraction;

/// <summary>The statements one article holds, as <see cref="QuoteExtractor"/> found them.</summary>
/// <param name="Source">The article's name (its path, or <c>-</c>), carried into the result.</param>
public sealed record ArticleStatements(string Source, IReadOnlyList<ExtractedStatement> Statements);

/// <summary>One person (or body) who speaks in one or more articles, under every name the articles use.</summary>
/// <param name="Name">The fullest name the articles give ("Bruce Klingner", not "Klingner").</param>
/// <param name="Role">The most informative role the articles give (see <see cref="SpeakerResolver"/>); null when none does.</param>
/// <param name="IsPerson">Whether it is a person rather than a body ("Korean Central News Agency", "Japan's Foreign Ministry").</param>
/// <param name="Names">Every name the articles use for them, sorted (ordinal).</param>
public sealed record ResolvedSpeaker(string Name, string? Role, bool IsPerson, IReadOnlyList<string> Names);

/// <summary>A statement with the speakers it was resolved to across the articles.</summary>
/// <param name="Speakers">
/// The person or body who made it, or each of joint speakers ("Edward Markey and Ro Khanna": two).
/// Empty for an unnamed source ("a senior official"), which is never merged across articles, and for
/// a bare surname that fits several people (<see cref="Ambiguous"/>).
/// </param>
/// <param name="Ambiguous">Whether a name fitted more than one person, so that it was left unresolved.</param>
public sealed record ResolvedStatement(string Source, ExtractedStatement Statement, IReadOnlyList<ResolvedSpeaker> Speakers, bool Ambiguous);

/// <summary>The speakers of many articles, each person once, and every statement with its speakers.</summary>
/// <param name="Speakers">Every person and body, sorted by name (ordinal).</param>
/// <param name="Statements">Every statement, in the order of the articles and of the statements in each.</param>
public sealed record SpeakerResolution(IReadOnlyList<ResolvedSpeaker> Speakers, IReadOnlyList<ResolvedStatement> Statements);

/// <summary>
/// Resolves the speakers of many articles to people: "Bruce Klingner", "Klingner", "Mr. Klingner" and
/// "Bruce Klingner, a senior researcher at the Heritage Foundation" are one person, while two people
/// who share a surname stay two. Deterministic: the result does not depend on anything but the input
/// (its order included, which only orders the statements).
/// </summary>
/// <remarks>
/// <para>
/// Names. A speaker's name is read without courtesy titles and titles ("Mr.", "Dr.", "Sen."); a role after a
/// comma ("Bruce Klingner, a senior researcher at …") is taken as a role. Joint speakers ("Edward Markey
/// and Ro Khanna", "Mary Chen, John Okoro and Omar Haddad") are each resolved, with the role the
/// extractor gives each ("Edward Markey (Senator); Ro Khanna (Representative)"). An unnamed source ("a
/// senior official", "One senior diplomat", "Analysts at the Quillon Group") is not resolved. A body
/// (a name with an organization or place word, a possessive or an acronym) is one speaker per name,
/// compared ignoring case.
/// </para>
/// <para>
/// Full names (two words or more). Two full names are one person when their surnames (last words) are
/// the same and their first names are the same or one is the initial of the other ("B. Klingner"), and
/// their middle names, when both have them, agree the same way: "Bruce Klingner" and "Bruce W. Klingner"
/// are one person, "Bruce Klingner" and "Brian Klingner" two. A full name that fits two people (the
/// initial "B. Klingner" beside both) is left unresolved. Names are compared ignoring case.
/// </para>
/// <para>
/// Bare names ("Klingner", "Kim", "von der Leyen"). A bare name stands for the one person whose full
/// name ends with it (a surname) or starts with it (a family name written first: "Kim" for "Kim Jong
/// Un"). When no full name fits, the bare name is a person of its own, one across all articles; when
/// two or more people fit, its statements are left unresolved (<see cref="ResolvedStatement.Ambiguous"/>),
/// never guessed.
/// </para>
/// <para>
/// Roles. Of the roles the articles give a speaker, the most informative is kept: the longest in words
/// (so "Senator, a member of the Armed Services Committee" over "Senator", "a senior researcher at the
/// Heritage Foundation" over "researcher"), on a tie the one given most often, then the first in
/// ordinal order.
/// </para>
/// </remarks>
public static class SpeakerResolver
{
    /// <summary>Resolves the speakers of <paramref name="articles"/>.</summary>
    public static SpeakerResolution Resolve(IEnumerable<ArticleStatements> articles)
    {
        ArgumentNullException.ThrowIfNull(articles);
        var statements = new List<(string Source, ExtractedStatement Statement, IReadOnlyList<SpeakerName> Names)>();
        foreach (ArticleStatements article in articles)
        {
            foreach (ExtractedStatement statement in article.Statements)
            {
                statements.Add((article.Source, statement, SpeakerName.Parse(statement.Speaker, statement.Role)));
            }
        }

        var people = new PeopleIndex(statements.SelectMany(s => s.Names));
        var resolved = new List<ResolvedStatement>(statements.Count);
        var byCluster = new Dictionary<Cluster, ResolvedSpeaker>();
        foreach (Cluster cluster in people.Clusters)
        {
            byCluster[cluster] = cluster.ToSpeaker();
        }

        foreach (var (source, statement, names) in statements)
        {
            var speakers = new List<ResolvedSpeaker>();
            bool ambiguous = false;
            foreach (SpeakerName name in names)
            {
                switch (people.Find(name))
                {
                    case { } cluster:
                        if (!speakers.Contains(byCluster[cluster]))
                        {
                            speakers.Add(byCluster[cluster]);
                        }

                        break;
                    case null when name.Kind != NameKind.Unnamed:
                        ambiguous = true;
                        break;
                }
            }

            resolved.Add(new ResolvedStatement(source, statement, ambiguous ? [] : speakers, ambiguous));
        }

        return new SpeakerResolution(
            byCluster.Values.OrderBy(s => s.Name, StringComparer.Ordinal).ThenBy(s => s.IsPerson).ThenBy(s => s.Role, StringComparer.Ordinal).ToList(),
            resolved);
    }

    private enum NameKind
    {
        /// <summary>A person's name of two words or more, first word capitalized.</summary>
        Full,

        /// <summary>One word, or words starting with a lower-case particle ("von der Leyen").</summary>
        Bare,

        /// <summary>A body or place.</summary>
        Body,

        /// <summary>An unnamed source: not resolved.</summary>
        Unnamed,
    }

    /// <summary>A speaker's name as one statement writes it, with the role given there.</summary>
    private sealed record SpeakerName(string Written, string[] Words, NameKind Kind, string? Role)
    {
        public static IReadOnlyList<SpeakerName> Parse(string speaker, string? role)
        {
            speaker = speaker.Trim();
            if (JointParts(speaker) is { } parts)
            {
                IReadOnlyDictionary<string, string> roles = JointRoles(role);
                return parts.Select(part => One(part, roles.GetValueOrDefault(part))).ToList();
            }

            // "Bruce Klingner, a senior researcher at the Heritage Foundation": the name, then a role.
            int comma = speaker.IndexOf(", ", StringComparison.Ordinal);
            if (comma > 0 && Classify(NameWords(speaker[..comma])) is NameKind.Full or NameKind.Bare)
            {
                string after = speaker[(comma + 2)..].Trim();
                return [One(speaker[..comma], role is null ? after : after.Length > 0 ? $"{role}, {after}" : role)];
            }

            return [One(speaker, role)];
        }

        private static SpeakerName One(string written, string? role)
        {
            string[] words = NameWords(written);
            NameKind kind = Classify(words);
            return new SpeakerName(written.Trim(), words, kind, string.IsNullOrWhiteSpace(role) ? null : role.Trim());
        }

        /// <summary>"A and B", "A, B and C" when every part is a name; else null.</summary>
        private static List<string>? JointParts(string speaker)
        {
            int and = speaker.LastIndexOf(" and ", StringComparison.Ordinal);
            if (and < 0)
            {
                return null;
            }

            var parts = speaker[..and].Split(", ").Append(speaker[(and + 5)..]).Select(p => p.Trim()).ToList();
            return parts.Count > 1 && parts.All(p => p.Length > 0 && Classify(NameWords(p)) is not NameKind.Unnamed) ? parts : null;
        }

        /// <summary>"Edward Markey (Senator); Ro Khanna (Representative)" → each name's role.</summary>
        private static IReadOnlyDictionary<string, string> JointRoles(string? role)
        {
            var roles = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string part in (role ?? string.Empty).Split("; "))
            {
                int open = part.IndexOf(" (", StringComparison.Ordinal);
                if (open > 0 && part.EndsWith(')'))
                {
                    roles[part[..open].Trim()] = part[(open + 2)..^1];
                }
            }

            return roles;
        }

        /// <summary>The words of a name without the titles before it ("Mr.", "Sen.", "Dr.").</summary>
        private static string[] NameWords(string name)
        {
            string[] words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            int first = 0;
            while (first < words.Length - 1 && (Lexicon.CourtesyTitles.ContainsKey(words[first]) || (Lexicon.Titles.Contains(words[first]) && char.IsUpper(words[first][0]))))
            {
                first++;
            }

            return words[first..];
        }

        /// <summary>
        /// A person's name is name words, initials and lower-case particles; a body's has an organization
        /// or place word, a possessive or an acronym ("Japan's Foreign Ministry", "Joint Chiefs of Staff");
        /// anything else (a determiner first, other lower-case words) is an unnamed source.
        /// </summary>
        private static NameKind Classify(string[] words)
        {
            if (words.Length == 0 || words.Length > 6 || Lexicon.Determiners.Contains(words[0]))
            {
                return NameKind.Unnamed;
            }

            bool body = false;
            bool connector = false;
            for (int i = 0; i < words.Length; i++)
            {
                string word = words[i];
                var token = new Token(TokenKind.Word, 0, word.Length, word);
                bool particle = char.IsLower(word[0]) && Lexicon.NameParticles.Contains(word) && i < words.Length - 1;
                if (NameReader.IsNameWord(token) || NameReader.IsInitial(token) || particle)
                {
                    continue;
                }

                if (char.IsUpper(word[0]) && (token.In(Lexicon.OrganizationWords) || token.In(Lexicon.Places) || token.IsPossessive || word.All(c => char.IsUpper(c) || c == '.')))
                {
                    body = true;
                }
                else if (i > 0 && char.IsLower(word[0]) && (Lexicon.OrganizationConnectors.Contains(word) || token.In(Lexicon.OrganizationWords)))
                {
                    connector = true; // "Joint Chiefs of Staff", "North Korea's foreign ministry": only in a body
                }
                else
                {
                    return NameKind.Unnamed;
                }
            }

            if (body)
            {
                return NameKind.Body;
            }

            if (connector)
            {
                return NameKind.Unnamed;
            }

            return words.Length == 1 || char.IsLower(words[0][0]) ? NameKind.Bare : NameKind.Full;
        }
    }

    /// <summary>One person or body being put together from the names that stand for them.</summary>
    private sealed class Cluster(bool isPerson)
    {
        private readonly List<SpeakerName> _names = [];

        public bool IsPerson { get; } = isPerson;

        /// <summary>The fullest name: most words, then longest, then first in ordinal order.</summary>
        public SpeakerName Representative { get; private set; } = null!;

        public void Add(SpeakerName name)
        {
            _names.Add(name);
            if (Representative is null || Compare(name, Representative) < 0)
            {
                Representative = name;
            }
        }

        public void Merge(Cluster other)
        {
            foreach (SpeakerName name in other._names)
            {
                Add(name);
            }
        }

        public ResolvedSpeaker ToSpeaker()
        {
            string? role = _names.Where(n => n.Role is not null)
                .GroupBy(n => n.Role!, StringComparer.Ordinal)
                .OrderByDescending(g => g.Key.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length)
                .ThenByDescending(g => g.Count())
                .ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => g.Key)
                .FirstOrDefault();
            string name = string.Join(' ', Representative.Words);
            var names = _names.Select(n => n.Written).Append(name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            return new ResolvedSpeaker(IsPerson ? name : Representative.Written, role, IsPerson, names);
        }

        private static int Compare(SpeakerName a, SpeakerName b)
        {
            int words = b.Words.Length.CompareTo(a.Words.Length);
            if (words != 0)
            {
                return words;
            }

            int length = string.Join(' ', b.Words).Length.CompareTo(string.Join(' ', a.Words).Length);
            return length != 0 ? length : string.CompareOrdinal(string.Join(' ', a.Words), string.Join(' ', b.Words));
        }
    }

    /// <summary>The people and bodies of all the names, and which one a name stands for.</summary>
    private sealed class PeopleIndex
    {
        private readonly Dictionary<string, Cluster> _bodies = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, Cluster?> _full = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, Cluster?> _bare = new(StringComparer.OrdinalIgnoreCase);
        private readonly List<Cluster> _clusters = [];

        public PeopleIndex(IEnumerable<SpeakerName> names)
        {
            var all = names.ToList();

            // Bodies: one per name.
            foreach (SpeakerName body in all.Where(n => n.Kind == NameKind.Body))
            {
                if (!_bodies.TryGetValue(body.Written, out Cluster? cluster))
                {
                    _bodies[body.Written] = cluster = New(isPerson: false);
                }

                cluster.Add(body);
            }

            // Full names: by surname, each joining the one compatible person (or a new one).
            var distinctFull = all.Where(n => n.Kind == NameKind.Full)
                .GroupBy(n => Key(n.Words), StringComparer.OrdinalIgnoreCase)
                .OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
                .ToList();
            var bySurname = new Dictionary<string, List<Cluster>>(StringComparer.OrdinalIgnoreCase);
            // Fullest first: more words, then fewer initials, so that "D. Kessel" meets every Kessel it may be.
            foreach (var group in distinctFull
                .OrderByDescending(g => g.First().Words.Length)
                .ThenBy(g => g.First().Words.Count(IsInitial))
                .ThenBy(g => g.Key, StringComparer.OrdinalIgnoreCase))
            {
                string[] words = group.First().Words;
                List<Cluster> sameSurname = bySurname.TryGetValue(words[^1], out List<Cluster>? list) ? list : bySurname[words[^1]] = [];
                var compatible = sameSurname.Where(c => Compatible(c.Representative.Words, words)).ToList();
                Cluster? cluster = compatible.Count switch
                {
                    0 => New(isPerson: true),
                    1 => compatible[0],
                    _ => null, // "B. Klingner" beside "Bruce Klingner" and "Brian Klingner": nobody in particular
                };
                if (cluster is not null && compatible.Count == 0)
                {
                    sameSurname.Add(cluster);
                }

                foreach (SpeakerName name in group)
                {
                    cluster?.Add(name);
                }

                _full[group.Key] = cluster;
            }

            // Bare names: the one person whose full name ends or starts with them; else a person of their own; none when several fit.
            // Looked up by a full name's first and last words, not by a pass over everyone.
            var byEnd = new Dictionary<string, List<Cluster>>(StringComparer.OrdinalIgnoreCase);
            foreach (Cluster person in bySurname.Values.SelectMany(c => c))
            {
                foreach (string end in new[] { person.Representative.Words[0], person.Representative.Words[^1] }.Distinct(StringComparer.OrdinalIgnoreCase))
                {
                    (byEnd.TryGetValue(end, out List<Cluster>? list) ? list : byEnd[end] = []).Add(person);
                }
            }

            foreach (var group in all.Where(n => n.Kind == NameKind.Bare).GroupBy(n => Key(n.Words), StringComparer.OrdinalIgnoreCase).OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase))
            {
                string[] words = group.First().Words;
                var fits = new[] { words[0], words[^1] }
                    .SelectMany(end => byEnd.GetValueOrDefault(end) ?? [])
                    .Distinct()
                    .Where(c => Fits(words, c.Representative.Words))
                    .ToList();
                Cluster? cluster = fits.Count switch
                {
                    0 => New(isPerson: true),
                    1 => fits[0],
                    _ => null,
                };
                foreach (SpeakerName name in group)
                {
                    cluster?.Add(name);
                }

                _bare[group.Key] = cluster;
            }
        }

        public IEnumerable<Cluster> Clusters => _clusters;

        /// <summary>The person or body a name stands for; null for an unnamed source or a name that fits several.</summary>
        public Cluster? Find(SpeakerName name) => name.Kind switch
        {
            NameKind.Body => _bodies[name.Written],
            NameKind.Full => _full[Key(name.Words)],
            NameKind.Bare => _bare[Key(name.Words)],
            _ => null,
        };

        private Cluster New(bool isPerson)
        {
            var cluster = new Cluster(isPerson);
            _clusters.Add(cluster);
            return cluster;
        }

        private static string Key(string[] words) => string.Join(' ', words);

        /// <summary>Same surname; first names and middle names (where both have them) equal or one the initial of the other.</summary>
        private static bool Compatible(string[] a, string[] b)
        {
            if (!Same(a[^1], b[^1]) || !SameOrInitial(a[0], b[0]))
            {
                return false;
            }

            string[] middleA = a[1..^1];
            string[] middleB = b[1..^1];
            if (middleA.Length == 0 || middleB.Length == 0)
            {
                return true;
            }

            return middleA.Length == middleB.Length && middleA.Zip(middleB).All(m => SameOrInitial(m.First, m.Second));
        }

        /// <summary>Whether a bare name is the end ("Klingner", "von der Leyen") or the start ("Kim") of a full name.</summary>
        private static bool Fits(string[] bare, string[] full) =>
            bare.Length < full.Length
            && (full.AsSpan()[^bare.Length..].SequenceEqual(bare, StringComparer.OrdinalIgnoreCase)
                || full.AsSpan()[..bare.Length].SequenceEqual(bare, StringComparer.OrdinalIgnoreCase));

        private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

        private static bool SameOrInitial(string a, string b) =>
            Same(a, b) || (IsInitial(a) && b.StartsWith(a[0]) && !IsInitial(b)) || (IsInitial(b) && a.StartsWith(b[0]) && !IsInitial(a));

        private static bool IsInitial(string word) => word.Length == 2 && char.IsUpper(word[0]) && word[1] == '.';
    }
}
