namespace Stance.Articles;

/// <summary>
/// An article whose bytes are not text by the one decoding rule (UTF-8 with or without a byte order
/// mark, UTF-16 only with one): UTF-16 without a byte order mark, other binary data (NUL bytes) or
/// invalid UTF-8. The message is one line naming the file and the byte offset.
/// </summary>
public sealed class ArticleFormatException : Exception
{
    public ArticleFormatException()
        : this("-", 0, "not a text article")
    {
    }

    public ArticleFormatException(string message)
        : this("-", 0, message)
    {
    }

    public ArticleFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = "-";
    }

    /// <param name="path">The file (or <c>-</c> for standard input).</param>
    /// <param name="offset">The offset in bytes of the first byte that breaks the rule.</param>
    /// <param name="reason">What is wrong, without the file and offset ("invalid UTF-8").</param>
    public ArticleFormatException(string path, long offset, string reason)
        : base($"{path}: {reason} at byte offset {offset}")
    {
        Path = path;
        Offset = offset;
    }

    /// <summary>The file (or <c>-</c> for standard input).</summary>
    public string Path { get; }

    /// <summary>The offset in bytes of the first byte that breaks the decoding rule.</summary>
    public long Offset { get; }
}
