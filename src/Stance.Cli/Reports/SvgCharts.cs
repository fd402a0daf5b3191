using System.Globalization;
using System.Net;
using System.Text;

namespace Stance.Cli.Reports;

/// <summary>
/// The report's charts, written as inline SVG (no library, no script, no network): 100% stacked columns
/// over time whose width shows how many statements a period has (a thin month is visibly thin, and its
/// count is printed above it), 100% stacked rows per outlet, and small share bars for tables.
/// </summary>
internal static class SvgCharts
{
    private static readonly string[] Palette = ["#2a9d8f", "#e76f51", "#e9c46a", "#6c757d", "#8e7cc3", "#4d96c9"];

    /// <summary>The colour of the label at <paramref name="index"/> (the model's labels in order: pro-engagement green, pro-pressure red, skeptical amber).</summary>
    public static string Color(int index) => Palette[index % Palette.Length];

    /// <summary>One column per group, its segments the stance shares; the column's width is proportional to its statements.</summary>
    public static string Columns(IReadOnlyList<ReportGroup> groups, IReadOnlyList<string> labels, string title)
    {
        const int height = 260, top = 30, bottom = 60, left = 40, slot = 46;
        int width = left + (Math.Max(groups.Count, 1) * slot) + 20;
        int plot = height - top - bottom;
        int max = groups.Count == 0 ? 1 : groups.Max(g => g.Statements);
        var svg = Start(width, height, title, "chart-time");
        for (int t = 0; t <= 4; t++)
        {
            double y = top + (plot * (1 - (t / 4.0)));
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" x2=\"{width - 10}\" y1=\"{F(y)}\" y2=\"{F(y)}\" stroke=\"#ddd\"/><text x=\"{left - 4}\" y=\"{F(y + 4)}\" text-anchor=\"end\" font-size=\"10\">{t * 25}%</text>");
        }

        for (int i = 0; i < groups.Count; i++)
        {
            ReportGroup g = groups[i];
            double barWidth = (slot - 8) * Math.Max(0.2, g.Statements / (double)max);
            double x = left + (i * slot) + ((slot - barWidth) / 2);
            double y = top + plot;
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"bar\" data-period=\"{Escape(g.Name)}\" data-n=\"{g.Statements}\">");
            for (int l = 0; l < labels.Count; l++)
            {
                double h = plot * g.Shares[l];
                y -= h;
                if (h > 0)
                {
                    svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"seg\" x=\"{F(x)}\" y=\"{F(y)}\" width=\"{F(barWidth)}\" height=\"{F(h)}\" fill=\"{Color(l)}\"><title>{Escape(g.Name)}: {Escape(labels[l])} {g.Shares[l]:P0} of {g.Statements}</title></rect>");
                }
            }

            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(left + (i * slot) + (slot / 2.0))}\" y=\"{top - 6}\" text-anchor=\"middle\" font-size=\"10\">n={g.Statements}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(left + (i * slot) + (slot / 2.0))}\" y=\"{top + plot + 14}\" text-anchor=\"end\" font-size=\"10\" transform=\"rotate(-40 {F(left + (i * slot) + (slot / 2.0))} {top + plot + 14})\">{Escape(g.Name)}</text></g>");
        }

        Legend(svg, labels, left, height - 12);
        return svg.Append("</svg>").ToString();
    }

    /// <summary>One row per group (an outlet), its segments the stance shares, its statements at the end.</summary>
    public static string Rows(IReadOnlyList<ReportGroup> groups, IReadOnlyList<string> labels, string title)
    {
        const int left = 190, barWidth = 420, row = 22, top = 10;
        int height = top + (Math.Max(groups.Count, 1) * row) + 34;
        var svg = Start(left + barWidth + 70, height, title, "chart-outlets");
        for (int i = 0; i < groups.Count; i++)
        {
            ReportGroup g = groups[i];
            double y = top + (i * row);
            double x = left;
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"bar\" data-outlet=\"{Escape(g.Name)}\" data-n=\"{g.Statements}\"><text x=\"{left - 6}\" y=\"{F(y + 14)}\" text-anchor=\"end\" font-size=\"11\">{Escape(Shorten(g.Name, 30))}</text>");
            for (int l = 0; l < labels.Count; l++)
            {
                double w = barWidth * g.Shares[l];
                if (w > 0)
                {
                    svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"seg\" x=\"{F(x)}\" y=\"{F(y + 3)}\" width=\"{F(w)}\" height=\"{row - 6}\" fill=\"{Color(l)}\"><title>{Escape(g.Name)}: {Escape(labels[l])} {g.Shares[l]:P0} of {g.Statements}</title></rect>");
                }

                x += w;
            }

            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + barWidth + 6}\" y=\"{F(y + 14)}\" font-size=\"11\">n={g.Statements}</text></g>");
        }

        Legend(svg, labels, left, height - 10);
        return svg.Append("</svg>").ToString();
    }

    /// <summary>A small bar of the shares, for a table cell.</summary>
    public static string ShareBar(IReadOnlyList<double> shares, IReadOnlyList<string> labels)
    {
        var svg = new StringBuilder("<svg class=\"share\" width=\"120\" height=\"12\" viewBox=\"0 0 120 12\" xmlns=\"http://www.w3.org/2000/svg\">");
        double x = 0;
        for (int l = 0; l < labels.Count; l++)
        {
            double w = 120 * shares[l];
            if (w > 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{F(x)}\" y=\"0\" width=\"{F(w)}\" height=\"12\" fill=\"{Color(l)}\"><title>{Escape(labels[l])} {shares[l]:P0}</title></rect>");
            }

            x += w;
        }

        return svg.Append("</svg>").ToString();
    }

    private static StringBuilder Start(int width, int height, string title, string id) =>
        new StringBuilder().Append(CultureInfo.InvariantCulture, $"<svg id=\"{id}\" role=\"img\" aria-label=\"{Escape(title)}\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" xmlns=\"http://www.w3.org/2000/svg\" font-family=\"sans-serif\"><title>{Escape(title)}</title>");

    private static void Legend(StringBuilder svg, IReadOnlyList<string> labels, int x, int y)
    {
        for (int l = 0; l < labels.Count; l++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{y - 9}\" width=\"10\" height=\"10\" fill=\"{Color(l)}\"/><text x=\"{x + 14}\" y=\"{y}\" font-size=\"11\">{Escape(labels[l])}</text>");
            x += 24 + (labels[l].Length * 7);
        }
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    internal static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
