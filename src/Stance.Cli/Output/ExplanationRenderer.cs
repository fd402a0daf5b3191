using System.Globalization;
using System.Text;
using Spectre.Console;

namespace Stance.Cli.Output;

/// <summary>Shows an explanation: the quote with its decisive phrases marked, then the top contributions per head.</summary>
internal static class ExplanationRenderer
{
    public static void Write(IAnsiConsole console, string text, Explanation explanation, IReadOnlyList<TokenSpan> tokens)
    {
        HeadExplanation? first = explanation.Heads.FirstOrDefault();
        if (first is null)
        {
            return;
        }

        console.MarkupLine(Marked(text, first, tokens));
        foreach (HeadExplanation head in explanation.Heads)
        {
            var table = new Table().Border(TableBorder.Simple)
                .Title($"{head.Head}: {Markup.Escape(head.Label)} over {Markup.Escape(head.RunnerUp)} (score {F(head.Score)} = bias {F(head.Bias)} + n-grams {F(head.Score - head.Bias - head.EmbeddingContribution)}{(head.EmbeddingContribution != 0 ? $" + sentence embedding {F(head.EmbeddingContribution)}, not attributable to words" : string.Empty)})")
                .AddColumn("feature")
                .AddColumn(new TableColumn($"toward {Markup.Escape(head.Label)}").RightAligned())
                .AddColumn(new TableColumn($"toward {Markup.Escape(head.RunnerUp)}").RightAligned())
                .AddColumn(new TableColumn("margin").RightAligned());
            foreach (FeatureContribution feature in head.Features)
            {
                string name = feature.Kind == FeatureKind.CharNgram ? $"chars \"{feature.Feature}\"" : feature.Feature;
                string color = feature.Margin >= 0 ? "green" : "red";
                table.AddRow(Markup.Escape(name), F(feature.Contribution), F(feature.RunnerUpContribution), $"[{color}]{F(feature.Margin)}[/]");
            }

            console.Write(table);
        }
    }

    /// <summary>The text as markup, with the word n-grams that favour the label underlined in green and those against it in red.</summary>
    private static string Marked(string text, HeadExplanation head, IReadOnlyList<TokenSpan> tokens)
    {
        var marks = new int[text.Length];
        foreach (FeatureContribution feature in head.Features.Where(f => f.Kind == FeatureKind.WordNgram))
        {
            string[] words = feature.Feature.Split(' ');
            for (int start = 0; start + words.Length <= tokens.Count; start++)
            {
                bool match = true;
                for (int w = 0; w < words.Length && match; w++)
                {
                    match = tokens[start + w].Token == words[w];
                }

                if (!match)
                {
                    continue;
                }

                int sign = feature.Margin >= 0 ? 1 : -1;
                for (int c = tokens[start].Start; c < tokens[start + words.Length - 1].End && c < text.Length; c++)
                {
                    marks[c] = marks[c] == 0 || marks[c] == sign ? sign : marks[c];
                }
            }
        }

        var builder = new StringBuilder();
        int current = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (marks[i] != current)
            {
                if (current != 0)
                {
                    builder.Append("[/]");
                }

                if (marks[i] != 0)
                {
                    builder.Append(marks[i] > 0 ? "[underline green]" : "[underline red]");
                }

                current = marks[i];
            }

            builder.Append(Markup.Escape(TerminalText.Safe(text[i].ToString())));
        }

        if (current != 0)
        {
            builder.Append("[/]");
        }

        return builder.ToString();
    }

    private static string F(float value) => value.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture);
}
