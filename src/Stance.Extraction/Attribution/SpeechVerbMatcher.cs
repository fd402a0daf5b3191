namespace Stance.Extraction;

/// <summary>
/// Recognizes a speech verb at a token: "said", "warned", "pointed out", "called for" (a demand),
/// "told" (whose object is the listener), and the source phrases "according to" and "as indicated
/// by". A verb after "was", "to", "not", a determiner and the like is no attribution ("was told",
/// "declined to say", "the notes").
/// </summary>
internal static class SpeechVerbMatcher
{
    public static SpeechVerb? Match(Token[] t, int i)
    {
        Token word = t[i];
        if (!word.IsWord)
        {
            return null;
        }

        if (word.Is("according") && i + 1 < t.Length && t[i + 1].Is("to"))
        {
            return new SpeechVerb(i, i + 1, VerbKind.AccordingTo, Weak: false, ObjectFirst: false, Told: false);
        }

        if (word.Is("as") && i + 2 < t.Length && t[i + 1].In(Lexicon.IndicatedByVerbs) && t[i + 2].Is("by"))
        {
            return new SpeechVerb(i, i + 2, VerbKind.IndicatedBy, Weak: false, ObjectFirst: false, Told: false);
        }

        if (!word.In(Lexicon.SpeechVerbs) || char.IsUpper(word.Text[0]))
        {
            return null;
        }

        int last = i;
        if (word.In(Lexicon.PointVerbs))
        {
            if (!(i + 1 < t.Length && t[i + 1].Is("out")))
            {
                return null;
            }

            last = i + 1;
        }

        // "called for talks", "called on Beijing to ..." name a demand; "called the plan “reckless”" only with a quotation (a weak verb).
        bool calls = word.In(Lexicon.CallVerbs);
        bool callsFor = calls && i + 1 < t.Length && t[i + 1].In(Lexicon.CallParticles);

        int before = i - 1;
        while (before >= 0 && t[before].In(Lexicon.PreVerbWords) && !t[before].In(Lexicon.VerbBlockers))
        {
            before--;
        }

        if (before >= 0 && t[before].In(Lexicon.VerbBlockers))
        {
            return null; // "was told", "declined to say", "did not say", "the notes"
        }

        bool weak = word.In(Lexicon.WeakSpeechVerbs) && !callsFor;
        bool told = word.In(Lexicon.AddresseeVerbs);
        return new SpeechVerb(i, last, VerbKind.Speech, weak, word.In(Lexicon.ObjectFirstVerbs) && (callsFor || !calls), told);
    }
}
