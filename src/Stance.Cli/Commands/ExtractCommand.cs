using System.Buffers;
using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using CsvHelper;
using Spectre.Console;
using Stance.Articles;
using Stance.Cli.Output;
using Stance.Extraction;
using Stance.IO.Text;

namespace Stance.Cli.Commands;

/// <summary>What <c>stance extract</c> was asked to do.</summary>
internal sealed record ExtractOptions(IReadOnlyList<string> Inputs, string? Manifest, string ModelPath, string Format, bool Quiet, bool Verbose)
{
    /// <summary>The file to write (atomically), or null for standard output.</summary>
    public string? OutputPath { get; init; }
}

/// <summary>
/// <c>stance extract</c>: finds the attributed statements of articles (direct quotes and reported
/// speech, each with its speaker and role) and classifies each, because analysts have articles, not CSVs.
/// Many inputs (files, folders, <c>-</c>; text or saved HTML pages) give one table, speakers resolved across them.
/// </summary>
internal sealed class ExtractCommand : StanceCommand<ExtractOptions>
{
    /// <summary>The CSV and JSONL fields, in order; <c>text</c> is the statement, so the output can be fed to classify, evaluate and report.</summary>
    public static readonly IReadOnlyList<string> Fields =
        ["speaker", "role", "text", "kind", "start", "end", "stance", "stance_confidence", "sentiment", "sentiment_confidence", "article", "title", "date", "outlet"];

    private readonly Argument<string[]> _inputs = ArticleInputs.Argument("The articles: files (plain UTF-8 text or saved HTML pages), folders (searched recursively for .txt, .text, .html, .htm), or - for standard input.");
    private readonly Option<string?> _manifest = ArticleInputs.Manifest();
    private readonly Option<string?> _model;
    private readonly Option<string> _format = CommonOptions.Format("table", "table", "csv", "jsonl");
    private readonly Option<bool> _quiet = CommonOptions.Quiet();
    private readonly Option<string?> _output;

    public ExtractCommand(CliConsole console)
        : base(
            "extract",
            "Extract every statement of one or more articles (quotes and reported speech, with speaker and role) and classify each by stance and sentiment.",
            console,
            "stance extract article.txt",
            "stance extract saved-pages/ --manifest pages.csv --format csv --output statements.csv && stance report statements.csv --out report.html",
            "curl -s https://example.org/story.txt | stance extract - --format jsonl")
    {
        _model = CommonOptions.Model(console);
        _output = new Option<string?>("--output", "--out", "-o") { Description = "Where to write the statements as csv or jsonl (default, or -: standard output). A file is written atomically, and only once every article is read." }.IsWritablePath(console);
        Add(_inputs);
        Add(_manifest);
        Add(_model);
        Add(_format);
        Add(_quiet);
        Add(_output);
        Validators.Add(result =>
        {
            // The format left at its default (table) reads as null here.
            if (result.GetValue(_output) is { } output && output != "-" && result.GetValue(_format) is null or "table")
            {
                result.AddError("--output writes csv or jsonl; add --format csv (or jsonl)");
            }
        });
    }

    protected override ExtractOptions Bind(ParseResult parse) =>
        new(parse.GetValue(_inputs)!, parse.GetValue(_manifest), ModelLocator.Locate(parse.GetValue(_model), Console), parse.GetValue(_format)!, parse.GetValue(_quiet), parse.GetValue(StanceCli.Verbose))
        {
            OutputPath = parse.GetValue(_output) is { } o && o != "-" ? Console.Resolve(o) : null,
        };

    public override int Run(ExtractOptions options, CancellationToken cancellationToken)
    {
        if (options.OutputPath is { } outputPath && options.Inputs.FirstOrDefault(i => i != "-" && IO.Files.FileStatus.SameFile(Console.Resolve(i), outputPath)) is { } overwritten)
        {
            throw new StanceException($"--output {outputPath} is the input {overwritten}: it would be overwritten; write the statements elsewhere");
        }

        ArticleBatch batch = ArticleInputs.Read(options.Inputs, options.Manifest, Console, options.Quiet, cancellationToken);
        if (batch.Articles.Count == 0)
        {
            throw new StanceException(batch.Failed == 1 ? "the article could not be read" : $"none of the {batch.Failed} articles could be read");
        }

        using StanceClassifier classifier = ModelLocator.Load(options.ModelPath, Console, options.Verbose);
        IReadOnlyList<CorpusStatement> classified = CorpusAnalyzer.Analyze(classifier, batch.Articles, cancellationToken);
        if (options.OutputPath is not null)
        {
            using IO.Files.OutputTarget target = IO.Files.OutputTarget.Create(options.OutputPath);
            using (var writer = new StreamWriter(target.Stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true))
            {
                Write(classified, options.Format, writer);
            }

            target.Commit();
        }
        else if (options.Format is "csv" or "jsonl")
        {
            Write(classified, options.Format, Console.Out);
        }
        else
        {
            WriteTables(classified, Terminal.Out(Console));
        }

        if (batch.Failed > 0)
        {
            Console.Error.WriteLine($"stance: {batch.Failed} of {batch.Failed + batch.Articles.Count} inputs could not be read (named above); the others were extracted");
            return StanceCli.Failure;
        }

        return StanceCli.Success;
    }

