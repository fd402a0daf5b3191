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
internal sealed record ExtractOptions(string File, string ModelPath, string Format, bool Verbose);

/// <summary>
/// <c>stance extract</c>: finds the attributed statements of an article (direct quotes and reported
/// speech, each with its speaker and role) and classifies each, because analysts have articles, not CSVs.
/// </summary>
internal sealed class ExtractCommand : StanceCommand<ExtractOptions>
{
    /// <summary>The CSV and JSONL fields, in order; <c>text</c> is the statement, so the output can be fed to classify and evaluate.</summary>
    public static readonly IReadOnlyList<string> Fields =
        ["speaker", "role", "text", "kind", "start", "end", "stance", "stance_confidence", "sentiment", "sentiment_confidence"];

    private readonly Argument<string> _file = new("file") { Description = "The article: a plain UTF-8 text file, or - for standard input." };
    private readonly Option<string?> _model;
    private readonly Option<string> _format = CommonOptions.Format("table", "table", "csv", "jsonl");

    public ExtractCommand(CliConsole console)
        : base(
            "extract",
            "Extract every statement of an article (quotes and reported speech, with speaker and role) and classify each by stance and sentiment.",
            console,
            "stance extract article.txt",
            "stance extract article.txt --format csv > statements.csv && stance evaluate --data statements.csv",
            "curl -s https://example.org/story.txt | stance extract - --format jsonl")
    {
        _model = CommonOptions.Model(console);
        Add(_file);
        Add(_model);
        Add(_format);
    }

    protected override ExtractOptions Bind(ParseResult parse) =>
        new(parse.GetValue(_file)!, ModelLocator.Locate(parse.GetValue(_model), Console), parse.GetValue(_format)!, parse.GetValue(StanceCli.Verbose));

    public override int Run(ExtractOptions options, CancellationToken cancellationToken)
    {
        string article = ReadArticle(options.File, Console);
        using StanceClassifier classifier = ModelLocator.Load(options.ModelPath, Console, options.Verbose);
        IReadOnlyList<ClassifiedStatement> classified = ArticleAnalyzer.Analyze(classifier, article, cancellationToken).Statements;
        switch (options.Format)
        {
            case "csv":
                WriteCsv(classified, Console.Out);
                break;
            case "jsonl":
                WriteJsonLines(classified, Console.Out);
                break;
            default:
                WriteTables(classified, Terminal.Out(Console));
                break;
        }

        return StanceCli.Success;
    }

    /// <summary>
    /// Reads the article as UTF-8 text. Binary input (a NUL byte), text that is not UTF-8, and empty
    /// input are refused with one line naming the file, rather than extracting nothing from garbage.
    /// </summary>
    public static string ReadArticle(string argument, CliConsole console)
    {
        string text;
        string name;
        if (argument == "-")
        {
            name = "standard input";
            using var buffer = new MemoryStream();
            console.Input.CopyTo(buffer);
            text = Decode(buffer.ToArray(), name);
        }
        else
        {
            name = argument;
            string path = console.Resolve(argument);
            if (!File.Exists(path))
            {
                throw new StanceException($"{argument}: file not found");
            }

            byte[] bytes = File.ReadAllBytes(path);
            text = Decode(bytes, argument);
        }

        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw new StanceException($"{name}: empty input; extract needs an article as plain UTF-8 text");
        }

        return text;
    }

    private static string Decode(byte[] bytes, string name)
    {
        // One rule with classify: UTF-16 only with its byte order mark.
        if (TextInput.DecodeUtf16WithBom(bytes, name) is { } utf16)
        {
            return utf16;
        }

        int nul = Array.IndexOf(bytes, (byte)0);
        if (nul >= 0)
        {
            throw new StanceException(TextInput.LooksLikeUtf16WithoutBom(bytes.AsSpan(0, Math.Min(bytes.Length, 512)))
                ? $"{name}: looks like UTF-16 text without a byte order mark; save it as UTF-8"
                : $"{name}: binary file (NUL byte at offset {nul}); extract reads plain UTF-8 text");
        }

        char[] buffer = ArrayPool<char>.Shared.Rent(bytes.Length + 1);
        try
        {
            OperationStatus status = Utf8.ToUtf16(bytes, buffer, out int read, out int written, replaceInvalidSequences: false);
            if (status != OperationStatus.Done)
            {
                throw new StanceException($"{name}: not valid UTF-8 text (invalid byte at offset {read}); extract reads plain UTF-8 text");
            }

            return new string(buffer, 0, written);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static void WriteCsv(IReadOnlyList<ClassifiedStatement> statements, TextWriter output)
    {
        using CsvWriter writer = CsvWriter.Create(output, CsvWriterOptions.Default, leaveOpen: true);
        foreach (string field in Fields)
        {
            writer.WriteField(field);
        }

        writer.EndRecord();
        foreach (ClassifiedStatement item in statements)
        {
            ExtractedStatement s = item.Statement;
            writer.WriteField(s.Speaker);
            writer.WriteField(s.Role ?? string.Empty);
            writer.WriteField(s.Text);
            writer.WriteField(Kind(s.Kind));
            writer.WriteField(s.Start.ToString(CultureInfo.InvariantCulture));
            writer.WriteField(s.End.ToString(CultureInfo.InvariantCulture));
            foreach (HeadPrediction? head in new[] { item.Classification.Stance, item.Classification.Sentiment })
            {
                writer.WriteField(head?.Label ?? string.Empty);
                writer.WriteField(head is null ? string.Empty : ClassificationColumns.Number(head.Confidence));
            }

            writer.EndRecord();
        }

        writer.Flush();
    }

    private static void WriteJsonLines(IReadOnlyList<ClassifiedStatement> statements, TextWriter output)
    {
        using var buffer = new MemoryStream();
        foreach (ClassifiedStatement item in statements)
        {
            ExtractedStatement s = item.Statement;
            buffer.SetLength(0);
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteString("speaker", s.Speaker);
                if (s.Role is null)
                {
                    json.WriteNull("role");
                }
                else
                {
                    json.WriteString("role", s.Role);
                }

                json.WriteString("text", s.Text);
                json.WriteString("kind", Kind(s.Kind));
                json.WriteNumber("start", s.Start);
                json.WriteNumber("end", s.End);
                WriteHead(json, "stance", item.Classification.Stance);
                WriteHead(json, "sentiment", item.Classification.Sentiment);
                json.WriteEndObject();
            }

            output.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
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
    private static void WriteTables(IReadOnlyList<ClassifiedStatement> statements, IAnsiConsole console)
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
                Markup.Escape(TerminalText.Safe(s.Speaker)),
                Markup.Escape(TerminalText.Safe(s.Text)),
                Kind(s.Kind),
                Cell(statements[i].Classification.Stance),
                Cell(statements[i].Classification.Sentiment));
        }

        console.Write(table);

        var summary = new Table().Border(TableBorder.Rounded).Title("per speaker")
            .AddColumn("speaker").AddColumn("role").AddColumn(new TableColumn("statements").RightAligned()).AddColumn("stances");
        foreach (SpeakerSummary speaker in ArticleAnalyzer.Summarize(statements))
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
