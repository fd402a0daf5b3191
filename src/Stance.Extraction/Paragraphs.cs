namespace Stance.Extraction;

/// <summary>A paragraph of an article: [Start, End) without its surrounding white space.</summary>
/// <param name="IsHeading">
/// Whether it reads as a headline, caption or section heading rather than running text: it does not
/// end with sentence punctuation. Headings hold no statements (but do name people).
/// </param>
internal sealed record Paragraph(int Index, int Start, int End, bool IsHeading);

/// <summary>Splits an article into paragraphs.</summary>
internal static class ParagraphSplitter
{
    /// <summary>
    /// Paragraphs are separated by blank lines when the article has any; otherwise every line is a
    /// paragraph. So both the usual one-blank-line layout and one-paragraph-per-line exports work, and
    /// hard-wrapped lines inside a blank-line-separated paragraph stay together.
    /// </summary>
    public static IReadOnlyList<Paragraph> Split(string text)
    {
        var lines = new List<(int Start, int End)>();
        int start = 0;
        for (int i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == '\n')
            {
                lines.Add((start, i));
                start = i + 1;
            }
        }

        bool blankLineSeparated = false;
        for (int i = 1; i < lines.Count - 1 && !blankLineSeparated; i++)
        {
            blankLineSeparated = IsBlank(text, lines[i]) && !IsBlank(text, lines[i - 1]);
        }

        var paragraphs = new List<Paragraph>();
        int paragraphStart = -1;
        int paragraphEnd = -1;
        void Close()
        {
            if (paragraphStart >= 0)
            {
                Add(text, paragraphs, paragraphStart, paragraphEnd);
            }

            paragraphStart = -1;
        }

        foreach (var line in lines)
        {
            if (IsBlank(text, line))
            {
                Close();
                continue;
            }

            if (paragraphStart < 0)
            {
                paragraphStart = line.Start;
            }

            paragraphEnd = line.End;
            if (!blankLineSeparated)
            {
                Close();
            }
        }

        Close();
        return paragraphs;
    }

    private static void Add(string text, List<Paragraph> paragraphs, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end > start)
        {
            paragraphs.Add(new Paragraph(paragraphs.Count, start, end, IsHeading(text, start, end)));
        }
    }

    private static bool IsHeading(string text, int start, int end)
    {
        int last = end - 1;
        while (last > start && (QuotationMarks.IsMark(text[last]) || text[last] is '\'' or '’' or '‘' or ')' or ']'))
        {
            last--;
        }

        return text[last] is not ('.' or '?' or '!' or '…' or ':');
    }

    private static bool IsBlank(string text, (int Start, int End) line)
    {
        for (int i = line.Start; i < line.End; i++)
        {
            if (!char.IsWhiteSpace(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
