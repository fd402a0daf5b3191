using Stance.IO.Csv;

namespace Stance.Articles;

/// <summary>What a manifest says about one article; a field it leaves empty is null.</summary>
public sealed record ArticleMetadata(DateOnly? Date, string? Outlet, string? Title);

/// <summary>
/// A CSV file that gives the date, outlet and title of articles: a header row with <c>path</c> and any
/// of <c>date</c>, <c>outlet</c>, <c>title</c> (in any order, ignoring case), then one row per article,
/// its path relative to the manifest's folder (or absolute), its date as <c>yyyy-MM-dd</c>.
/// </summary>
/// <remarks>
/// The manifest is the user's explicit statement about an article, so it wins: a field the manifest
/// gives replaces the page's own metadata, and a field it leaves empty keeps the page's. The manifest is
/// decoded by the articles' rule (UTF-8, UTF-16 only with a byte order mark). An unknown column, a
/// row without a path, a bad date or a path listed twice is refused with an
/// <see cref="ArticleManifestException"/> naming the manifest and the line.
/// </remarks>
public sealed class ArticleManifest
{
    private static readonly string[] Columns = ["path", "date", "outlet", "title"];

    private readonly Dictionary<string, ArticleMetadata> _byPath;

    private ArticleManifest(string path, Dictionary<string, ArticleMetadata> byPath, IReadOnlyList<string> articles)
    {
        Path = path;
        _byPath = byPath;
        Articles = articles;
    }

    /// <summary>The manifest file.</summary>
    public string Path { get; }

    /// <summary>The full paths of the articles it lists, in its order.</summary>
    public IReadOnlyList<string> Articles { get; }

    /// <summary>Reads the manifest at <paramref name="path"/>.</summary>
    /// <exception cref="ArticleManifestException">When the manifest breaks the format.</exception>
    /// <exception cref="ArticleFormatException">When its bytes are not text.</exception>
    public static ArticleManifest Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        var byPath = new Dictionary<string, ArticleMetadata>(StringComparer.Ordinal);
        var articles = new List<string>();
        try
        {
            // The project's one CSV reader: the same RFC 4180 rules, text rule and errors as every
            // other CSV file Stance reads.
            using CsvTableReader csv = CsvTableReader.Open(path, CsvFormat.Default);
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int i = 0; i < csv.Columns.Count; i++)
            {
                string column = csv.Columns[i].Trim().ToLowerInvariant();
                if (!Columns.Contains(column))
                {
                    throw new ArticleManifestException(path, 1, $"unknown column \"{csv.Columns[i]}\" (the columns are path, date, outlet and title)", csv.Columns[i]);
                }

                if (!index.TryAdd(column, i))
                {
                    throw new ArticleManifestException(path, 1, $"the column \"{column}\" twice", csv.Columns[i]);
                }
            }

            if (!index.ContainsKey("path"))
            {
                throw new ArticleManifestException(path, 1, "no path column");
            }

            while (csv.Read())
            {
                int line = (int)csv.Line;
                string Header(string column) => csv.Columns[index[column]];
                string? Field(string column) =>
                    index.TryGetValue(column, out int i) && csv.GetString(i).Trim() is { Length: > 0 } value ? value : null;

                if (index.Keys.All(column => Field(column) is null))
                {
                    continue;
                }

                string article = Field("path") ?? throw new ArticleManifestException(path, line, "a row without a path", Header("path"));
                DateOnly? date = null;
                if (Field("date") is { } written)
                {
                    date = PageMetadata.ParseDate(written) is { } parsed && written.Length == 10
                        ? parsed
                        : throw new ArticleManifestException(path, line, $"the date \"{written}\" is not yyyy-MM-dd", Header("date"));
                }

                string full = System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, article));
                if (!byPath.TryAdd(full, new ArticleMetadata(date, Field("outlet"), Field("title"))))
                {
                    throw new ArticleManifestException(path, line, $"\"{article}\" is listed twice", Header("path"));
                }

                articles.Add(full);
            }
        }
        catch (CsvInputException e)
        {
            throw new ArticleManifestException(e.Message, e) { Line = (int)Math.Max(1, e.Line), Path = path };
        }

        return new ArticleManifest(path, byPath, articles);
    }

    /// <summary>What the manifest says about the article at <paramref name="articlePath"/>, or null when it does not list it.</summary>
    public ArticleMetadata? For(string articlePath)
    {
        ArgumentNullException.ThrowIfNull(articlePath);
        return articlePath == ArticleSources.StandardInput ? null : _byPath.GetValueOrDefault(System.IO.Path.GetFullPath(articlePath));
    }

    /// <summary>The article with the manifest's fields in place of its own (the manifest wins; its empty fields keep the article's).</summary>
    public Article Apply(Article article)
    {
        ArgumentNullException.ThrowIfNull(article);
        return For(article.Source) is { } metadata
            ? article with { Date = metadata.Date ?? article.Date, Outlet = metadata.Outlet ?? article.Outlet, Title = metadata.Title ?? article.Title }
            : article;
    }
}

/// <summary>
/// A manifest that breaks its format; the message is one line naming the manifest, the line and the
/// column, in the form of every other CSV error (<c>PATH:LINE (column 'C'): reason</c>).
/// </summary>
public sealed class ArticleManifestException : Exception
{
    public ArticleManifestException()
        : this("-", 0, "not a manifest")
    {
    }

    public ArticleManifestException(string message)
        : this("-", 0, message)
    {
    }

    public ArticleManifestException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = "-";
    }

    public ArticleManifestException(string path, int line, string reason, string? column = null)
        : base(CsvInputException.Format(path, line, column, reason))
    {
        Path = path;
        Line = line;
        Column = column;
    }

    /// <summary>The manifest's column at fault (as its header writes it), or null.</summary>
    public string? Column { get; init; }

    /// <summary>The manifest file.</summary>
    public string Path { get; init; }

    /// <summary>The line of the manifest (1 is the header).</summary>
    public int Line { get; init; }
}