    private static void Write(IReadOnlyList<CorpusStatement> statements, string format, TextWriter output)
    {
        if (format == "jsonl")
        {
            WriteJsonLines(statements, output);
        }
        else
        {
            WriteCsv(statements, output);
        }
    }

    /// <summary>A date as written in the outputs: <c>yyyy-MM-dd</c>, or empty.</summary>
    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;

    private static void WriteCsv(IReadOnlyList<CorpusStatement> statements, TextWriter output)
    {
        using CsvWriter writer = CsvWriter.Create(output, CsvWriterOptions.Default, leaveOpen: true);
        foreach (string field in Fields)
        {
            writer.WriteField(field);
        }

        writer.EndRecord();
        foreach (CorpusStatement item in statements)
        {
            ExtractedStatement s = item.Statement;
            writer.WriteField(item.Speaker);
            writer.WriteField(item.Role ?? string.Empty);
            writer.WriteField(s.Text);
            writer.WriteField(Kind(s.Kind));
            writer.WriteField(s.Start.ToString(CultureInfo.InvariantCulture));
            writer.WriteField(s.End.ToString(CultureInfo.InvariantCulture));
            foreach (HeadPrediction? head in new[] { item.Classification.Stance, item.Classification.Sentiment })
            {
                writer.WriteField(head?.Label ?? string.Empty);
                writer.WriteField(head is null ? string.Empty : ClassificationColumns.Number(head.Confidence));
            }

            writer.WriteField(item.Article.Source);
            writer.WriteField(item.Article.Title ?? string.Empty);
            writer.WriteField(Date(item.Article.Date));
            writer.WriteField(item.Article.Outlet ?? string.Empty);
            writer.EndRecord();
        }

        writer.Flush();
    }

    private static void WriteJsonLines(IReadOnlyList<CorpusStatement> statements, TextWriter output)
    {
        using var buffer = new MemoryStream();
        foreach (CorpusStatement item in statements)
        {
            ExtractedStatement s = item.Statement;
            buffer.SetLength(0);
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteString("speaker", item.Speaker);
                WriteOptional(json, "role", item.Role);

                json.WriteString("text", s.Text);
                json.WriteString("kind", Kind(s.Kind));
                json.WriteNumber("start", s.Start);
                json.WriteNumber("end", s.End);
                WriteHead(json, "stance", item.Classification.Stance);
                WriteHead(json, "sentiment", item.Classification.Sentiment);
                json.WriteString("article", item.Article.Source);
                WriteOptional(json, "title", item.Article.Title);
                WriteOptional(json, "date", item.Article.Date is null ? null : Date(item.Article.Date));
                WriteOptional(json, "outlet", item.Article.Outlet);
                json.WriteEndObject();
            }

            output.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        }
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteHead(Utf8JsonWriter json, string name, HeadPrediction? head)
    {
        if (head is null)
        {
            json.WriteNull(name);
            json.WriteNull(name + "_confidence");
            return;
        }

        json.WriteString(name, head.Label);
        json.WriteNumber(name + "_confidence", Math.Round(head.Confidence, 4));
    }

    /// <summary>The statements, then a summary per speaker (what an analyst reads first: who said what, leaning which way).</summary>
    private static void WriteTables(IReadOnlyList<CorpusStatement> statements, IAnsiConsole console)
    {
        if (statements.Count == 0)
        {
            console.WriteLine("No statements found.");
            return;
        }

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("#").RightAligned()).AddColumn("speaker").AddColumn("statement").AddColumn("kind")
            .AddColumn("stance").AddColumn("sentiment");
        for (int i = 0; i < statements.Count; i++)
        {
            ExtractedStatement s = statements[i].Statement;
            table.AddRow(
                (i + 1).ToString(CultureInfo.InvariantCulture),
                Markup.Escape(TerminalText.Safe(statements[i].Speaker)),
                Markup.Escape(TerminalText.Safe(s.Text)),
                Kind(s.Kind),
                Cell(statements[i].Classification.Stance),
                Cell(statements[i].Classification.Sentiment));
        }

        console.Write(table);

        var summary = new Table().Border(TableBorder.Rounded).Title("per speaker")
            .AddColumn("speaker").AddColumn("role").AddColumn(new TableColumn("statements").RightAligned()).AddColumn("stances");
        foreach (SpeakerSummary speaker in ArticleAnalyzer.Summarize(statements.Select(s => new ClassifiedStatement(s.Statement with { Speaker = s.Speaker, Role = s.Role }, s.Classification))))
        {
            summary.AddRow(
                Markup.Escape(TerminalText.Safe(speaker.Speaker)),
                Markup.Escape(TerminalText.Safe(speaker.Role ?? "-")),
                speaker.Statements.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(speaker.DescribeStances()));
        }

        console.Write(summary);
    }

    private static string Cell(HeadPrediction? head) =>
        head is null ? "-" : $"{Markup.Escape(head.Label)} [grey]{ClassificationColumns.Number(head.Confidence)}[/]";

    private static string Kind(StatementKind kind) => kind == StatementKind.Direct ? "direct" : "reported";
}
