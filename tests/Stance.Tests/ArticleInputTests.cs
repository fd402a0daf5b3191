using System.Text;
using Stance.Articles;
using Stance.Tests.Support;

namespace Stance.Tests;

/// <summary>
/// The article inputs: one decoding rule (UTF-8 with or without a byte order mark, UTF-16 only with
/// one, the rest refused naming the file and byte offset), the CSV manifest of metadata, and the
/// expansion of files, folders and standard input.
/// </summary>
public sealed class ArticleInputTests : IDisposable
{
    private const string Text = "“We are ready when they are,” said Petra Lindahl, the envoy.\n";

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("utf-8")]
    [InlineData("utf-8-bom")]
    [InlineData("utf-16le-bom")]
    [InlineData("utf-16be-bom")]
    public void Utf8_with_or_without_a_byte_order_mark_and_utf16_with_one_read_alike(string encoding)
    {
        byte[] bytes = encoding switch
        {
            "utf-8" => Encoding.UTF8.GetBytes(Text),
            "utf-8-bom" => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Text)],
            "utf-16le-bom" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Text)],
            _ => [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(Text)],
        };

        Article article = ArticleReader.Read(_directory.Write("article.txt", bytes));

        Assert.Equal(Text, article.Text);
        Assert.Null(article.Title);
    }

    [Fact]
    public void A_page_in_utf16_with_a_byte_order_mark_is_read_as_a_page()
    {
        string html = File.ReadAllText(Path.Combine(Repository.Root, "tests", "Stance.Tests", "Articles", "html", "plain-meta-date.htm"));

        Article article = ArticleReader.Read(_directory.Write("page.htm", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(html)]));

        Assert.Equal("Tidewater Courier", article.Outlet);
        Assert.StartsWith("WASHINGTON —", article.Text);
    }

    [Theory]
    [InlineData("utf-16 without a byte order mark", 1)]
    [InlineData("binary", 2)]
    [InlineData("invalid utf-8", 9)]
    [InlineData("truncated utf-8", 7)]
    [InlineData("invalid utf-8 after a byte order mark", 6)]
    [InlineData("odd utf-16", 4)]
    [InlineData("unpaired surrogate", 2)]
    public void Other_bytes_are_refused_naming_the_file_and_the_offset(string kind, long offset)
    {
        byte[] bytes = kind switch
        {
            "utf-16 without a byte order mark" => Encoding.Unicode.GetBytes("Talks"),
            "binary" => [0x47, 0x49, 0x00, 0x38, 0x39, 0x61],
            "invalid utf-8" => [.. "Talks in "u8, 0xC3, 0x28, .. " Seoul"u8],
            "truncated utf-8" => [.. "Talks: "u8, 0xE2, 0x80],
            "invalid utf-8 after a byte order mark" => [0xEF, 0xBB, 0xBF, .. "abc"u8, 0xFF],
            "odd utf-16" => [0xFF, 0xFE, 0x41, 0x00, 0x42],
            _ => [0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00],
        };
        string path = _directory.Write("bad.txt", bytes);

        ArticleFormatException error = Assert.Throws<ArticleFormatException>(() => ArticleReader.Read(path));

        Assert.Equal(path, error.Path);
        Assert.Equal(offset, error.Offset);
        Assert.StartsWith(path + ": ", error.Message, StringComparison.Ordinal);
        Assert.Contains($"byte offset {offset}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Standard_input_is_read_from_a_stream_as_dash()
    {
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(Text));

        Article article = ArticleReader.Read(input, ArticleSources.StandardInput);

        Assert.Equal("-", article.Source);
        Assert.Equal(Text, article.Text);
    }

    [Fact]
    public void A_manifest_supplies_metadata_and_wins_over_the_page()
    {
        Directory.CreateDirectory(_directory.File("pages"));
        string pages = Path.Combine(Repository.Root, "tests", "Stance.Tests", "Articles", "html");
        File.Copy(Path.Combine(pages, "no-metadata.html"), _directory.File("pages/varga.html"));
        File.Copy(Path.Combine(pages, "harbour-ledger-geneva-talks.html"), _directory.File("pages/geneva.html"));
        string plain = _directory.Write("plain.txt", Text);
        string manifest = _directory.Write("manifest.csv", """
            title,path,outlet,date
            Negotiator Urges Freeze First,pages/varga.html,The Quarry Review,2026-02-11
            ,pages/geneva.html,Ledger Weekly,
            "Envoy, Ready",plain.txt,,2026-04-01
            """);

        ArticleManifest loaded = ArticleManifest.Load(manifest);
        Article varga = ArticleReader.Read(_directory.File("pages/varga.html"), loaded);
        Article geneva = ArticleReader.Read(_directory.File("pages/geneva.html"), loaded);
        Article text = ArticleReader.Read(plain, loaded);

        Assert.Equal(("Negotiator Urges Freeze First", new DateOnly(2026, 2, 11), "The Quarry Review"), (varga.Title, varga.Date, varga.Outlet));
        Assert.Equal(("Envoy Proposes Geneva Meeting as Allies Split Over Sequencing", new DateOnly(2026, 3, 14), "Ledger Weekly"), (geneva.Title, geneva.Date, geneva.Outlet));
        Assert.Equal(("Envoy, Ready", new DateOnly(2026, 4, 1), (string?)null), (text.Title, text.Date, text.Outlet));
        Assert.Equal([_directory.File("pages/varga.html"), _directory.File("pages/geneva.html"), plain], loaded.Articles);
        Assert.Null(loaded.For(_directory.Write("other.txt", Text)));
    }

    [Fact]
    public void A_manifest_with_only_a_path_and_a_date_column_is_enough()
    {
        string plain = _directory.Write("a.txt", Text);
        string manifest = _directory.Write("m.csv", "path,date\na.txt,2026-06-30\n");

        Article article = ArticleReader.Read(plain, ArticleManifest.Load(manifest));

        Assert.Equal(new DateOnly(2026, 6, 30), article.Date);
        Assert.Null(article.Outlet);
    }

    [Theory]
    [InlineData("path,headline\na.txt,Talks\n", 1, "headline", "unknown column")]
    [InlineData("date,title\n2026-01-01,Talks\n", 1, null, "no path column")]
    [InlineData("path,date\na.txt,14/03/2026\n", 2, "date", "not yyyy-MM-dd")]
    [InlineData("path,Date\na.txt,14/03/2026\n", 2, "Date", "not yyyy-MM-dd")]
    [InlineData("path,date\na.txt,2026-01-01\n\nb.txt,2026-01-02\na.txt,2026-01-03\n", 5, "path", "listed twice")]
    [InlineData("path,date\n,2026-01-01\n", 2, "path", "without a path")]
    public void A_broken_manifest_is_refused_naming_the_line_and_column(string csv, int line, string? column, string reason)
    {
        string manifest = _directory.Write("m.csv", csv);

        ArticleManifestException error = Assert.Throws<ArticleManifestException>(() => ArticleManifest.Load(manifest));

        Assert.Equal(line, error.Line);
        Assert.Equal(column, error.Column);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.StartsWith(column is null ? $"{manifest}:{line}: " : $"{manifest}:{line} (column '{column}'): ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_manifest_is_read_by_the_projects_csv_reader_with_its_errors()
    {
        string manifest = _directory.Write("m.csv", "path,date,title\na.txt,2026-01-01,\"Talks, again\"\nb.txt,2026-01-02,One,extra\n");

        ArticleManifestException error = Assert.Throws<ArticleManifestException>(() => ArticleManifest.Load(manifest));

        Assert.Equal(3, error.Line);
        Assert.IsType<Stance.IO.Csv.CsvInputException>(error.InnerException);
        Assert.Contains("the record has 4 fields where the header has 3", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Folders_expand_recursively_in_ordinal_order_to_article_files_only_skipping_hidden_ones()
    {
        foreach (string name in new[] { "b.txt", "a.html", "Z.htm", "c.text", "notes.md", "image.png", ".hidden.txt", ".git/inside.txt", "sub/d.txt", "sub/.draft.html", "sub/deeper/e.HTML" })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_directory.File(name))!);
            _directory.Write(name, Text);
        }

        IReadOnlyList<string> articles = ArticleSources.Expand([_directory.Path]);

        Assert.Equal(
            new[] { "Z.htm", "a.html", "b.txt", "c.text", "sub/d.txt", "sub/deeper/e.HTML" }.Select(_directory.File),
            articles);
    }

    [Fact]
    public void Files_are_taken_as_named_standard_input_once_and_nothing_twice()
    {
        string notes = _directory.Write("notes.md", Text);
        string a = _directory.Write("a.txt", Text);
        Directory.CreateDirectory(_directory.File("more"));
        string b = _directory.Write("more/b.txt", Text);

        IReadOnlyList<string> articles = ArticleSources.Expand([notes, "-", a, _directory.File("more"), "-", a, b]);

        Assert.Equal([notes, "-", a, b], articles);
    }

    [Fact]
    public void A_missing_input_is_refused_by_name()
    {
        string missing = _directory.File("missing.txt");

        FileNotFoundException error = Assert.Throws<FileNotFoundException>(() => ArticleSources.Expand([missing]));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }
}
