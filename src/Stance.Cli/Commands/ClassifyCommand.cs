using System.CommandLine;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Spectre.Console;
using Stance.Cli.Output;
using Stance.IO.Csv;
using Stance.IO.Files;
using Stance.IO.Text;
using Stance.Serialization;

namespace Stance.Cli.Commands;

/// <summary>What <c>stance classify</c> was asked to do.</summary>
/// <param name="ModelPath">The model file.</param>
/// <param name="Texts">Quotes given as arguments.</param>
/// <param name="InputPath">A CSV file to classify (<c>-</c>: standard input), or null.</param>
/// <param name="OutputPath">Where to write the classified CSV (<c>-</c> or null: standard output).</param>
/// <param name="TextColumn">The CSV column of the quotes, or null for the model's own text column (else <c>text</c>).</param>
internal sealed record ClassifyOptions(
    string ModelPath,
    IReadOnlyList<string> Texts,
    string? InputPath,
    string? OutputPath,
    string? TextColumn,
    CsvFormat Csv,
    string Format,
    bool Quiet,
    float MinConfidence,
    bool Explain,
    int Top,
    bool Verbose);

/// <summary><c>stance classify</c>: label quotes given as arguments, on standard input, or in a CSV file.</summary>
internal sealed class ClassifyCommand : StanceCommand<ClassifyOptions>
{
    private readonly Option<string?> _model;
    private readonly Argument<string[]> _texts = new("text") { Description = "Quotes to classify. Without them (and without --input), lines are read from standard input.", Arity = ArgumentArity.ZeroOrMore };
    private readonly Option<string?> _input;
    private readonly Option<string?> _output;
    private readonly Option<string?> _textColumn = CommonOptions.TextColumn("the column the model was trained on when the file has it, else 'text'");
    private readonly Option<string> _delimiter = CommonOptions.Delimiter();
    private readonly Option<string?> _format = new("--format", "-f") { Description = "Output format: table, csv or jsonl (default: table for quotes, csv for --input)." };
    private readonly Option<bool> _quiet = CommonOptions.Quiet();
    private readonly Option<float> _minConfidence = new Option<float>("--min-confidence") { Description = "Report 'uncertain' instead of a label whose probability is below this (the row is kept); 0.6 is a good start." }.InRange(0f, 1f);
    private readonly Option<bool> _explain = new("--explain") { Description = "Show the words and phrases that decided each label (table, jsonl)." };
    private readonly Option<int> _top = new Option<int>("--top") { Description = "How many features --explain shows per head.", DefaultValueFactory = _ => 8 }.InRange(1, 1000);

    public ClassifyCommand(CliConsole console)
        : base(
            "classify",
            "Classify quotes by stance and sentiment: given as arguments, one per line on standard input, or a CSV file of any size.",
            console,
            "stance classify \"Sanctions relief must wait for verified dismantlement.\"",
            "printf 'Keep the channels open.\\n' | stance classify --format jsonl",
            "stance classify --input quotes.csv --output classified.csv --min-confidence 0.6",
            "stance classify --model models/stance-fast.zip --input - < quotes.csv > classified.csv")
    {
        _model = CommonOptions.Model(console);
        _input = new Option<string?>("--input", "-i") { Description = "A CSV file of quotes to classify (streamed; any size), or - for standard input." };
        _output = new Option<string?>("--output", "--out", "-o") { Description = "Where to write the classified rows (default, or -: standard output). A file is written atomically." }.IsWritablePath(console);
        _format.AcceptOnlyFromAmong("table", "csv", "jsonl");
        Add(_model);
        Add(_texts);
        Add(_input);
        Add(_output);
        Add(_textColumn);
        Add(_delimiter);
        Add(_format);
        Add(_quiet);
        Add(_minConfidence);
        Add(_explain);
        Add(_top);
        Validators.Add(result =>
        {
            string? input = result.GetValue(_input);
            string? output = result.GetValue(_output);
            string[] texts = result.GetValue(_texts) ?? [];
            if (input is not null && texts.Length > 0)
            {
                result.AddError("give quotes as arguments or an --input file, not both");
            }

            if (input is null && output is not null && output != "-")
            {
                result.AddError("--output is for --input files; quotes given as arguments or on standard input are written to standard output (choose the layout with --format)");
            }

            if (input is not null && result.GetValue(_format) == "table")
            {
                result.AddError("--format table is for quotes given as arguments or on standard input; an --input file is written as csv or jsonl");
            }

            if (input is not null && result.GetValue(_explain) && result.GetValue(_format) != "jsonl")
            {
                result.AddError("--explain with --input needs --format jsonl (CSV has no place for explanations)");
            }

            if (input is not null && output is not null && input != "-" && output != "-"
                && FileStatus.SameFile(console.Resolve(input), console.Resolve(output)))
            {
                result.AddError("--output must not be the --input file (it would be overwritten before it is read)");
            }
        });
    }

