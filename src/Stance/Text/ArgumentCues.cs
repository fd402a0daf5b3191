using System.Collections.Frozen;

namespace Stance.Text;

/// <summary>
/// Tokens that say what a statement recommends, added after its words when a model's tokenizer
/// asks for them (<see cref="TokenizerOptions.ArgumentCues"/>). Word n-grams learn how a corpus is
/// written; these name the argument in words no corpus style owns: which way a clause points
/// (<c>engagement</c>: talks, deals, relief; <c>pressure</c>: sanctions, deterrence, force), and
/// what the clause does with it: recommends it, recommends against it (a negation), makes it a
/// condition, praises or condemns it, or asks about it. "We should not rush into talks" gives
/// <c>§recommend:no-engagement</c>; "talk of a freeze deal is a losing proposition",
/// <c>§condemn:engagement</c>; "keep up the maximum pressure", <c>§recommend:pressure</c>. The
/// clause that carries the last sentence's point is marked again with <c>§last-</c>.
/// </summary>
/// <remarks>
/// One pass over the tokens with one dictionary lookup each; clauses end at sentence and clause
/// punctuation (read from the source text between tokens) and at "but", where arguments turn.
/// </remarks>
internal static class ArgumentCues
{
    /// <summary>The first character of every cue: never part of a word, so a cue never collides with one.</summary>
    public const char Marker = '§';

    [Flags]
    private enum Cue : ushort
    {
        None = 0,
        Engagement = 1,
        Pressure = 2,
        Recommend = 4,
        Praise = 8,
        Condemn = 16,
        Condition = 32,
        Turn = 64,
    }

    private static readonly FrozenDictionary<string, Cue> Words = Build();

    private static readonly FrozenDictionary<string, Cue>.AlternateLookup<ReadOnlySpan<char>> Lookup = Words.GetAlternateLookup<ReadOnlySpan<char>>();

    // Cue names indexed by [frame, negated, direction]: built once, so appending allocates nothing.
    private static readonly string[] Frames = ["mention", "recommend", "praise", "condemn", "condition", "ask"];
    private static readonly string[,,] Names = BuildNames(prefix: "§");
    private static readonly string[,,] LastNames = BuildNames(prefix: "§last-");

    /// <summary>The words a clause points with: 1 for engagement (talks, deal, relief, ...), 2 for pressure (sanctions, pressure, ...).</summary>
    public static IEnumerable<(string Word, byte Direction)> DirectionWords() =>
        Words.Where(w => (w.Value & (Cue.Engagement | Cue.Pressure)) != 0)
            .OrderBy(w => w.Key, StringComparer.Ordinal)
            .Select(w => (w.Key, (byte)((w.Value & Cue.Engagement) != 0 ? 1 : 2)));

    /// <summary>Appends the cues of the statement whose words are in <paramref name="tokens"/>.</summary>
    public static void Append(ReadOnlySpan<char> text, TokenList tokens)
    {
        int words = tokens.Count;
        int clauseStart = 0;
        int lastSentenceStart = 0;
        for (int t = 0; t < words; t++)
        {
            if (t > 0 && SentenceBreak(text, tokens.SourceEnd(t - 1), tokens.SourceStart(t)))
            {
                lastSentenceStart = t;
            }
        }

        for (int t = 0; t <= words; t++)
        {
            bool end = t == words
                || (t > clauseStart && ClauseBreak(text, tokens.SourceEnd(t - 1), tokens.SourceStart(t)))
                || (tokens.IsWord(t) && Lookup.TryGetValue(tokens.WordOf(t), out Cue c) && (c & Cue.Turn) != 0);
            if (end)
            {
                if (t > clauseStart)
                {
                    AppendClause(text, tokens, clauseStart, t, isLast: clauseStart >= lastSentenceStart);
                }

                clauseStart = t;
            }
        }
    }

    private static void AppendClause(ReadOnlySpan<char> text, TokenList tokens, int start, int end, bool isLast)
    {
        Cue frame = Cue.None;
        bool question = false;
        for (int t = start; t < end; t++)
        {
            if (!tokens.IsWord(t))
            {
                question |= tokens[t] is "?";
                continue;
            }

            if (Lookup.TryGetValue(tokens.WordOf(t), out Cue c))
            {
                frame |= c & (Cue.Recommend | Cue.Praise | Cue.Condemn | Cue.Condition);
            }
        }

        // A question mark right after the clause belongs to it.
        if (end < tokens.Count && tokens[end] is "?")
        {
            question = true;
        }

        int frameIndex = question ? 5
            : (frame & Cue.Condition) != 0 ? 4
            : (frame & Cue.Condemn) != 0 ? 3
            : (frame & Cue.Praise) != 0 ? 2
            : (frame & Cue.Recommend) != 0 ? 1
            : 0;
        for (int t = start; t < end; t++)
        {
            if (!tokens.IsWord(t) || !Lookup.TryGetValue(tokens.WordOf(t), out Cue c) || (c & (Cue.Engagement | Cue.Pressure)) == 0)
            {
                continue;
            }

            int direction = (c & Cue.Engagement) != 0 ? 0 : 1;
            int negated = tokens[t].Length != tokens.WordOf(t).Length ? 1 : 0;
            tokens.AddDerived(Names[frameIndex, negated, direction], tokens.SourceStart(t), tokens.SourceEnd(t));
            if (isLast)
            {
                tokens.AddDerived(LastNames[frameIndex, negated, direction], tokens.SourceStart(t), tokens.SourceEnd(t));
            }
        }
    }

