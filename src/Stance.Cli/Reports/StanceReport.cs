using System.Globalization;

namespace Stance.Cli.Reports;

/// <summary>One statement as the report sees it: who, what, which stance and how sure, when, where.</summary>
internal sealed record ReportStatement(
    string Speaker,
    string? Role,
    string Text,
    string Stance,
    double Confidence,
    string? Sentiment,
    DateOnly? Date,
    string? Article,
    string? Title,
    string? Outlet);

/// <summary>A group of statements (a speaker, a period, an outlet): how many, the share of each stance (in label order), mean confidence, first and last date.</summary>
internal sealed record ReportGroup(string Name, string? Role, int Statements, IReadOnlyList<double> Shares, double MeanConfidence, DateOnly? First, DateOnly? Last);

/// <summary>A speaker whose most frequent stance differs between two periods in which they spoke.</summary>
internal sealed record StanceChange(string Speaker, string FromPeriod, string FromStance, int FromStatements, string ToPeriod, string ToStance, int ToStatements);

/// <summary>
/// The aggregates of <c>stance report</c>: per speaker, per period (week or month), per outlet, and the
/// speakers who changed stance between periods; computed once, written as HTML, CSV or JSON.
/// </summary>
internal sealed record StanceReport(
    IReadOnlyList<string> Labels,
    string Period,
    IReadOnlyList<ReportStatement> Statements,
    IReadOnlyList<ReportGroup> Speakers,
    IReadOnlyList<ReportGroup> Periods,
    IReadOnlyList<ReportGroup> Outlets,
    IReadOnlyList<StanceChange> Changes)
{
    /// <summary>Statements without a date (not in <see cref="Periods"/>).</summary>
    public int Undated => Statements.Count(s => s.Date is null);

    /// <summary>Builds the report; <paramref name="period"/> is <c>week</c>, <c>month</c>, or <c>auto</c> (weeks for a span up to 16 weeks, else months).</summary>
    public static StanceReport Build(IReadOnlyList<ReportStatement> statements, IReadOnlyList<string> modelLabels, string period)
    {
        // The model's labels first, in its order, then any other label the input has (a CSV from another model).
        List<string> labels = [.. modelLabels, .. statements.Select(s => s.Stance).Where(l => !modelLabels.Contains(l)).Distinct().Order(StringComparer.Ordinal)];
        DateOnly[] dates = statements.Where(s => s.Date is not null).Select(s => s.Date!.Value).ToArray();
        if (period == "auto")
        {
            period = dates.Length == 0 || dates.Max().DayNumber - dates.Min().DayNumber <= 16 * 7 ? "week" : "month";
        }

        List<ReportGroup> speakers = statements
            .GroupBy(s => s.Speaker, StringComparer.Ordinal)
            .Select(g => Group(g.Key, g.Select(s => s.Role).Where(r => !string.IsNullOrEmpty(r)).MaxBy(r => r!.Length), g.ToList(), labels))
            .OrderByDescending(g => g.Statements).ThenBy(g => g.Name, StringComparer.Ordinal)
            .ToList();
        List<ReportGroup> periods = statements
            .Where(s => s.Date is not null)
            .GroupBy(s => PeriodOf(s.Date!.Value, period))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Group(g.Key, null, g.ToList(), labels))
            .ToList();
        List<ReportGroup> outlets = statements
            .GroupBy(s => string.IsNullOrEmpty(s.Outlet) ? "(no outlet)" : s.Outlet, StringComparer.Ordinal)
            .Select(g => Group(g.Key, null, g.ToList(), labels))
            .OrderByDescending(g => g.Statements).ThenBy(g => g.Name, StringComparer.Ordinal)
            .ToList();
        return new StanceReport(labels, period, statements, speakers, periods, outlets, FindChanges(statements, period, labels));
    }

    /// <summary>The period a date falls in: <c>2026-03</c> for a month, the ISO week <c>2026-W11</c> for a week.</summary>
    public static string PeriodOf(DateOnly date, string period) => period == "month"
        ? date.ToString("yyyy-MM", CultureInfo.InvariantCulture)
        : $"{ISOWeek.GetYear(date.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(date.ToDateTime(TimeOnly.MinValue)):00}";

    /// <summary>The most frequent stance of some statements; a tie goes to the higher summed confidence, then label order.</summary>
    public static string MainStance(IEnumerable<ReportStatement> statements, IReadOnlyList<string> labels) =>
        statements.GroupBy(s => s.Stance, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenByDescending(g => g.Sum(s => s.Confidence)).ThenBy(g => IndexOf(labels, g.Key))
            .First().Key;

    private static List<StanceChange> FindChanges(IReadOnlyList<ReportStatement> statements, string period, IReadOnlyList<string> labels)
    {
        var changes = new List<StanceChange>();
        foreach (IGrouping<string, ReportStatement> speaker in statements.Where(s => s.Date is not null).GroupBy(s => s.Speaker, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var byPeriod = speaker.GroupBy(s => PeriodOf(s.Date!.Value, period)).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (Period: g.Key, Stance: MainStance(g, labels), Count: g.Count())).ToList();
            for (int i = 1; i < byPeriod.Count; i++)
            {
                if (byPeriod[i].Stance != byPeriod[i - 1].Stance)
                {
                    changes.Add(new StanceChange(speaker.Key, byPeriod[i - 1].Period, byPeriod[i - 1].Stance, byPeriod[i - 1].Count, byPeriod[i].Period, byPeriod[i].Stance, byPeriod[i].Count));
                }
            }
        }

        return changes;
    }

    private static ReportGroup Group(string name, string? role, List<ReportStatement> items, IReadOnlyList<string> labels)
    {
        double[] shares = labels.Select(l => items.Count(s => s.Stance == l) / (double)items.Count).ToArray();
        DateOnly[] dates = items.Where(s => s.Date is not null).Select(s => s.Date!.Value).ToArray();
        return new ReportGroup(name, role, items.Count, shares, items.Average(s => s.Confidence), dates.Length == 0 ? null : dates.Min(), dates.Length == 0 ? null : dates.Max());
    }

    private static int IndexOf(IReadOnlyList<string> labels, string label)
    {
        for (int i = 0; i < labels.Count; i++)
        {
            if (labels[i] == label)
            {
                return i;
            }
        }

        return labels.Count;
    }
}
