using System.CommandLine;
using System.Globalization;
using CsvHelper;
using Stance.Cli.Output;
using Stance.IO.Csv;
using Stance.IO.Files;
using Stance.Training.Review;

namespace Stance.Cli.Commands;

/// <summary>What <c>stance review</c> was asked to do.</summary>
internal sealed record ReviewOptions(string Input, string Output, int Count, string ModelPath, string TextColumn, bool Quiet, bool Verbose);

/// <summary>
/// <c>stance review</c>: the statements worth labeling next (the model's least certain, spread out,
/// near-duplicates removed; see <see cref="ReviewSelector"/>), written as a CSV with the model's labels
/// as suggestions and empty <c>stance</c> and <c>sentiment</c> columns for the human's.
/// </summary>
internal sealed class ReviewCommand : StanceCommand<ReviewOptions>
{
    /// <summary>The columns added after the input's own, in order.</summary>
    public static readonly IReadOnlyList<string> AddedColumns =
        ["review_rank", "suggested_stance", "suggested_stance_confidence", "stance_margin", "suggested_sentiment", "suggested_sentiment_confidence", "stance", "sentiment"];

    private readonly Option<string> _input = new("--input", "-i") { Description = "A CSV of statements (what extract or classify wrote, or any CSV with a text column).", Required = true };
    private readonly Option<string> _output;
    private readonly Option<int> _count = new Option<int>("--n") { Description = "How many statements to pick (default 50).", DefaultValueFactory = _ => 50 }.InRange(1, 100_000);
    private readonly Option<string?> _model;
    private readonly Option<string?> _textColumn = CommonOptions.TextColumn("text");
    private readonly Option<bool> _quiet = CommonOptions.Quiet();

    public ReviewCommand(CliConsole console)
        : base(
            "review",
            "Pick the statements whose labels would teach the model most (least certain, diverse, no near-duplicates), with the model's labels as suggestions, for a human to label.",
            console,
            "stance review --input statements.csv --out to-label.csv --n 50",
            "stance train --data data/statements.csv --data to-label.csv --out mine.zip")
    {
        _model = CommonOptions.Model(console);
        _output = new Option<string>("--out", "--output", "-o") { Description = "Where to write the statements to label (atomically).", Required = true }.IsWritablePath(console);
        foreach (Option option in new Option[] { _input, _output, _count, _model, _textColumn, _quiet })
        {
            Add(option);
        }

        Validators.Add(result =>
        {
            string? input = result.GetValue(_input);
            string? output = result.GetValue(_output);
            if (input is not null && output is not null && FileStatus.SameFile(console.Resolve(input), console.Resolve(output)))
            {
                result.AddError("--out must not be the --input file");
            }
        });
    }

    protected override ReviewOptions Bind(ParseResult parse) => new(
        Console.Resolve(parse.GetValue(_input)!),
        Console.Resolve(parse.GetValue(_output)!),
        parse.GetValue(_count),
        ModelLocator.Locate(parse.GetValue(_model), Console),
        parse.GetValue(_textColumn) ?? "text",
        parse.GetValue(_quiet),
        parse.GetValue(StanceCli.Verbose));

    /// <summary>Whether an input column is a prediction (or label) column that the output replaces.</summary>
    public static bool IsReplaced(string column) =>
        column is "stance" or "sentiment" or "stance_confidence" or "sentiment_confidence" or "error"
        || column.StartsWith("stance_p_", StringComparison.Ordinal) || column.StartsWith("sentiment_p_", StringComparison.Ordinal)
        || column.StartsWith("predicted_", StringComparison.Ordinal) || AddedColumns.Contains(column);

    public override int Run(ReviewOptions options, CancellationToken cancellationToken)
    {
        if (!File.Exists(options.Input))
        {
            throw new StanceException($"{options.Input}: no such file");
        }

        var rows = new List<string[]>();
        IReadOnlyList<string> columns;
        int textIndex;
        using (CsvTableReader reader = CsvTableReader.Open(options.Input, CsvFormat.Default))
        {
            columns = reader.Columns;
            textIndex = reader.RequireColumn(options.TextColumn, "TextColumn");
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                rows.Add(Enumerable.Range(0, columns.Count).Select(reader.GetString).ToArray());
            }
        }

        if (rows.Count == 0)
        {
            throw new CsvInputException(options.Input, 0, null, "the file has a header but no data rows; nothing to review");
        }

        using StanceClassifier classifier = ModelLocator.Load(options.ModelPath, Console, options.Verbose);
        Classification[] results = classifier.ClassifyMany(rows.Select(r => r[textIndex]), cancellationToken).ToArray();
        var usable = Enumerable.Range(0, rows.Count).Where(i => !results[i].IsError && !string.IsNullOrWhiteSpace(rows[i][textIndex])).ToList();
        IReadOnlyList<double> margins = usable.Select(i => ReviewSelector.Margin(Head(results[i]).Probabilities.Select(p => p.Probability).ToList())).ToList();
        IReadOnlyList<int> picks = ReviewSelector.Pick(usable.Select(i => rows[i][textIndex]).ToList(), margins, options.Count, ReviewSettings.Default, usable.Select(i => Head(results[i]).Label).ToList());

        int[] kept = Enumerable.Range(0, columns.Count).Where(c => !IsReplaced(columns[c])).ToArray();
        using OutputTarget target = OutputTarget.Create(options.Output);
        using (var text = new StreamWriter(target.Stream, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true))
        using (CsvWriter writer = CsvWriter.Create(text, CsvWriterOptions.Default, leaveOpen: true))
        {
            foreach (string column in kept.Select(c => columns[c]).Concat(AddedColumns))
            {
                writer.WriteField(column);
            }

            writer.EndRecord();
            for (int rank = 0; rank < picks.Count; rank++)
            {
                int row = usable[picks[rank]];
                foreach (int c in kept)
                {
                    writer.WriteField(rows[row][c]);
                }

                writer.WriteField((rank + 1).ToString(CultureInfo.InvariantCulture));
                HeadPrediction? stance = results[row].Stance, sentiment = results[row].Sentiment;
                writer.WriteField(stance?.Label ?? string.Empty);
                writer.WriteField(stance is null ? string.Empty : ClassificationColumns.Number(stance.Confidence));
                writer.WriteField(ClassificationColumns.Number((float)margins[picks[rank]]));
                writer.WriteField(sentiment?.Label ?? string.Empty);
                writer.WriteField(sentiment is null ? string.Empty : ClassificationColumns.Number(sentiment.Confidence));
                writer.WriteField(string.Empty);
                writer.WriteField(string.Empty);
                writer.EndRecord();
            }

            writer.Flush();
        }

        target.Commit();
        if (!options.Quiet)
        {
            Console.Error.WriteLine($"picked {picks.Count} of {rows.Count} statements to label (the least certain, diverse, near-duplicates left out); wrote {options.Output}. Fill the stance column (and sentiment, or delete that column), delete the rows you skip, then: stance train --data <corpus> --data {Path.GetFileName(options.Output)} --out <model>");
        }

        return StanceCli.Success;
    }

    /// <summary>The head whose certainty decides: stance, or the model's only head.</summary>
    private static HeadPrediction Head(Classification classification) => classification.Stance ?? classification.Sentiment!;
}
