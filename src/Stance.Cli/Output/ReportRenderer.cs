using System.Globalization;
using Spectre.Console;

namespace Stance.Cli.Output;

/// <summary>Renders classification reports and model metadata as tables.</summary>
internal static class ReportRenderer
{
    public static void Report(IAnsiConsole console, string title, ClassificationReport report)
    {
        console.MarkupLine($"[bold]{Markup.Escape(title)}[/]: accuracy {P(report.Accuracy)}, macro-F1 {P(report.MacroF1)} ({report.Count} rows)");
        var perClass = new Table().Border(TableBorder.Simple)
            .AddColumn("label").AddColumn(new TableColumn("precision").RightAligned()).AddColumn(new TableColumn("recall").RightAligned())
            .AddColumn(new TableColumn("F1").RightAligned()).AddColumn(new TableColumn("support").RightAligned());
        foreach (ClassMetrics c in report.PerClass)
        {
            perClass.AddRow(Markup.Escape(c.Label), P(c.Precision), P(c.Recall), P(c.F1), c.Support.ToString(CultureInfo.InvariantCulture));
        }

        console.Write(perClass);

        var matrix = new Table().Border(TableBorder.Simple).AddColumn("true \\ predicted");
        foreach (string label in report.Labels)
        {
            matrix.AddColumn(new TableColumn(Markup.Escape(label)).RightAligned());
        }

        for (int i = 0; i < report.Labels.Count; i++)
        {
            matrix.AddRow([Markup.Escape(report.Labels[i]), .. report.ConfusionMatrix[i].Select(n => n.ToString(CultureInfo.InvariantCulture))]);
        }

        console.Write(matrix);
    }

    public static void Candidates(IAnsiConsole console, IReadOnlyList<CandidateScore> candidates)
    {
        if (candidates.GroupBy(c => c.Head).All(g => g.Count() <= 1))
        {
            return;
        }

        var table = new Table().Border(TableBorder.Simple).Title("model selection: cross-validation macro-F1 per candidate")
            .AddColumn("head").AddColumn("features").AddColumn("trainer").AddColumn(new TableColumn("macro-F1").RightAligned()).AddColumn("chosen");
        foreach (CandidateScore c in candidates)
        {
            table.AddRow(c.Head, Markup.Escape(c.Features), Markup.Escape(c.Trainer), P(c.MacroF1), c.Chosen ? "*" : string.Empty);
        }

        console.Write(table);
    }

    public static void Metadata(IAnsiConsole console, string path, ModelMetadata metadata, string engine)
    {
        var grid = new Grid().AddColumn().AddColumn();
        void Row(string name, string value) => grid.AddRow($"[bold]{name}[/]", Markup.Escape(value));
        Row("model", path);
        Row("tier", metadata.Tier);
        Row("engine", engine);
        Row("format", $"{metadata.FormatVersion} (Stance {metadata.LibraryVersion})");
        Row("created", metadata.CreatedUtc.ToString("u", CultureInfo.InvariantCulture));
        Row("training data", $"{metadata.TrainingData.FileName}, {metadata.TrainingData.RowCount} rows ({metadata.TrainingData.SkippedRows} skipped), sha256 {metadata.TrainingData.Sha256}");
        Row("text column", metadata.TextColumn);
        Row("features", metadata.IsEnsemble ? $"each member's own (below); sentence encoder {metadata.Features.Embedding ?? "none"}" : metadata.Features.Describe());
        Row("seed / folds", $"{metadata.Seed} / {metadata.Folds}");
        foreach (HeadMetadata head in metadata.Heads)
        {
            string trainer = head.Trainer?.Describe() ?? "weighted mean of the members' probabilities";
            string crossValidation = head.CrossValidation is { } cv
                ? $"cross-validation macro-F1 {P(cv.MacroF1)}, accuracy {P(cv.Accuracy)}"
                : "the ensemble's own cross-validation was not measured (see the members')";
            Row($"{head.Name} head", $"column '{head.LabelColumn}', labels {string.Join(", ", head.Labels)}; {trainer}; {crossValidation}");
        }

        foreach (ModelMember member in metadata.Members ?? [])
        {
            string heads = string.Join("; ", member.Heads.Select(h => $"{h.Name} {h.Trainer}, cross-validation macro-F1 {P(h.MacroF1)}, accuracy {P(h.Accuracy)}"));
            Row($"member {member.Entry}", $"weight {member.Weight.ToString("0.###", CultureInfo.InvariantCulture)}; {member.Tier} tier, {member.Features}; {heads}");
        }

        console.Write(grid);
    }

    /// <summary>How often out-of-fold predictions were right, by confidence band: what --min-confidence can trust.</summary>
    public static void Calibration(IAnsiConsole console, HeadMetadata head)
    {
        if (head.Calibration.Count == 0)
        {
            return;
        }

        var table = new Table().Border(TableBorder.Simple).Title($"{head.Name}: cross-validated accuracy by confidence")
            .AddColumn("confidence").AddColumn(new TableColumn("predictions").RightAligned()).AddColumn(new TableColumn("right").RightAligned());
        foreach (CalibrationBin bin in head.Calibration)
        {
            table.AddRow($"{bin.From:0.0}-{bin.To:0.0}", bin.Count.ToString(CultureInfo.InvariantCulture), P(bin.Accuracy));
        }

        console.Write(table);
    }

    public static string P(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
