using System.Text.Json;
using System.Text.RegularExpressions;
using Stance.Tests.Support;

namespace Stance.Tests;

/// <summary><c>stance report</c>: the aggregates (speakers, periods, outlets, changes) and a self-contained HTML page.</summary>
[Collection(SmallModelCollection.Name)]
public sealed partial class ReportCommandTests(SmallModelFixture model) : IDisposable
{
    private const string Statements = """
        speaker,role,text,stance,stance_confidence,sentiment,date,article,outlet
        Ana Lund,envoy,Talks are the way,pro-engagement,0.9,positive,2026-01-05,a.txt,The Ledger
        Ana Lund,,Keep the channel open,pro-engagement,0.7,neutral,2026-01-20,a.txt,The Ledger
        Ana Lund,special envoy,Sanctions must bite now,pro-pressure,0.8,negative,2026-03-02,b.txt,The Sentinel
        Colin Ashby,Senator,No relief before dismantlement,pro-pressure,0.6,negative,2026-01-07,a.txt,The Ledger
        Colin Ashby,Senator,They will never give it up,skeptical,0.5,negative,,c.txt,
        """;

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Json_aggregates_speakers_months_outlets_and_the_speakers_who_changed_stance()
    {
        string csv = _directory.Write("statements.csv", Statements);

        CommandLine.Result result = CommandLine.Run(_directory.Path, "report", csv, "--format", "json", "--period", "month", "--out", "-", "--quiet");

        Assert.Equal(0, result.ExitCode);
        using JsonDocument json = JsonDocument.Parse(result.Output);
        JsonElement root = json.RootElement;
        Assert.Equal(5, root.GetProperty("statements").GetInt32());
        Assert.Equal(1, root.GetProperty("undated").GetInt32());
        Assert.Equal("month", root.GetProperty("period").GetString());
        JsonElement lund = root.GetProperty("speakers")[0];
        Assert.Equal("Ana Lund", lund.GetProperty("name").GetString());
        Assert.Equal("special envoy", lund.GetProperty("role").GetString());
        Assert.Equal(3, lund.GetProperty("statements").GetInt32());
        Assert.Equal(0.6667, lund.GetProperty("shares").GetProperty("pro-engagement").GetDouble());
        Assert.Equal(0.8, lund.GetProperty("mean_confidence").GetDouble(), 4);
        Assert.Equal("2026-01-05", lund.GetProperty("first_date").GetString());
        Assert.Equal("2026-03-02", lund.GetProperty("last_date").GetString());
        Assert.Equal(["2026-01", "2026-03"], root.GetProperty("periods").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        Assert.Equal([3, 1], root.GetProperty("periods").EnumerateArray().Select(p => p.GetProperty("statements").GetInt32()));
        Assert.Equal(["The Ledger", "(no outlet)", "The Sentinel"], root.GetProperty("outlets").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        JsonElement change = Assert.Single(root.GetProperty("changes").EnumerateArray());
        Assert.Equal("Ana Lund", change.GetProperty("speaker").GetString());
        Assert.Equal("2026-01", change.GetProperty("from_period").GetString());
        Assert.Equal("pro-engagement", change.GetProperty("from_stance").GetString());
        Assert.Equal("pro-pressure", change.GetProperty("to_stance").GetString());
    }

    [Fact]
    public void Csv_aggregates_have_one_row_per_speaker_period_outlet_and_change()
    {
        string csv = _directory.Write("statements.csv", Statements);
        string output = _directory.File("aggregates.csv");

        CommandLine.Result result = CommandLine.Run(_directory.Path, "report", csv, "--format", "csv", "--period", "week", "--out", output, "--quiet");

        Assert.Equal(0, result.ExitCode);
        List<Dictionary<string, string>> rows = ExtractManyArticlesTests.Rows(File.ReadAllText(output));
        Assert.Equal(2, rows.Count(r => r["section"] == "speaker"));
        Assert.Equal(["2026-W02", "2026-W04", "2026-W10"], rows.Where(r => r["section"] == "week").Select(r => r["name"]));
        Assert.Equal(3, rows.Count(r => r["section"] == "outlet"));
        Assert.Equal(["2026-W04 pro-engagement 2026-W10 pro-pressure"], rows.Where(r => r["section"] == "change").Select(r => $"{r["from_period"]} {r["from_stance"]} {r["to_period"]} {r["to_stance"]}"));
        Assert.Equal("0.5", rows.Single(r => r["section"] == "speaker" && r["name"] == "Colin Ashby")["share_pro-pressure"]);
    }

    [Fact]
    public void Html_from_articles_is_self_contained_with_charts_tables_and_every_extracted_statement()
    {
        Directory.CreateDirectory(_directory.File("articles"));
        _directory.Write("articles/a.txt", ExtractManyArticlesTests.First);
        _directory.Write("articles/b.html", ExtractManyArticlesTests.Page);
        string manifest = _directory.Write("manifest.csv", "path,date,outlet\narticles/a.txt,2026-02-01,The Northgate Sentinel\n");
        string output = _directory.File("report.html");

        CommandLine.Result report = CommandLine.Run(_directory.Path, "report", "articles", "--manifest", manifest, "--out", output, "--model", model.ModelPath, "--quiet");
        CommandLine.Result extract = CommandLine.Run(_directory.Path, "extract", "articles", "--manifest", manifest, "--model", model.ModelPath, "--format", "csv");

        Assert.Equal(0, report.ExitCode);
        string html = File.ReadAllText(output);
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.DoesNotMatch(ExternalResource(), html);
        Assert.Contains("<svg id=\"chart-time\"", html);
        Assert.Contains("<svg id=\"chart-outlets\"", html);
        Assert.Contains("id=\"speakers-table\"", html);
        int rows = Regex.Matches(html, "<tr data-speaker=").Count;
        Assert.Equal(ExtractManyArticlesTests.Rows(extract.Output).Count, rows);
        Assert.Contains("<a href=\"articles/b.html\">Envoy Pushes for Talks (The Harbour Ledger)</a>", html);
        Assert.Empty(Directory.GetFiles(_directory.Path, "*.tmp"));
    }

    [Fact]
    public void A_bad_date_in_a_statements_csv_names_the_line_and_column_and_writes_nothing()
    {
        string csv = _directory.Write("statements.csv", "speaker,text,stance,date\nAna Lund,Talks now,pro-engagement,05/01/2026\n");
        string output = _directory.File("report.html");

        CommandLine.Result result = CommandLine.Run(_directory.Path, "report", csv, "--out", output, "--quiet");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("statements.csv:2 (column 'date'): \"05/01/2026\" is not a date (yyyy-MM-dd)", result.Error);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Mixing_articles_and_csv_files_is_a_usage_error()
    {
        CommandLine.Result result = CommandLine.Run(_directory.Path, "report", "a.txt", "b.csv", "--out", _directory.File("r.html"));

        Assert.Equal(2, result.ExitCode);
    }

    [GeneratedRegex("<(script|link|img|iframe)[^>]+(src|href)=\"(https?:)?//", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalResource();
}
