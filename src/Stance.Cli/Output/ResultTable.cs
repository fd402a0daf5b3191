using Spectre.Console;

namespace Stance.Cli.Output;

/// <summary>The table view of classified quotes; with explanations, one block per quote instead.</summary>
internal sealed class ResultTable(IAnsiConsole console, ClassificationColumns columns)
{
    private readonly Table _table = CreateTable(columns);
    private int _rows;

    /// <summary>Adds a batch of results; with <paramref name="explainer"/>, writes each one's explanation at once instead.</summary>
    public void AddBatch(IReadOnlyList<(string Text, Classification Result)> batch, StanceClassifier? explainer, int top)
    {
        foreach ((string text, Classification result) in batch)
        {
            if (explainer is not null && !result.IsError)
            {
                console.Write(new Rule());
                ExplanationRenderer.Write(console, text, explainer.Explain(text, top), explainer.Tokenize(text));
                console.MarkupLine(Summary(result));
                continue;
            }

            var cells = new List<string> { Markup.Escape(TerminalText.Safe(text)) };
            foreach (HeadMetadata head in columns.Heads)
            {
                HeadPrediction? prediction = result.Head(head.Name);
                cells.Add(prediction is null ? $"[red]{Markup.Escape(result.Error ?? "-")}[/]" : $"{Markup.Escape(columns.Label(prediction))} [grey]{ClassificationColumns.Number(prediction.Confidence)}[/]");
            }

            _table.AddRow(cells.ToArray());
            _rows++;
        }
    }

    public void Finish()
    {
        if (_rows > 0)
        {
            console.Write(_table);
        }
    }

    private string Summary(Classification result) =>
        result.IsError
            ? $"[red]{Markup.Escape(result.Error!)}[/]"
            : string.Join("   ", columns.Heads.Select(h => result.Head(h.Name) is { } p ? $"[bold]{h.Name}[/]: {Markup.Escape(columns.Label(p))} ({ClassificationColumns.Number(p.Confidence)})" : string.Empty));

    private static Table CreateTable(ClassificationColumns columns)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("quote");
        foreach (HeadMetadata head in columns.Heads)
        {
            table.AddColumn(head.Name);
        }

        return table;
    }
}