    private static bool SentenceBreak(ReadOnlySpan<char> text, int from, int to) => Between(text, from, to).IndexOfAny('.', '!', '?') >= 0;

    private static bool ClauseBreak(ReadOnlySpan<char> text, int from, int to) => Between(text, from, to).IndexOfAny(".!?;:\u2014\u2013") >= 0;

    // The source between two tokens; empty when they overlap (the two halves of "can't").
    private static ReadOnlySpan<char> Between(ReadOnlySpan<char> text, int from, int to) =>
        from < to && to <= text.Length ? text[from..to] : [];

    private static string[,,] BuildNames(string prefix)
    {
        var names = new string[Frames.Length, 2, 2];
        for (int f = 0; f < Frames.Length; f++)
        {
            for (int n = 0; n < 2; n++)
            {
                for (int d = 0; d < 2; d++)
                {
                    names[f, n, d] = $"{prefix}{Frames[f]}:{(n == 1 ? "no-" : string.Empty)}{(d == 0 ? "engagement" : "pressure")}";
                }
            }
        }

        return names;
    }

    private static FrozenDictionary<string, Cue> Build()
    {
        var words = new Dictionary<string, Cue>(StringComparer.Ordinal);
        void Add(Cue cue, params string[] list)
        {
            foreach (string word in list)
            {
                words[word] = words.GetValueOrDefault(word) | cue;
            }
        }

        // What a clause points toward.
        Add(Cue.Engagement, "talk", "talks", "talking", "negotiate", "negotiating", "negotiation", "negotiations", "negotiated", "dialogue", "diplomacy",
            "diplomatic", "engage", "engagement", "engaging", "summit", "summits", "meet", "meeting", "meetings", "deal", "deals", "agreement", "accord",
            "relief", "ease", "easing", "lift", "lifting", "incentive", "incentives", "aid", "freeze", "channel", "channels", "envoy", "envoys", "table",
            "normalization", "normalize", "normalizing", "normalisation", "reconciliation", "cooperation", "exchanges", "compromise", "concession",
            "concessions", "assurances", "restraint", "detente", "outreach", "overture", "overtures", "contact", "contacts", "offer", "peace", "reopen",
            "reopening", "de-escalation", "declaration");
        Add(Cue.Pressure, "sanction", "sanctions", "sanctioned", "sanctioning", "pressure", "pressures", "enforce", "enforcement", "enforcing", "deter",
            "deterrence", "deterrent", "strike", "strikes", "military", "force", "isolate", "isolation", "isolating", "tighten", "tightening", "squeeze",
            "penalty", "penalties", "punish", "punishment", "designate", "designations", "interdict", "interdiction", "interdictions", "snapback",
            "exercises", "drills", "blockade", "embargo", "tariffs", "costs", "consequences", "crackdown", "containment", "deadline", "ultimatum",
            "verification", "verified", "conditions", "preconditions", "denuclearization", "firm", "firmness", "punitive", "retaliation", "response");

        // What the clause does with it.
        Add(Cue.Recommend, "should", "must", "need", "needs", "ought", "urge", "urged", "let's", "keep", "continue", "maintain",
            "stay", "sustain", "ready", "prepared", "willing", "support", "favor", "favour", "back", "call", "calls", "want", "time", "pursue", "push",
            "resume", "return", "insist", "demand", "require", "will", "would", "expand", "step");
        Add(Cue.Praise, "worked", "working", "works", "success", "successful", "good", "encouraging", "useful", "positive", "progress", "right",
            "better", "helpful", "effective", "biting", "welcome", "welcomed", "promising", "constructive", "productive", "historic", "breakthrough",
            "remarkable", "great", "best", "valuable", "wise", "paid");
        Add(Cue.Condemn, "mistake", "mistakes", "disaster", "failure", "failed", "fails", "naive", "dangerous", "gift", "reward", "rewarding",
            "rewarded", "losing", "wrong", "bad", "weak", "worse", "worst", "foolish", "reckless", "appeasement", "folly", "useless", "futile",
            "backfired", "theater", "theatre", "propaganda", "ploy", "trap", "blunder", "nonsense", "irresponsible", "waste", "pointless", "empty");
        Add(Cue.Condition, "if", "unless", "until", "only", "provided", "once", "conditional", "conditioned");
        Add(Cue.Turn, "but", "however", "yet", "although", "though");
        return words.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
