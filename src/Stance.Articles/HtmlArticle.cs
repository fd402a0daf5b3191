using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Stance.Articles;

/// <summary>
/// Reads a saved news page: the metadata from its head (<see cref="PageMetadata"/>), the main text
/// found by SmartReader (a port of Mozilla Readability), turned into plain text with every block its
/// own paragraph, so that the quote extractor's paragraph rules (headings, quotations running over a
/// paragraph break) work as on a plain-text article.
/// </summary>
/// <remarks>
/// Nothing is fetched: the page is parsed by AngleSharp without a loader (no scripts, styles, images
/// or frames are requested) and handed to SmartReader as a parsed document, so SmartReader does not
/// download it either.
/// </remarks>
internal static class HtmlArticle
{
    /// <summary>Elements whose text is never part of the article: scripts, navigation, forms, captions and the like.</summary>
    private const string Boilerplate = "script, style, noscript, template, nav, form, button, select, iframe, svg, figure, figcaption, aside, footer";

    /// <summary>Elements whose text is a paragraph of its own.</summary>
    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt", "td", "th", "div", "section",
        "article", "main", "header", "ul", "ol", "dl", "table", "tr", "hr", "address", "details", "summary",
    };

    public static Article Read(string html, string source)
    {
        var parser = new HtmlParser();
        IHtmlDocument document = parser.ParseDocument(html);
        PageMetadata metadata = PageMetadata.Read(document);

        // SmartReader rearranges the document it reads: the whole page's text comes from a fresh parse.
        string text = MainText(parser, document, source) ?? PageText(parser.ParseDocument(html));
        return new Article(text, metadata.Title, metadata.Date, metadata.Outlet, source);
    }

    /// <summary>The text of the page's main content by SmartReader, or null when it finds none.</summary>
    private static string? MainText(HtmlParser parser, IHtmlDocument document, string source)
    {
        SmartReader.Article found;
        try
        {
            found = new SmartReader.Reader(BaseUri(source), document).GetArticle();
        }
        catch (Exception exception) when (exception is InvalidOperationException or ArgumentException or NullReferenceException or FormatException)
        {
            return null; // SmartReader gives up on some odd pages: the whole page's text is read instead
        }

        // A short article is "not readable" by Readability's length threshold, but its content is still the best guess.
        if (string.IsNullOrWhiteSpace(found.Content))
        {
            return null;
        }

        IHtmlDocument content = parser.ParseDocument("<!DOCTYPE html><html><body>" + found.Content + "</body></html>");
        string text = BlockText(content.Body!);
        return text.Length > 0 ? text : null;
    }

    /// <summary>The text of the whole page less its navigation, header, footer and asides, for a page SmartReader finds no article in.</summary>
    private static string PageText(IHtmlDocument document)
    {
        if (document.Body is not { } body)
        {
            return string.Empty;
        }

        foreach (IElement element in body.QuerySelectorAll("header").ToList())
        {
            element.Remove();
        }

        return BlockText(body);
    }

    /// <summary>
    /// The text of an element, each block element its own paragraph (separated by a blank line), a
    /// single <c>&lt;br&gt;</c> a line break inside one, white space runs inside a paragraph made one
    /// space; boilerplate elements are left out.
    /// </summary>
    internal static string BlockText(IElement root)
    {
        foreach (IElement element in root.QuerySelectorAll(Boilerplate).ToList())
        {
            element.Remove();
        }

        var paragraphs = new List<string>();
        var current = new StringBuilder();
        void Close()
        {
            string paragraph = string.Join('\n', current.ToString().Split('\n').Select(line => PageMetadata.Clean(line)).Where(line => line is not null));
            if (paragraph.Length > 0)
            {
                paragraphs.Add(paragraph);
            }

            current.Clear();
        }

        void Walk(INode node)
        {
            foreach (INode child in node.ChildNodes)
            {
                switch (child)
                {
                    case IText text:
                        current.Append(text.Data);
                        break;
                    case IElement { LocalName: "br" }:
                        if (current.Length > 0 && current[^1] == '\n')
                        {
                            Close(); // two line breaks in a row end a paragraph
                        }
                        else
                        {
                            current.Append('\n');
                        }

                        break;
                    case IElement element when Blocks.Contains(element.LocalName):
                        Close();
                        Walk(element);
                        Close();
                        break;
                    case IElement element:
                        Walk(element);
                        break;
                }
            }
        }

        Walk(root);
        Close();
        return string.Join("\n\n", paragraphs);
    }

    /// <summary>The address SmartReader resolves the page's relative links against: the file itself (nothing is fetched from it).</summary>
    private static string BaseUri(string source) =>
        source == ArticleSources.StandardInput ? "file:///dev/stdin" : new Uri(Path.GetFullPath(source)).AbsoluteUri;
}
