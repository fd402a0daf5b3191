using Stance.Extraction;

namespace Stance.Tests.Support;

/// <summary>A statement an article holds, written by hand: its speaker, its kind, and phrases that are all in its text.</summary>
internal sealed record ExpectedStatement(string Speaker, StatementKind Kind, params string[] Phrases)
{
    public bool Matches(ExtractedStatement statement) => Phrases.All(p => Normalize(statement.Text).Contains(Normalize(p), StringComparison.Ordinal));

    /// <summary>Text compared without quotation marks and with one kind of apostrophe, so expectations can be copied from the article.</summary>
    public static string Normalize(string text) =>
        new string(text.Where(c => c is not ('“' or '”' or '"')).Select(c => c == '\'' ? '’' : c).ToArray());
}

/// <summary>How the statements extracted from an article compare with the hand-made list.</summary>
/// <param name="Missing">Expected statements no extracted statement holds.</param>
/// <param name="WrongSpeaker">Expected statements found with another speaker or kind, with what was found.</param>
/// <param name="Unexpected">Extracted statements matching nothing expected or allowed: narration presented as a statement.</param>
internal sealed record ExtractionScore(
    int Expected,
    IReadOnlyList<ExpectedStatement> Missing,
    IReadOnlyList<(ExpectedStatement Expected, ExtractedStatement Found)> WrongSpeaker,
    IReadOnlyList<ExtractedStatement> Unexpected,
    int Extracted)
{
    public int Found => Expected - Missing.Count;

    public double Recall => Expected == 0 ? 1 : (double)Found / Expected;

    public double SpeakerAccuracy => Found == 0 ? 1 : (double)(Found - WrongSpeaker.Count) / Found;

    public double Precision => Extracted == 0 ? 1 : (double)(Extracted - Unexpected.Count) / Extracted;

    /// <param name="allowed">Statements that may be extracted or not (unnamed sources, bodies), whatever their speaker.</param>
    public static ExtractionScore Of(IReadOnlyList<ExtractedStatement> extracted, IReadOnlyList<ExpectedStatement> expected, IReadOnlyList<ExpectedStatement>? allowed = null)
    {
        allowed ??= [];
        var missing = new List<ExpectedStatement>();
        var wrong = new List<(ExpectedStatement, ExtractedStatement)>();
        foreach (ExpectedStatement e in expected)
        {
            ExtractedStatement? found = extracted.FirstOrDefault(e.Matches);
            if (found is null)
            {
                missing.Add(e);
            }
            else if (found.Speaker != e.Speaker || found.Kind != e.Kind)
            {
                wrong.Add((e, found));
            }
        }

        var unexpected = extracted.Where(s => !expected.Any(e => e.Matches(s)) && !allowed.Any(a => a.Matches(s))).ToList();
        return new ExtractionScore(expected.Count, missing, wrong, unexpected, extracted.Count);
    }

    public override string ToString() =>
        $"{Found}/{Expected} found (recall {Recall:P0}), speaker accuracy {SpeakerAccuracy:P0}, {Unexpected.Count} unexpected of {Extracted} extracted"
        + string.Concat(Missing.Select(m => $"\n  missing: {m.Speaker}: {string.Join(" … ", m.Phrases)}"))
        + string.Concat(WrongSpeaker.Select(w => $"\n  wrong: expected {w.Expected.Speaker} ({w.Expected.Kind}), found {w.Found.Speaker} ({w.Found.Kind}): {w.Found.Text}"))
        + string.Concat(Unexpected.Select(u => $"\n  unexpected: {u.Speaker}: {u.Text}"));
}
