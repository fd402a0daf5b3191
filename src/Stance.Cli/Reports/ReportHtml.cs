using System.Globalization;
using System.Text;

namespace Stance.Cli.Reports;

/// <summary>
/// Writes a <see cref="StanceReport"/> as one self-contained HTML page: styles, charts (inline SVG) and the
/// filter script are all in the file, nothing is loaded from anywhere, so it opens offline.
/// </summary>
internal static class ReportHtml
{
    private const string Style = """
        body{font-family:system-ui,sans-serif;margin:24px auto;max-width:1100px;color:#222;padding:0 12px}
        h1{margin-bottom:4px}h2{margin-top:32px;border-bottom:1px solid #ddd;padding-bottom:4px}
        table{border-collapse:collapse;width:100%;font-size:13px}th,td{border-bottom:1px solid #eee;padding:4px 6px;text-align:left;vertical-align:top}
        th{background:#f6f6f6;position:sticky;top:0}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}td.date{white-space:nowrap}
        .summary{color:#555}.note{color:#777;font-size:12px}.filters{display:flex;gap:12px;flex-wrap:wrap;margin:8px 0;font-size:13px}
        #statements-table{table-layout:fixed}#statements-table th:nth-child(1){width:84px}#statements-table th:nth-child(2){width:140px}
        #statements-table th:nth-child(4){width:110px}#statements-table th:nth-child(5){width:70px}#statements-table th:nth-child(6){width:70px}#statements-table th:nth-child(7){width:200px}
        .stance{display:inline-block;padding:0 6px;border-radius:3px;color:#fff;font-size:12px}
        """;

    private const string Script = """
        (function(){
          var rows=Array.prototype.slice.call(document.querySelectorAll('#statements-table tbody tr'));
          var sp=document.getElementById('f-speaker'),st=document.getElementById('f-stance'),fr=document.getElementById('f-from'),to=document.getElementById('f-to'),shown=document.getElementById('shown');
          function apply(){
            var n=0;
            rows.forEach(function(r){
              var d=r.getAttribute('data-date');
              var ok=(!sp.value||r.getAttribute('data-speaker')===sp.value)&&(!st.value||r.getAttribute('data-stance')===st.value)
                &&(!fr.value||(d&&d>=fr.value))&&(!to.value||(d&&d<=to.value));
              r.style.display=ok?'':'none';if(ok)n++;
            });
            shown.textContent=n+' of '+rows.length+' statements';
          }
          [sp,st,fr,to].forEach(function(e){e.addEventListener('input',apply);e.addEventListener('change',apply);});
          shown.textContent=rows.length+' of '+rows.length+' statements';
        })();
        """;

    public static string Write(StanceReport report, string title, string model, Func<string?, string?> href)
    {
        var html = new StringBuilder(64 * 1024);
        IReadOnlyList<string> labels = report.Labels;
        int articles = report.Statements.Select(s => s.Article).Where(a => a is not null).Distinct().Count();
        DateOnly[] dates = report.Statements.Where(s => s.Date is not null).Select(s => s.Date!.Value).ToArray();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">")
            .Append("<title>").Append(E(title)).Append("</title><style>").Append(Style).Append("</style></head><body>\n");
        html.Append("<h1>").Append(E(title)).Append("</h1><p class=\"summary\" id=\"summary\">")
            .Append(CultureInfo.InvariantCulture, $"{report.Statements.Count} statements by {report.Speakers.Count} speakers in {articles} articles")
            .Append(dates.Length > 0 ? $", {D(dates.Min())} to {D(dates.Max())}" : string.Empty)
            .Append("; stance by ").Append(E(model)).Append(".</p>\n");

        html.Append("<h2 id=\"speakers\">Speakers</h2><table id=\"speakers-table\"><thead><tr><th>speaker</th><th>role</th><th>statements</th><th>stance shares</th>");
        foreach (string label in labels)
        {
            html.Append("<th>").Append(E(label)).Append("</th>");
        }

