using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;

namespace Stance.Cli.Reports;

/// <summary>Writes a report's aggregates for machines: <c>--format csv</c> (one table, a <c>section</c> column) or <c>--format json</c>.</summary>
internal static class ReportData
{
    /// <summary>One row per speaker, period and outlet: <c>section,name,role,statements,share_&lt;label&gt;...,mean_confidence,first_date,last_date</c>; then one row per stance change.</summary>
    public static string Csv(StanceReport report)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (CsvWriter writer = CsvWriter.Create(text, CsvWriterOptions.Default, leaveOpen: true))
        {
            foreach (string field in new[] { "section", "name", "role", "statements" }.Concat(report.Labels.Select(l => "share_" + l)).Concat(["mean_confidence", "first_date", "last_date", "from_period", "from_stance", "to_period", "to_stance"]))
            {
                writer.WriteField(field);
            }

            writer.EndRecord();
            foreach ((string section, IReadOnlyList<ReportGroup> groups) in new[] { ("speaker", report.Speakers), (report.Period, report.Periods), ("outlet", report.Outlets) })
            {
                foreach (ReportGroup g in groups)
                {
                    writer.WriteField(section);
                    writer.WriteField(g.Name);
                    writer.WriteField(g.Role ?? string.Empty);
                    writer.WriteField(g.Statements.ToString(CultureInfo.InvariantCulture));
                    foreach (double share in g.Shares)
                    {
                        writer.WriteField(share.ToString("0.####", CultureInfo.InvariantCulture));
                    }

                    writer.WriteField(g.MeanConfidence.ToString("0.####", CultureInfo.InvariantCulture));
                    writer.WriteField(Date(g.First));
                    writer.WriteField(Date(g.Last));
                    for (int i = 0; i < 4; i++)
                    {
                        writer.WriteField(string.Empty);
                    }

                    writer.EndRecord();
                }
            }

            foreach (StanceChange c in report.Changes)
            {
                writer.WriteField("change");
                writer.WriteField(c.Speaker);
                writer.WriteField(string.Empty);
                writer.WriteField((c.FromStatements + c.ToStatements).ToString(CultureInfo.InvariantCulture));
                for (int i = 0; i < report.Labels.Count + 3; i++)
                {
                    writer.WriteField(string.Empty);
                }

                writer.WriteField(c.FromPeriod);
                writer.WriteField(c.FromStance);
                writer.WriteField(c.ToPeriod);
                writer.WriteField(c.ToStance);
                writer.EndRecord();
            }

            writer.Flush();
        }

        return text.ToString();
    }

    /// <summary>The aggregates as one JSON document (statements not included: they are the input).</summary>
    public static string Json(StanceReport report)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("statements", report.Statements.Count);
            json.WriteNumber("undated", report.Undated);
            json.WriteString("period", report.Period);
            json.WriteStartArray("labels");
            foreach (string label in report.Labels)
            {
                json.WriteStringValue(label);
            }

            json.WriteEndArray();
            Groups(json, "speakers", report.Speakers, report.Labels);
            Groups(json, "periods", report.Periods, report.Labels);
            Groups(json, "outlets", report.Outlets, report.Labels);
            json.WriteStartArray("changes");
            foreach (StanceChange c in report.Changes)
            {
                json.WriteStartObject();
                json.WriteString("speaker", c.Speaker);
                json.WriteString("from_period", c.FromPeriod);
                json.WriteString("from_stance", c.FromStance);
                json.WriteNumber("from_statements", c.FromStatements);
                json.WriteString("to_period", c.ToPeriod);
                json.WriteString("to_stance", c.ToStance);
                json.WriteNumber("to_statements", c.ToStatements);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void Groups(Utf8JsonWriter json, string name, IReadOnlyList<ReportGroup> groups, IReadOnlyList<string> labels)
    {
        json.WriteStartArray(name);
        foreach (ReportGroup g in groups)
        {
            json.WriteStartObject();
            json.WriteString("name", g.Name);
            if (g.Role is not null)
            {
                json.WriteString("role", g.Role);
            }

            json.WriteNumber("statements", g.Statements);
            json.WriteStartObject("shares");
            for (int l = 0; l < labels.Count; l++)
            {
                json.WriteNumber(labels[l], Math.Round(g.Shares[l], 4));
            }

            json.WriteEndObject();
            json.WriteNumber("mean_confidence", Math.Round(g.MeanConfidence, 4));
            if (g.First is not null)
            {
                json.WriteString("first_date", Date(g.First));
                json.WriteString("last_date", Date(g.Last));
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;
}
