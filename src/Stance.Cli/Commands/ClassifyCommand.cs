using System.Buffers;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Spectre.Console;
using Stance.Cli.Output;
using Stance.IO.Csv;
using Stance.IO.Files;

namespace Stance.Cli.Commands;

/// <summary>What <c>stance classify</c> was asked to do.</summary>
internal sealed record ClassifySettings(
    string ModelPath,
    IReadOnlyList<string> Texts,
    string? InputPath,
    string? OutputPath,
    string TextColumn,
    CsvFormat Csv,
    string Format,
    bool Quiet,
    float MinConfidence,
    bool Explain,
    int Top);

/// <summary><c>stance classify</c>: label quotes given as arguments, on standard input, or in a CSV file.</summary>
internal static class ClassifyCommand
{
    public static Command Create(CliConsole console)
    {
        var model = CommonOptions.Model();
        var texts = new Argument<string[]>("text") { Description = "Quotes to classify. Without them (and without --input), lines are read from standard input.", Arity = ArgumentArity.ZeroOrMore };
        var input = new Option<string?>("--input", "-i") { Description = "A CSV file of quotes to classify (streamed; any size)." };
        var output = new Option<string?>("--output", "-o") { Description = "Where to write the classified CSV (required with --input; written atomically)." };
        var textColumn = CommonOptions.TextColumn();
        var delimiter = CommonOptions.Delimiter();
        var format = CommonOptions.Format("table", "table", "csv", "jsonl");
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress bar." };
        var minConfidence = new Option<float>("--min-confidence") { Description = "Report 'uncertain' instead of a label whose probability is below this (the row is kept)." };
        var explain = new Option<bool>("--explain") { Description = "Show the words and phrases that decided each label (table, jsonl)." };
        var top = new Option<int>("--top") { Description = "How many features --explain shows per head.", DefaultValueFactory = _ => 8 };
        var command = new Command("classify", "Classify quotes by stance and sentiment.")
        {
            model, texts, input, output, textColumn, delimiter, format, quiet, minConfidence, explain, top,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var settings = new ClassifySettings(
                ModelLocator.Locate(parse.GetValue(model), console),
                parse.GetValue(texts) ?? [],
                parse.GetValue(input) is { } i ? console.Resolve(i) : null,
                parse.GetValue(output) is { } o ? console.Resolve(o) : null,
                parse.GetValue(textColumn)!,
                CommonOptions.ParseDelimiter(parse.GetValue(delimiter)!),
                parse.GetValue(format)!,
                parse.GetValue(quiet),
                parse.GetValue(minConfidence),
                parse.GetValue(explain),
                parse.GetValue(top));
            return Task.FromResult(Run(settings, console, cancellationToken));
        });
        return command;
    }

    public static int Run(ClassifySettings settings, CliConsole console, CancellationToken cancellationToken)
    {
        Validate(settings);
        using StanceClassifier classifier = StanceClassifier.Load(settings.ModelPath);
        if (settings.InputPath is not null)
        {
            return ClassifyFile(classifier, settings, console, cancellationToken);
        }

        IEnumerable<string> texts = settings.Texts.Count > 0 ? settings.Texts : ReadLines(console.In);
        var columns = new ClassificationColumns(classifier.Metadata, settings.MinConfidence, ["text"]);
        switch (settings.Format)
        {
            case "csv":
                WriteCsv(classifier, texts, columns, console.Out, cancellationToken);
                break;
            case "jsonl":
                WriteJsonLines(classifier, texts, columns, settings, console.Out, cancellationToken);
                break;
            default:
                var table = new ResultTable(Terminal.Out(console), columns);
                foreach ((string text, Classification result) in Zip(texts, classifier, cancellationToken))
                {
                    bool explain = settings.Explain && !result.IsError;
                    table.Add(text, result, explain ? classifier.Explain(text, settings.Top) : null, explain ? classifier.Tokens(text) : null);
                }

                table.Finish();
                break;
        }

        return StanceCli.Success;
    }

    private static void Validate(ClassifySettings settings)
    {
        if (settings.InputPath is not null && settings.OutputPath is null)
        {
            throw new StanceException("--input needs --output: the file to write the classified rows to");
        }

        if (settings.InputPath is null && settings.OutputPath is not null)
        {
            throw new StanceException("--output is for --input files; quotes given as arguments or on standard input are written to standard output (choose the layout with --format)");
        }

        if (settings.InputPath is not null && settings.Texts.Count > 0)
        {
            throw new StanceException("give quotes as arguments or an --input file, not both");
        }

        if (settings.MinConfidence is < 0f or > 1f)
        {
            throw new StanceException($"--min-confidence must be between 0 and 1 (got {settings.MinConfidence.ToString(CultureInfo.InvariantCulture)})");
        }

        if (settings.InputPath is not null && Path.GetFullPath(settings.InputPath) == Path.GetFullPath(settings.OutputPath!))
        {
            throw new StanceException("--output must not be the --input file");
        }
    }

    private static int ClassifyFile(StanceClassifier classifier, ClassifySettings settings, CliConsole console, CancellationToken cancellationToken)
    {
        using CsvTableReader reader = CsvTableReader.Open(settings.InputPath!, settings.Csv);
        int textIndex = reader.RequireColumn(settings.TextColumn, "--text-column");
        var columns = new ClassificationColumns(classifier.Metadata, settings.MinConfidence, [.. reader.Columns]);
        var options = new CsvWriterOptions { Separator = settings.Csv.Delimiter };

        using AtomicFile file = AtomicFile.Create(settings.OutputPath!);
        using (CsvWriter header = CsvWriter.Create(file.Stream, options, leaveOpen: true))
        {
            foreach (string column in reader.Columns.Concat(columns.Names))
            {
                header.WriteField(column);
            }

            header.EndRecord();
        }

        // Workers classify a batch and format its output rows; this thread only reads the input
        // and copies the formatted batches to the file, in order.
        IEnumerable<FormattedBatch> batches = OrderedBatches.MapBatches(
            ReadRecords(reader, cancellationToken),
            rows => Format(classifier, rows, textIndex, columns, options),
            classifier.BatchSize * 4,
            classifier.Parallelism,
            cancellationToken);

        long rows = 0;
        var stopwatch = Stopwatch.StartNew();
        void Write(FormattedBatch batch)
        {
            file.Stream.Write(batch.Bytes, 0, batch.Length);
            rows += batch.Rows;
        }

        if (console.ErrorIsTerminal && !settings.Quiet)
        {
            Terminal.Error(console).Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RateColumn(() => rows), new RemainingTimeColumn())
                .Start(context =>
                {
                    ProgressTask task = context.AddTask(Path.GetFileName(settings.InputPath!), maxValue: 1.0);
                    foreach (FormattedBatch batch in batches)
                    {
                        Write(batch);
                        task.Value = reader.Progress;
                    }

                    task.Value = 1.0;
                });
        }
        else
        {
            foreach (FormattedBatch batch in batches)
            {
                Write(batch);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (rows == 0)
        {
            throw new CsvInputException(settings.InputPath!, 0, null, "the file has a header but no data rows; nothing to classify");
        }

        file.Commit();
        if (!settings.Quiet)
        {
            double seconds = stopwatch.Elapsed.TotalSeconds;
            console.Error.WriteLine($"classified {rows} rows in {seconds:0.0} s ({rows / Math.Max(seconds, 1e-9):0} rows/s) with {classifier.EngineName} scoring; wrote {settings.OutputPath}");
        }

        return StanceCli.Success;
    }

    /// <summary>Classifies a batch of input rows and formats them, input fields then prediction columns, as CSV bytes.</summary>
    private static FormattedBatch Format(StanceClassifier classifier, string[][] rows, int textIndex, ClassificationColumns columns, CsvWriterOptions options)
    {
        var texts = new string[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            texts[i] = rows[i][textIndex];
        }

        int width = classifier.ProbabilityCount;
        float[] probabilities = ArrayPool<float>.Shared.Rent(rows.Length * width);
        bool[] classified = classifier.ScoreBatch(texts, probabilities);
        var buffer = new MemoryStream(rows.Length * 256);
        using (CsvWriter writer = CsvWriter.Create(buffer, options with { HasHeader = false }, leaveOpen: true))
        {
            for (int i = 0; i < rows.Length; i++)
            {
                foreach (string field in rows[i])
                {
                    writer.WriteField(field);
                }

                columns.Write(probabilities.AsSpan(i * width, width), classified[i], writer);
                writer.EndRecord();
            }
        }

        ArrayPool<float>.Shared.Return(probabilities);

        return new FormattedBatch(buffer.GetBuffer(), (int)buffer.Length, rows.Length);
    }

    private sealed record FormattedBatch(byte[] Bytes, int Length, int Rows);

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

    private static IEnumerable<(string Text, Classification Result)> Zip(IEnumerable<string> texts, StanceClassifier classifier, CancellationToken cancellationToken)
    {
        // Texts may come from a pipe: classify them in order as they arrive, batch by batch.
        return OrderedBatches.Map(
            texts,
            batch => batch.Zip(classifier.ClassifyBatch(batch)).ToArray(),
            64,
            classifier.Parallelism,
            cancellationToken);
    }

    private static void WriteCsv(StanceClassifier classifier, IEnumerable<string> texts, ClassificationColumns columns, TextWriter output, CancellationToken cancellationToken)
    {
        using CsvWriter writer = CsvWriter.Create(output, CsvWriterOptions.Default, leaveOpen: true);
        writer.WriteField("text");
        foreach (string name in columns.Names)
        {
            writer.WriteField(name);
        }

        writer.EndRecord();
        int width = classifier.ProbabilityCount;
        IEnumerable<(string[] Texts, float[] Probabilities, bool[] Classified)> batches = OrderedBatches.MapBatches(
            texts,
            batch =>
            {
                var probabilities = new float[batch.Length * width];
                return (batch, probabilities, classifier.ScoreBatch(batch, probabilities));
            },
            64,
            classifier.Parallelism,
            cancellationToken);
        foreach ((string[] batch, float[] probabilities, bool[] classified) in batches)
        {
            for (int i = 0; i < batch.Length; i++)
            {
                writer.WriteField(batch[i]);
                columns.Write(probabilities.AsSpan(i * width, width), classified[i], writer);
                writer.EndRecord();
            }
        }
    }

    private static void WriteJsonLines(StanceClassifier classifier, IEnumerable<string> texts, ClassificationColumns columns, ClassifySettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        foreach ((string text, Classification result) in Zip(texts, classifier, cancellationToken))
        {
            buffer.SetLength(0);
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteString("text", text);
                foreach (HeadMetadata head in columns.Heads)
                {
                    HeadPrediction? prediction = result.Head(head.Name);
                    if (prediction is null)
                    {
                        json.WriteNull(head.Name);
                        continue;
                    }

                    json.WriteString(head.Name, columns.Label(prediction));
                    json.WriteNumber(head.Name + "_confidence", Math.Round(prediction.Confidence, 4));
                    json.WriteStartObject(head.Name + "_probabilities");
                    for (int k = 0; k < head.Labels.Count; k++)
                    {
                        json.WriteNumber(head.Labels[k], Math.Round(prediction.Probabilities[k], 4));
                    }

                    json.WriteEndObject();
                }

                if (settings.Explain && !result.IsError)
                {
                    ExplanationJson.Write(json, classifier.Explain(text, settings.Top));
                }

                if (result.Error is null)
                {
                    json.WriteNull("error");
                }
                else
                {
                    json.WriteString("error", result.Error);
                }

                json.WriteEndObject();
            }

            output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        }
    }

    private static IEnumerable<string> ReadLines(TextReader reader)
    {
        while (reader.ReadLine() is { } line)
        {
            yield return line;
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
