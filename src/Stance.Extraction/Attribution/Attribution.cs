namespace Stance.Extraction;

/// <summary>The spans of one statement that one sentence holds, with the quotations inside them.</summary>
internal sealed record PieceGroup(StatementKind Kind, IReadOnlyList<TextSpan> Spans, IReadOnlyList<QuoteSpan> Quotes);

/// <summary>A sentence's attribution: who (as written), in what role, and the statements it gives them.</summary>
internal sealed record Attribution(SpeakerPhrase Speaker, string? Role, IReadOnlyList<PieceGroup> Groups);

/// <summary>
/// What one sentence contributes: an attribution, a quotation standing alone (whose speaker comes
/// from the sentences around it), or neither, with the named subject of the sentence if any (for pronouns).
/// </summary>
internal sealed record SentenceAnalysis(Sentence Sentence, Attribution? Attribution, PieceGroup? Unattributed, SpeakerPhrase? Subject);

/// <summary>How a speech verb attributes.</summary>
internal enum VerbKind
{
    /// <summary>"said", "warned", "told": the speaker is its subject ("X said") or follows it ("said X").</summary>
    Speech,

    /// <summary>"according to X": the source follows.</summary>
    AccordingTo,

    /// <summary>"as indicated by X" after the statement.</summary>
    IndicatedBy,
}

/// <summary>A speech verb found at tokens [First, Last].</summary>
/// <param name="Weak">Whether the verb attributes only with a "that" clause, a quotation or a statement before it.</param>
/// <param name="ObjectFirst">Whether the statement follows the verb object first ("urged Biden to ...").</param>
/// <param name="Told">Whether the verb's object is the listener, to skip ("told reporters that ...").</param>
internal sealed record SpeechVerb(int First, int Last, VerbKind Kind, bool Weak, bool ObjectFirst, bool Told);

/// <summary>What comes right before a subject-first attribution's subject.</summary>
internal enum SubjectBoundary
{
    /// <summary>The subject opens the sentence.</summary>
    Start,

    /// <summary>A quotation ends right before the subject ("“…,” he said").</summary>
    Quote,

    /// <summary>Narration and a comma come before the subject ("The U.S., he added, …").</summary>
    Comma,
}