        html.Append("<th>mean confidence</th><th>first</th><th>last</th></tr></thead><tbody>\n");
        foreach (ReportGroup g in report.Speakers)
        {
            html.Append("<tr><td>").Append(E(g.Name)).Append("</td><td>").Append(E(g.Role ?? string.Empty)).Append("</td><td class=\"num\">").Append(g.Statements.ToString(CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(SvgCharts.ShareBar(g.Shares, labels)).Append("</td>");
            foreach (double share in g.Shares)
            {
                html.Append("<td class=\"num\">").Append(share.ToString("P0", CultureInfo.InvariantCulture)).Append("</td>");
            }

            html.Append("<td class=\"num\">").Append(g.MeanConfidence.ToString("0.00", CultureInfo.InvariantCulture)).Append("</td><td class=\"date\">").Append(D(g.First)).Append("</td><td class=\"date\">").Append(D(g.Last)).Append("</td></tr>\n");
        }

        html.Append("</tbody></table>\n");

        html.Append(CultureInfo.InvariantCulture, $"<h2 id=\"time\">Stance share by {report.Period}</h2>");
        html.Append(report.Periods.Count == 0
            ? "<p class=\"note\">No statement has a date (give one with --manifest, or a date column).</p>"
            : SvgCharts.Columns(report.Periods, labels, $"Stance share by {report.Period}"));
        html.Append("<p class=\"note\">Each column's width is proportional to its number of statements (n above it): a thin column rests on few statements.")
            .Append(report.Undated > 0 ? $" {report.Undated} statements without a date are not shown." : string.Empty).Append("</p>\n");

        html.Append("<h2 id=\"outlets\">Stance share by outlet</h2>").Append(SvgCharts.Rows(report.Outlets, labels, "Stance share by outlet")).Append('\n');

        html.Append(CultureInfo.InvariantCulture, $"<h2 id=\"changes\">Speakers who changed stance between {report.Period}s</h2>");
        if (report.Changes.Count == 0)
        {
            html.Append("<p class=\"note\" id=\"no-changes\">No speaker's most frequent stance changed between the periods they spoke in.</p>\n");
        }
        else
        {
            html.Append("<table id=\"changes-table\"><thead><tr><th>speaker</th><th>from</th><th>stance</th><th>to</th><th>stance</th></tr></thead><tbody>\n");
            foreach (StanceChange c in report.Changes)
            {
                html.Append("<tr><td>").Append(E(c.Speaker)).Append("</td><td>").Append(E(c.FromPeriod)).Append(CultureInfo.InvariantCulture, $" ({c.FromStatements})</td><td>").Append(Badge(c.FromStance, labels))
                    .Append("</td><td>").Append(E(c.ToPeriod)).Append(CultureInfo.InvariantCulture, $" ({c.ToStatements})</td><td>").Append(Badge(c.ToStance, labels)).Append("</td></tr>\n");
            }

            html.Append("</tbody></table>\n");
        }

        html.Append("<h2 id=\"statements\">Statements</h2><div class=\"filters\"><label>speaker <select id=\"f-speaker\"><option value=\"\">all</option>");
        foreach (ReportGroup g in report.Speakers.OrderBy(g => g.Name, StringComparer.Ordinal))
        {
            html.Append("<option>").Append(E(g.Name)).Append("</option>");
        }

        html.Append("</select></label><label>stance <select id=\"f-stance\"><option value=\"\">all</option>");
        foreach (string label in labels)
        {
            html.Append("<option>").Append(E(label)).Append("</option>");
        }

        html.Append("</select></label><label>from <input type=\"date\" id=\"f-from\"></label><label>to <input type=\"date\" id=\"f-to\"></label><span id=\"shown\"></span></div>\n");
        html.Append("<table id=\"statements-table\"><thead><tr><th>date</th><th>speaker</th><th>statement</th><th>stance</th><th>confidence</th><th>sentiment</th><th>article</th></tr></thead><tbody>\n");
        foreach (ReportStatement s in report.Statements)
        {
            html.Append("<tr data-speaker=\"").Append(E(s.Speaker)).Append("\" data-stance=\"").Append(E(s.Stance)).Append("\" data-date=\"").Append(D(s.Date)).Append("\"><td class=\"date\">").Append(D(s.Date))
                .Append("</td><td>").Append(E(s.Speaker)).Append("</td><td>").Append(E(s.Text)).Append("</td><td>").Append(Badge(s.Stance, labels))
                .Append("</td><td class=\"num\">").Append(s.Confidence.ToString("0.00", CultureInfo.InvariantCulture)).Append("</td><td>").Append(E(s.Sentiment ?? string.Empty)).Append("</td><td>");
            string name = s.Title ?? s.Article ?? string.Empty;
            string detail = s.Outlet is null ? name : $"{name} ({s.Outlet})";
            html.Append(href(s.Article) is { } link ? $"<a href=\"{E(link)}\">{E(detail)}</a>" : E(detail)).Append("</td></tr>\n");
        }

        html.Append("</tbody></table>\n<script>").Append(Script).Append("</script>\n</body></html>\n");
        return html.ToString();
    }

    private static string Badge(string stance, IReadOnlyList<string> labels)
    {
        int index = Math.Max(0, labels.ToList().IndexOf(stance));
        return $"<span class=\"stance\" style=\"background:{SvgCharts.Color(index)}\">{E(stance)}</span>";
    }

    private static string E(string text) => SvgCharts.Escape(text);

    private static string D(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;
}