    protected override ClassifyOptions Bind(ParseResult parse) => new(
        ModelLocator.Locate(parse.GetValue(_model), Console),
        parse.GetValue(_texts) ?? [],
        parse.GetValue(_input) is { } i ? (i == "-" ? i : Console.Resolve(i)) : null,
        parse.GetValue(_output) is { } o ? (o == "-" ? o : Console.Resolve(o)) : null,
        parse.GetValue(_textColumn),
        CommonOptions.ParseDelimiter(parse.GetValue(_delimiter)!),
        parse.GetValue(_format) ?? (parse.GetValue(_input) is null ? "table" : "csv"),
        parse.GetValue(_quiet),
        parse.GetValue(_minConfidence),
        parse.GetValue(_explain),
        parse.GetValue(_top),
        parse.GetValue(StanceCli.Verbose));

    public override int Run(ClassifyOptions options, CancellationToken cancellationToken)
    {
        using StanceClassifier classifier = ModelLocator.Load(options.ModelPath, Console, options.Verbose);
        if (options.InputPath is not null)
        {
            return ClassifyFile(classifier, options, cancellationToken);
        }

        using TextInput.LineReader? lines = options.Texts.Count > 0 ? null : TextInput.OpenLines(Console.Input, "standard input");
        IEnumerable<string> texts = lines?.ReadAll() ?? options.Texts;
        var columns = new ClassificationColumns(classifier.Heads, options.MinConfidence, ["text"]);
        switch (options.Format)
        {
            case "csv":
                using (Stream stdout = Console.OpenOutputStream())
                {
                    using OutputTarget target = OutputTarget.ForStream(stdout, "standard output");
                    WriteCsv(classifier, texts.Select(t => new[] { t }), 0, ["text"], columns, options.Csv, target, cancellationToken, batchSize: StreamBatchSize(options));
                    target.Commit();
                }

                break;
            case "jsonl":
                foreach (string line in JsonLines(classifier, texts.Select(t => new[] { t }), 0, ["text"], options, cancellationToken, StreamBatchSize(options)))
                {
                    Console.Out.WriteLine(line);
                }

                break;
            default:
                var table = new ResultTable(Terminal.Out(Console), columns);
                foreach ((string Text, Classification Result)[] batch in classifier.ClassifyBatches(texts, t => t, Classifications, cancellationToken, StreamBatchSize(options)))
                {
                    // Texts may come from a pipe: results are shown batch by batch as they arrive.
                    table.AddBatch(batch, options.Explain ? classifier : null, options.Top);
                }

                table.Finish();
                break;
        }

        return StanceCli.Success;
    }

