using System.CommandLine;
using Spectre.Console;
using Stance.Articles;
using Stance.Cli.Output;
using Stance.Extraction;

namespace Stance.Cli.Commands;

/// <summary>The articles a command read, and the inputs it could not read (each reported and skipped).</summary>
internal sealed record ArticleBatch(IReadOnlyList<ExtractedArticle> Articles, int Failed);

/// <summary>
/// The article inputs of <c>extract</c> and <c>report</c>: files, folders (recursively) and <c>-</c>,
/// plain text or saved HTML pages, with an optional <c>--manifest</c>; each read and its statements
/// extracted, with a progress bar over the files on a terminal. A file that cannot be read is reported
/// on one line naming it and skipped; the run goes on.
/// </summary>
internal static class ArticleInputs
{
    public static Argument<string[]> Argument(string description) => new("inputs")
    {
        Description = description,
        Arity = ArgumentArity.OneOrMore,
    };

    public static Option<string?> Manifest() => new("--manifest")
    {
        Description = "A CSV file with the columns path,date,outlet,title (any subset besides path; paths relative to the manifest) giving each article's metadata; it wins over the page's own.",
    };

    /// <summary>The path shown for an input: relative to the working directory when inside it.</summary>
    public static string Display(string path, CliConsole console)
    {
        if (path == ArticleSources.StandardInput)
        {
            return path;
        }

        string relative = Path.GetRelativePath(console.WorkingDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }

    /// <summary>Expands, reads and extracts the inputs; throws only for a missing input or a broken manifest (nothing read yet).</summary>
    public static ArticleBatch Read(IReadOnlyList<string> inputs, string? manifestPath, CliConsole console, bool quiet, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> paths;
        ArticleManifest? manifest;
        try
        {
            paths = ArticleSources.Expand(inputs.Select(i => i == ArticleSources.StandardInput ? i : console.Resolve(i)));
            manifest = manifestPath is null ? null : ArticleManifest.Load(console.Resolve(manifestPath));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or ArticleManifestException or ArticleFormatException)
        {
            throw new StanceException(Relative(e.Message, console));
        }

        if (paths.Count == 0)
        {
            throw new StanceException($"{string.Join(", ", inputs)}: no articles (.txt, .text, .html, .htm) found");
        }

        var articles = new List<ExtractedArticle>();
        int failed = 0;
        void ReadAll(Action<double>? advance)
        {
            for (int i = 0; i < paths.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                string name = Display(paths[i], console);
                string shown = name == ArticleSources.StandardInput ? "standard input" : name;
                try
                {
                    Article article = paths[i] == ArticleSources.StandardInput
                        ? ArticleReader.Read(console.Input, ArticleSources.StandardInput)
                        : ArticleReader.Read(paths[i], manifest);
                    article = article with { Source = name };
                    if (string.IsNullOrWhiteSpace(article.Text))
                    {
                        throw new IOException($"{shown}: empty input; no article text to extract statements from");
                    }

                    articles.Add(new ExtractedArticle(article, QuoteExtractor.Extract(article.Text, null, cancellationToken)));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArticleFormatException)
                {
                    string message = Relative(e.Message.ReplaceLineEndings(" "), console);
                    message = message.StartsWith(name, StringComparison.Ordinal) || message.StartsWith(shown, StringComparison.Ordinal) ? message : $"{shown}: {message}";
                    if (paths.Count == 1)
                    {
                        // One article: its failure is the command's error.
                        throw new StanceException(message);
                    }

                    failed++;
                    console.Error.WriteLine($"stance: warning: {message}; skipped");
                }

                advance?.Invoke((i + 1) / (double)paths.Count);
            }
        }

        if (console.ErrorIsTerminal && !quiet && paths.Count > 1)
        {
            Terminal.Error(console).Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .Start(context =>
                {
                    ProgressTask task = context.AddTask($"{paths.Count} articles", maxValue: 1.0);
                    ReadAll(value => task.Value = value);
                });
        }
        else
        {
            ReadAll(null);
        }

        return new ArticleBatch(articles, failed);
    }

    private static string Relative(string message, CliConsole console) =>
        message.Replace(console.WorkingDirectory.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, string.Empty, StringComparison.Ordinal);
}
