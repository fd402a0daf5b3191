using System.Runtime.CompilerServices;

namespace Stance.Extraction;

/// <summary>
/// Who the article has most recently put forward: speakers as they are attributed and people who
/// open a sentence as its subject. "He", "she" and "they" resolve here: "they" to the last joint
/// speakers, "he" and "she" to the last single person of that gender or of a gender not yet known
/// (else the last single person), "it" to a body named at most two sentences before.
/// </summary>
/// <remarks>
/// Speakers are kept by recency in one sorted set per kind (joint; single of unknown, male, female
/// gender), so that each push and each pronoun costs a logarithm, not a pass over everyone the
/// article named. A person whose gender becomes known elsewhere moves out of the unknown set when it
/// reaches its top.
/// </remarks>
internal sealed class Salience
{
    /// <summary>How many sentences back "it" may reach for a body ("North Korea's foreign ministry … It said").</summary>
    private const int BodyReach = 2;

    private static readonly IComparer<Entry> ByRecency = Comparer<Entry>.Create((a, b) => a.Stamp.CompareTo(b.Stamp));

    private readonly Dictionary<PeopleKey, Entry> _entries = [];
    private readonly SortedSet<Entry> _joint = new(ByRecency);
    private readonly SortedSet<Entry> _unknown = new(ByRecency);
    private readonly SortedSet<Entry> _male = new(ByRecency);
    private readonly SortedSet<Entry> _female = new(ByRecency);
    private (Speaker Body, int Sentence)? _body;
    private long _stamp;

    public void Push(Speaker speaker, int sentence)
    {
        if (speaker.UnnamedSource is null && speaker.People.Count == 1 && speaker.People[0].IsOrganization)
        {
            _body = (speaker, sentence);
            return;
        }

        if (speaker.UnnamedSource is not null || speaker.People.All(p => p.IsOrganization))
        {
            return;
        }

        WorkMeter.Count();
        var key = new PeopleKey(speaker.People);
        if (_entries.Remove(key, out Entry? old))
        {
            old.Set.Remove(old);
        }

        var entry = new Entry(_stamp++, speaker, SetFor(speaker));
        entry.Set.Add(entry);
        _entries[key] = entry;
        Current = speaker;
    }

    /// <summary>Whoever the article put forward last, or null.</summary>
    public Speaker? Current { get; private set; }

    /// <summary>The speaker a pronoun stands for, or null when nobody fits.</summary>
    public Speaker? Resolve(string pronoun, int sentence)
    {
        if (pronoun == "it")
        {
            return _body is { } body && sentence - body.Sentence <= BodyReach ? body.Body : null;
        }

        if (pronoun == "they")
        {
            return _joint.Max?.Speaker;
        }

        Gender wanted = pronoun == "she" ? Gender.Female : Gender.Male;
        SortedSet<Entry> same = wanted == Gender.Female ? _female : _male;
        SortedSet<Entry> other = wanted == Gender.Female ? _male : _female;
        Entry? unknown = TopUnknown();
        Entry? match = Latest(unknown, same.Max) ?? other.Max;
        if (match is null)
        {
            return null;
        }

        Person person = match.Speaker.People[0];
        if (person.Gender == Gender.Unknown)
        {
            person.Gender = wanted;
        }

        return match.Speaker;
    }

    /// <summary>The most recent single person whose gender is still unknown, moving those whose gender has since become known to their set.</summary>
    private Entry? TopUnknown()
    {
        WorkMeter.Count();
        while (_unknown.Max is { } top && top.Speaker.People[0].Gender != Gender.Unknown)
        {
            WorkMeter.Count();
            _unknown.Remove(top);
            top.Set = SetFor(top.Speaker);
            top.Set.Add(top);
        }

        return _unknown.Max;
    }

    private SortedSet<Entry> SetFor(Speaker speaker) => speaker.People.Count > 1 ? _joint : speaker.People[0].Gender switch
    {
        Gender.Male => _male,
        Gender.Female => _female,
        _ => _unknown,
    };

    private static Entry? Latest(Entry? a, Entry? b) => a is null ? b : b is null ? a : a.Stamp > b.Stamp ? a : b;

    private sealed class Entry(long stamp, Speaker speaker, SortedSet<Entry> set)
    {
        public long Stamp { get; } = stamp;

        public Speaker Speaker { get; } = speaker;

        /// <summary>The set the entry is in.</summary>
        public SortedSet<Entry> Set { get; set; } = set;
    }

    /// <summary>The people of a speaker, compared as <see cref="Speaker.SameAs"/> does: the same persons in the same order.</summary>
    private readonly struct PeopleKey(IReadOnlyList<Person> people) : IEquatable<PeopleKey>
    {
        private readonly IReadOnlyList<Person> _people = people;

        public bool Equals(PeopleKey other) => _people.SequenceEqual(other._people);

        public override bool Equals(object? obj) => obj is PeopleKey other && Equals(other);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            foreach (Person person in _people)
            {
                hash.Add(RuntimeHelpers.GetHashCode(person));
            }

            return hash.ToHashCode();
        }
    }
}
