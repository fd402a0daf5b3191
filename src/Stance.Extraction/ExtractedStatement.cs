namespace Stance.Extraction;

/// <summary>Whether a statement gives the speaker's own words or the reporter's account of them.</summary>
public enum StatementKind
{
    /// <summary>The speaker's words between quotation marks: a whole quote, or one split by its attribution.</summary>
    Direct,

    /// <summary>
    /// Reported speech ("X said the talks had failed", "according to X, ..."), including any short
    /// quoted fragments woven into it.
    /// </summary>
    Reported,
}

/// <summary>A range of characters in an article, from <see cref="Start"/> (inclusive) to <see cref="End"/> (exclusive).</summary>
public readonly record struct TextSpan(int Start, int End)
{
    /// <summary>The number of characters in the span.</summary>
    public int Length => End - Start;
}

/// <summary>
/// One statement found in an article: who made it, in what capacity, and what they said.
/// </summary>
/// <param name="Speaker">
/// The speaker's name as introduced in full ("Evans Revere", also where the article later says
/// "said Revere" or "he added"); joint speakers are joined with "and" ("Edward Markey and Ro Khanna").
/// An unnamed source keeps the article's words ("a senior official").
/// </param>
/// <param name="Role">
/// The speaker's role or affiliation when the article gives it, from a title before the name
/// ("Secretary of State") or an appositive after it ("director of the program on U.S.-Korea policy at
/// the Council on Foreign Relations"); for joint speakers, each speaker's role after their name. Null when the article gives none.
/// </param>
/// <param name="Text">
/// What was said, as one plain text for classification: the pieces joined in order, the quotation
/// marks that delimit quoted words removed (in reported speech too, so woven fragments read as part
/// of the sentence), brackets and ellipses kept, runs of white space (including paragraph breaks) made one space.
/// <see cref="Pieces"/> locates the exact words in the article.
/// </param>
/// <param name="Kind">Direct quotation or reported speech.</param>
/// <param name="Start">Offset in the article of the first character of the first piece.</param>
/// <param name="End">Offset in the article just past the last character of the last piece.</param>
/// <param name="Pieces">
/// The spans that make up the statement, in order: one for a plain quote; several for a quote split
/// by its attribution ("…," said Revere. "…"), running over a paragraph break, or reported speech
/// interrupted by its attribution ("That approach, said Campbell, …, allowed …"). For a direct piece
/// the span is inside the quotation marks.
/// </param>
public sealed record ExtractedStatement(
    string Speaker,
    string? Role,
    string Text,
    StatementKind Kind,
    int Start,
    int End,
    IReadOnlyList<TextSpan> Pieces);
