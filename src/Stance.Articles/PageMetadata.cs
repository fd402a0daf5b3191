using System.Globalization;
using System.Text.Json;
using AngleSharp.Dom;

namespace Stance.Articles;

/// <summary>What a saved news page says about itself.</summary>
internal sealed record PageMetadata(string? Title, DateOnly? Date, string? Outlet)
{
    /// <summary>The kinds of schema.org item that are a news article (JSON-LD <c>@type</c>).</summary>
    private static readonly HashSet<string> ArticleTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
        "BackgroundNewsArticle", "ReviewNewsArticle", "BlogPosting", "LiveBlogPosting", "Report",
    };

    /// <summary>
    /// Reads the page's metadata, each field from the first source that has it: Open Graph and the
    /// article meta tags first (<c>og:title</c>, <c>article:published_time</c>, <c>og:site_name</c>), then
    /// the JSON-LD NewsArticle (<c>headline</c>, <c>datePublished</c>, <c>publisher.name</c>), then the plain
    /// meta tags (<c>&lt;meta name="date"&gt;</c>, <c>pubdate</c>, <c>application-name</c>, ...), then the
    /// page itself (<c>&lt;time datetime&gt;</c>, <c>&lt;h1&gt;</c>, <c>&lt;title&gt;</c> without the outlet after a separator).
    /// </summary>
    public static PageMetadata Read(IDocument document)
    {
        JsonLdArticle jsonLd = JsonLdArticle.Read(document);
        string? outlet = First(
            Meta(document, "og:site_name"),
            jsonLd.Publisher,
            Meta(document, "application-name"),
            Meta(document, "publisher"));
        string? title = First(
            Meta(document, "og:title"),
            jsonLd.Headline,
            Meta(document, "twitter:title"),
            Meta(document, "title"),
            Clean(document.QuerySelector("article h1, main h1, h1")?.TextContent),
            TitleWithoutOutlet(document.Title, outlet));
        DateOnly? date = ParseDate(Meta(document, "article:published_time"))
            ?? ParseDate(jsonLd.DatePublished)
            ?? ParseDate(Meta(document, "date"))
            ?? ParseDate(Meta(document, "pubdate"))
            ?? ParseDate(Meta(document, "publishdate"))
            ?? ParseDate(Meta(document, "publish-date"))
            ?? ParseDate(Meta(document, "dc.date.issued"))
            ?? ParseDate(Meta(document, "dc.date"))
            ?? ParseDate(Meta(document, "parsely-pub-date"))
            ?? ParseDate(Meta(document, "sailthru.date"))
            ?? ParseDate(document.QuerySelector("[itemprop=datePublished]")?.GetAttribute("content"))
            ?? ParseDate(document.QuerySelector("[itemprop=datePublished]")?.GetAttribute("datetime"))
            ?? ParseDate(document.QuerySelector("article time[datetime], main time[datetime], time[datetime]")?.GetAttribute("datetime"));
        return new PageMetadata(title, date, outlet);
    }

    /// <summary>
    /// The date of an ISO 8601 date or timestamp ("2026-03-14", "2026-03-14T09:30:00-05:00"), as written:
    /// a timestamp's own date, not converted to another time zone. Null when it is none.
    /// </summary>
    public static DateOnly? ParseDate(string? value)
    {
        value = value?.Trim();
        if (string.IsNullOrEmpty(value) || value.Length < 10)
        {
            return null;
        }

        return DateOnly.TryParseExact(value.AsSpan(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date)
            && (value.Length == 10 || value[10] is 'T' or 't' or ' ')
            ? date
            : null;
    }

    /// <summary>The content of the first <c>&lt;meta&gt;</c> whose property, name or itemprop is <paramref name="key"/> (ignoring case).</summary>
    private static string? Meta(IDocument document, string key)
    {
        foreach (IElement meta in document.QuerySelectorAll("meta"))
        {
            string? name = meta.GetAttribute("property") ?? meta.GetAttribute("name") ?? meta.GetAttribute("itemprop");
            if (string.Equals(name, key, StringComparison.OrdinalIgnoreCase) && Clean(meta.GetAttribute("content")) is { } content)
            {
                return content;
            }
        }

        return null;
    }

    /// <summary>"Envoys Meet in Oslo | The Harbour Ledger" → "Envoys Meet in Oslo" when the part after the separator is the outlet.</summary>
    private static string? TitleWithoutOutlet(string? title, string? outlet)
    {
        title = Clean(title);
        if (title is null || outlet is null)
        {
            return title;
        }

        foreach (string separator in new[] { " | ", " - ", " – ", " — ", " :: " })
        {
            if (title.EndsWith(separator + outlet, StringComparison.OrdinalIgnoreCase))
            {
                return title[..^(separator.Length + outlet.Length)].Trim();
            }
        }

        return title;
    }

    private static string? First(params string?[] values) => values.FirstOrDefault(v => v is not null);

    /// <summary>The text with white space runs made one space, or null when empty.</summary>
    public static string? Clean(string? text)
    {
        if (text is null)
        {
            return null;
        }

        string clean = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return clean.Length > 0 ? clean : null;
    }

    /// <summary>The first news article item of the page's JSON-LD (in a list or an <c>@graph</c>).</summary>
    private sealed record JsonLdArticle(string? Headline, string? DatePublished, string? Publisher)
    {
        public static JsonLdArticle Read(IDocument document)
        {
            foreach (IElement script in document.QuerySelectorAll("script[type='application/ld+json']"))
            {
                try
                {
                    using JsonDocument json = JsonDocument.Parse(script.TextContent, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
                    if (Find(json.RootElement) is { } item)
                    {
                        return new JsonLdArticle(String(item, "headline") ?? String(item, "name"), String(item, "datePublished") ?? String(item, "dateCreated"), PublisherName(item));
                    }
                }
                catch (JsonException)
                {
                    // Broken JSON-LD is common on real pages: the other metadata still counts.
                }
            }

            return new JsonLdArticle(null, null, null);
        }

        private static JsonElement? Find(JsonElement element)
        {
            if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement item in element.EnumerateArray())
                {
                    if (Find(item) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            }

            if (element.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (element.TryGetProperty("@type", out JsonElement type) && IsArticle(type))
            {
                return element;
            }

            return element.TryGetProperty("@graph", out JsonElement graph) ? Find(graph) : null;
        }

        private static bool IsArticle(JsonElement type) => type.ValueKind switch
        {
            JsonValueKind.String => ArticleTypes.Contains(type.GetString()!),
            JsonValueKind.Array => type.EnumerateArray().Any(t => t.ValueKind == JsonValueKind.String && ArticleTypes.Contains(t.GetString()!)),
            _ => false,
        };

        private static string? PublisherName(JsonElement item)
        {
            if (!item.TryGetProperty("publisher", out JsonElement publisher))
            {
                return null;
            }

            if (publisher.ValueKind == JsonValueKind.Array)
            {
                publisher = publisher.EnumerateArray().FirstOrDefault();
            }

            return publisher.ValueKind switch
            {
                JsonValueKind.String => Clean(publisher.GetString()),
                JsonValueKind.Object => String(publisher, "name"),
                _ => null,
            };
        }

        private static string? String(JsonElement item, string property) =>
            item.TryGetProperty(property, out JsonElement value) && value.ValueKind == JsonValueKind.String ? Clean(value.GetString()) : null;
    }
}
