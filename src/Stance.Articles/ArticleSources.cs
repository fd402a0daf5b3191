namespace Stance.Articles;

/// <summary>Turns the inputs a user names (files, folders, <c>-</c>) into the articles to read, in a fixed order.</summary>
public static class ArticleSources
{
    /// <summary>The input that stands for standard input.</summary>
    public const string StandardInput = "-";

    /// <summary>The extensions of the files taken from a folder (ignoring case).</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".txt", ".text", ".html", ".htm"];

    /// <summary>
    /// The articles named by <paramref name="inputs"/>, in order: a file as given (whatever its
    /// extension: it was named); a folder's articles, recursively, sorted by path (ordinal, so the order
    /// is the same on every machine), only .txt, .text, .html and .htm files, hidden files and folders
    /// (a name starting with a dot, or marked hidden) skipped; <c>-</c> for standard input, once however
    /// often it is named. A file named twice (directly or through a folder) is read once, where first named.
    /// </summary>
    /// <exception cref="FileNotFoundException">When an input is neither a file, a folder nor <c>-</c>.</exception>
    public static IReadOnlyList<string> Expand(IEnumerable<string> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var articles = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string input in inputs)
        {
            if (input == StandardInput)
            {
                if (seen.Add(StandardInput))
                {
                    articles.Add(StandardInput);
                }
            }
            else if (File.Exists(input))
            {
                Add(input);
            }
            else if (Directory.Exists(input))
            {
                foreach (string file in FolderArticles(input))
                {
                    Add(file);
                }
            }
            else
            {
                throw new FileNotFoundException($"{input}: no such file or folder", input);
            }
        }

        return articles;

        void Add(string path)
        {
            if (seen.Add(Path.GetFullPath(path)))
            {
                articles.Add(path);
            }
        }
    }

    private static IEnumerable<string> FolderArticles(string folder)
    {
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
            IgnoreInaccessible = true,
            MatchType = MatchType.Simple,
        };
        return Directory.EnumerateFiles(folder, "*", options)
            .Where(file => Extensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
            .Where(file => !IsHidden(Path.GetRelativePath(folder, file)))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Whether a file or one of the folders on its way from the folder named is hidden by name (a leading dot).</summary>
    private static bool IsHidden(string relative) =>
        relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Any(part => part.StartsWith('.') && part is not "." and not "..");
}
