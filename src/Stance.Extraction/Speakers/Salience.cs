namespace Stance.Extraction;

/// <summary>
/// Who the article has most recently put forward, most recent first: speakers as they are
/// attributed and people who open a sentence as its subject. "He", "she" and "they" resolve here.
/// </summary>
internal sealed class Salience
{
    /// <summary>How many sentences back "it" may reach for a body ("North Korea's foreign ministry … It said").</summary>
    private const int BodyReach = 2;

    private readonly List<Speaker> _recent = [];
    private (Speaker Body, int Sentence)? _body;

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

        _recent.RemoveAll(s => s.SameAs(speaker));
        _recent.Insert(0, speaker);
    }

    /// <summary>Whoever the article put forward last, or null.</summary>
    public Speaker? Current => _recent.Count > 0 ? _recent[0] : null;

    /// <summary>The speaker a pronoun stands for, or null when nobody fits.</summary>
    public Speaker? Resolve(string pronoun, int sentence)
    {
        if (pronoun == "it")
        {
            return _body is { } body && sentence - body.Sentence <= BodyReach ? body.Body : null;
        }

        if (pronoun == "they")
        {
            return _recent.FirstOrDefault(s => s.People.Count > 1);
        }

        Gender wanted = pronoun == "she" ? Gender.Female : Gender.Male;
        Speaker? match = _recent.FirstOrDefault(s => s.IsSinglePerson && (s.People[0].Gender == Gender.Unknown || s.People[0].Gender == wanted))
            ?? _recent.FirstOrDefault(s => s.IsSinglePerson);
        if (match is not null && match.People[0].Gender == Gender.Unknown)
        {
            match.People[0].Gender = wanted;
        }

        return match;
    }
}