    private int ClassifyFile(StanceClassifier classifier, ClassifyOptions options, CancellationToken cancellationToken)
    {
        bool fromStandardInput = options.InputPath == "-";
        using Stream? stdin = fromStandardInput ? Console.Input : null;
        using CsvTableReader reader = fromStandardInput
            ? CsvTableReader.Open(stdin!, "standard input", options.Csv)
            : CsvTableReader.Open(options.InputPath!, options.Csv);
        string textColumn = options.TextColumn ?? (reader.FindColumn(classifier.Metadata.TextColumn) is not null ? classifier.Metadata.TextColumn : "text");
        int textIndex = reader.RequireColumn(textColumn, "TextColumn");
        var columns = new ClassificationColumns(classifier.Heads, options.MinConfidence, [.. reader.Columns]);

        bool toStandardOutput = options.OutputPath is null or "-";
        using Stream? stdout = toStandardOutput ? Console.OpenOutputStream() : null;
        using OutputTarget target = toStandardOutput ? OutputTarget.ForStream(stdout!, "standard output") : OutputTarget.Create(options.OutputPath!);
        string name = fromStandardInput ? "standard input" : Path.GetFileName(options.InputPath!);
        var stopwatch = Stopwatch.StartNew();
        long rows = 0;
        IEnumerable<string[]> records = ReadRecords(reader, cancellationToken);
        void Count(long n) => rows += n;
        if (options.Format == "jsonl")
        {
            using var writer = new StreamWriter(target.Stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            foreach (string line in JsonLines(classifier, records, textIndex, reader.Columns, options, cancellationToken))
            {
                writer.WriteLine(line);
                rows++;
            }
        }
        else if (Console.ErrorIsTerminal && !options.Quiet)
        {
            Terminal.Error(Console).Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RateColumn(() => rows), new RemainingTimeColumn())
                .Start(context =>
                {
                    ProgressTask task = context.AddTask(Markup.Escape(name), maxValue: 1.0);
                    WriteCsv(classifier, records, textIndex, reader.Columns, columns, options.Csv, target, cancellationToken, n =>
                    {
                        Count(n);
                        task.Value = reader.Progress;
                    });
                    task.Value = 1.0;
                });
        }
        else
        {
            WriteCsv(classifier, records, textIndex, reader.Columns, columns, options.Csv, target, cancellationToken, Count);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (rows == 0)
        {
            throw new CsvInputException(options.InputPath == "-" ? "standard input" : options.InputPath!, 0, null, "the file has a header but no data rows; nothing to classify");
        }

        target.Commit();
        if (!options.Quiet)
        {
            double seconds = stopwatch.Elapsed.TotalSeconds;
            Console.Error.WriteLine($"classified {rows} rows in {seconds:0.0} s ({rows / Math.Max(seconds, 1e-9):0} rows/s) with {classifier.EngineName} scoring; wrote {target.DisplayName}");
        }

        return StanceCli.Success;
    }

    /// <summary>
    /// Writes the header, then every record with its prediction columns. Workers classify a batch
    /// and format its output rows as CSV bytes; this thread only reads the input and copies the
    /// formatted batches to the output, in order.
    /// </summary>
    private static void WriteCsv(
        StanceClassifier classifier,
        IEnumerable<string[]> records,
        int textIndex,
        IReadOnlyList<string> inputColumns,
        ClassificationColumns columns,
        CsvFormat csv,
        OutputTarget target,
        CancellationToken cancellationToken,
        Action<long>? written = null,
        int batchSize = 0)
    {
        var options = new CsvWriterOptions { Separator = csv.Delimiter };
        using (CsvWriter header = CsvWriter.Create(target.Stream, options, leaveOpen: true))
        {
            foreach (string column in inputColumns.Concat(columns.Names))
            {
                header.WriteField(column);
            }

            header.EndRecord();
        }

        foreach (FormattedBatch batch in classifier.ClassifyBatches(records, r => r[textIndex], b => Format(b, columns, options), cancellationToken, batchSize))
        {
            target.Stream.Write(batch.Bytes, 0, batch.Length);
            written?.Invoke(batch.Rows);
        }
    }

    /// <summary>Formats a classified batch, input fields then prediction columns, as CSV bytes (on a worker thread).</summary>
    private static FormattedBatch Format(ClassifiedBatch<string[]> batch, ClassificationColumns columns, CsvWriterOptions options)
    {
        var buffer = new MemoryStream(batch.Count * 256);
        using (CsvWriter writer = CsvWriter.Create(buffer, options with { HasHeader = false }, leaveOpen: true))
        {
            for (int i = 0; i < batch.Count; i++)
            {
                foreach (string field in batch.Items[i])
                {
                    writer.WriteField(field);
                }

                columns.Write(batch, i, writer);
                writer.EndRecord();
            }
        }

        return new FormattedBatch(buffer.GetBuffer(), (int)buffer.Length, batch.Count);
    }

    private sealed record FormattedBatch(byte[] Bytes, int Length, int Rows);

    /// <summary>One JSON object per record: its input fields, then the classification (and explanation) properties.</summary>
    private static IEnumerable<string> JsonLines(StanceClassifier classifier, IEnumerable<string[]> records, int textIndex, IReadOnlyList<string> inputColumns, ClassifyOptions options, CancellationToken cancellationToken, int batchSize = 0)
    {
        IEnumerable<string[]> batches = classifier.ClassifyBatches(records, r => r[textIndex], batch =>
        {
            var lines = new string[batch.Count];
            var buffer = new MemoryStream();
            for (int i = 0; i < batch.Count; i++)
            {
                buffer.SetLength(0);
                using (var json = new Utf8JsonWriter(buffer))
                {
                    json.WriteStartObject();
                    string[] fields = batch.Items[i];
                    for (int c = 0; c < inputColumns.Count; c++)
                    {
                        json.WriteString(inputColumns[c], c < fields.Length ? fields[c] : string.Empty);
                    }

                    Classification result = batch.Classification(i);
                    ClassificationJson.WriteProperties(json, classifier.Heads, result, options.MinConfidence);
                    if (options.Explain && !result.IsError)
                    {
                        ClassificationJson.WriteExplanation(json, classifier.Explain(fields[textIndex], options.Top));
                    }

                    json.WriteEndObject();
                }

                lines[i] = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
            }

            return lines;
        }, cancellationToken, batchSize);
        return batches.SelectMany(lines => lines);
    }

    /// <summary>
    /// Quotes on standard input may be typed or piped one at a time: small batches show results as
    /// they arrive. Arguments are all there at once.
    /// </summary>
    private static int StreamBatchSize(ClassifyOptions options) => options.Texts.Count > 0 ? 0 : 64;

    private static (string Text, Classification Result)[] Classifications(ClassifiedBatch<string> batch)
    {
        var results = new (string, Classification)[batch.Count];
        for (int i = 0; i < results.Length; i++)
        {
            results[i] = (batch.Items[i], batch.Classification(i));
        }

        return results;
    }

    private static IEnumerable<string[]> ReadRecords(CsvTableReader reader, CancellationToken cancellationToken)
    {
        int width = reader.Columns.Count;
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var fields = new string[width];
            for (int i = 0; i < width; i++)
            {
                fields[i] = reader.GetString(i);
            }

            yield return fields;
        }
    }

    /// <summary>A progress column showing rows per second.</summary>
    private sealed class RateColumn(Func<long> rows) : ProgressColumn
    {
        public override Spectre.Console.Rendering.IRenderable Render(Spectre.Console.Rendering.RenderOptions options, ProgressTask task, TimeSpan deltaTime)
        {
            double seconds = task.ElapsedTime?.TotalSeconds ?? 0;
            string rate = seconds > 0 ? $"{rows() / seconds:0} rows/s" : "-";
            return new Spectre.Console.Text($"{rows():N0} rows, {rate}");
        }
    }
}
