namespace Stance.Articles;

/// <summary>
/// Reads an article from a file, bytes or standard input: plain text, or a saved HTML news page,
/// told apart by content (a page that starts with a doctype, <c>&lt;html&gt;</c>, <c>&lt;head&gt;</c> or
/// <c>&lt;body&gt;</c>, whatever its name; a .html/.htm file that starts with a tag), not by extension alone.
/// </summary>
/// <remarks>
/// <para>
/// One decoding rule for every article: UTF-8 with or without a byte order mark; UTF-16 little or big
/// endian only with a byte order mark. UTF-16 without a byte order mark, other binary data (NUL bytes)
/// and invalid UTF-8 are refused with an <see cref="ArticleFormatException"/> naming the file and the byte offset.
/// </para>
/// <para>
/// Plain text is returned as decoded (a byte order mark dropped), without title, date or outlet. A
/// page gives its main text, by SmartReader, and its title, date and outlet from its metadata; nothing
/// is ever fetched from the network. A <see cref="ArticleManifest"/> passed in fills in, and overrides,
/// the metadata.
/// </para>
/// </remarks>
public static class ArticleReader
{
    private static readonly string[] PageStarts = ["<!doctype html", "<html", "<head", "<body"];

    /// <summary>Reads the article in the file at <paramref name="path"/>, or standard input for <c>-</c>.</summary>
    /// <param name="manifest">Metadata for the file that overrides the page's, when the manifest lists it.</param>
    /// <exception cref="ArticleFormatException">When the bytes are not text by the decoding rule.</exception>
    /// <exception cref="FileNotFoundException">When there is no such file.</exception>
    public static Article Read(string path, ArticleManifest? manifest = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path == ArticleSources.StandardInput)
        {
            using Stream input = Console.OpenStandardInput();
            return Apply(Read(input, path), manifest);
        }

        return Apply(Read(File.ReadAllBytes(path), path), manifest);
    }

    /// <summary>Reads an article from a stream (read to its end).</summary>
    /// <param name="source">The name to give it in <see cref="Article.Source"/> and in errors: its path, or <c>-</c>.</param>
    public static Article Read(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Read(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), source);
    }

    /// <summary>Reads an article from its bytes.</summary>
    /// <param name="source">The name to give it in <see cref="Article.Source"/> and in errors: its path, or <c>-</c>.</param>
    public static Article Read(ReadOnlySpan<byte> bytes, string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        string text = TextDecoding.Decode(bytes, source);
        return IsHtml(text, source) ? HtmlArticle.Read(text, source) : new Article(text, null, null, null, source);
    }

    /// <summary>Whether the text is an HTML page: by its start, or, for a .html or .htm file, by starting with a tag.</summary>
    internal static bool IsHtml(string text, string source)
    {
        ReadOnlySpan<char> start = SkipPreamble(text.AsSpan());
        foreach (string page in PageStarts)
        {
            if (start.StartsWith(page, StringComparison.OrdinalIgnoreCase)
                && (start.Length == page.Length || char.IsWhiteSpace(start[page.Length]) || start[page.Length] is '>' or '/'))
            {
                return true;
            }
        }

        string extension = Path.GetExtension(source);
        bool htmlName = extension.Equals(".html", StringComparison.OrdinalIgnoreCase) || extension.Equals(".htm", StringComparison.OrdinalIgnoreCase);
        return htmlName && start.Length > 1 && start[0] == '<' && char.IsLetter(start[1]);
    }

    /// <summary>Skips white space, an XML declaration and comments before the first tag.</summary>
    private static ReadOnlySpan<char> SkipPreamble(ReadOnlySpan<char> text)
    {
        while (true)
        {
            text = text.TrimStart();
            int end;
            if (text.StartsWith("<!--", StringComparison.Ordinal) && (end = text.IndexOf("-->", StringComparison.Ordinal)) >= 0)
            {
                text = text[(end + 3)..];
            }
            else if (text.StartsWith("<?xml", StringComparison.OrdinalIgnoreCase) && (end = text.IndexOf("?>", StringComparison.Ordinal)) >= 0)
            {
                text = text[(end + 2)..];
            }
            else
            {
                return text;
            }
        }
    }

    private static Article Apply(Article article, ArticleManifest? manifest) => manifest is null ? article : manifest.Apply(article);
}
