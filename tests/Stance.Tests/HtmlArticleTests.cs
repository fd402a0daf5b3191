using System.Net;
using System.Net.Sockets;
using System.Text;
using Stance.Articles;
using Stance.Extraction;
using Stance.Tests.Support;
using Xunit.Abstractions;
using static Stance.Extraction.StatementKind;

namespace Stance.Tests;

/// <summary>
/// Saved news pages (Articles/html; invented outlets and people, with the navigation, advertisements,
/// captions, related links, comments and footers of real pages) read into their main text and
/// metadata: the statements come out as from a plain-text article, the boilerplate yields none.
/// </summary>
public sealed class HtmlArticleTests(ITestOutputHelper output)
{
    private static readonly string Pages = Path.Combine(Repository.Root, "tests", "Stance.Tests", "Articles", "html");

    public static TheoryData<string> PageNames => new(Expected.Keys);

    /// <summary>Each page's title, date, outlet, statements, and text from its boilerplate that must not reach the article.</summary>
    private static readonly Dictionary<string, (string Title, DateOnly Date, string Outlet, ExpectedStatement[] Statements, string[] Boilerplate)> Expected = new()
    {
        ["harbour-ledger-geneva-talks.html"] = (
            "Envoy Proposes Geneva Meeting as Allies Split Over Sequencing",
            new DateOnly(2026, 3, 14),
            "The Harbour Ledger",
            [
                new("Lidia Marsh", Direct, "We are not walking away from the table", "But the table has to exist"),
                new("Lidia Marsh", Reported, "the administration would propose the meeting before the end of April"),
                new("Tomasz Wielgosz", Direct, "A freeze is the floor, not the ceiling", "is a photo opportunity", "And we have had enough of those"),
                new("Hana Ishikawa", Reported, "Tokyo would support talks only if the abduction cases"),
                new("Bernadette Quayle", Reported, "rewards stalling"),
                new("Hana Ishikawa", Direct, "Every month we argue about the order of steps"),
            ],
            [
                "Skip to content", "Podcasts", "Breaking:", "Advertisement", "99 cents", "(Photo: Ledger staff)", "talks could resume within weeks",
                "could resume within weeks", "rewarding provocation", "Share", "Morning Ledger", "best five minutes", "Comments (214)", "appeasement",
                "Marsh is right", "Most read", "no deal without inspections", "Markets shrug off", "quiet diplomat", "Privacy policy",
                "All rights reserved", "Journalism you can trust", "dataLayer", "Ines Calloway",
            ]),
        ["northgate-sentinel-aid-corridor.html"] = (
            "Aid corridor plan wins cautious backing in Seoul",
            new DateOnly(2026, 5, 2),
            "Northgate Sentinel",
            [
                new("Baek Sun-hee", Direct, "Food should never be a bargaining chip", "Our offer stands"),
                new("Baek Sun-hee", Reported, "asked the Red Cross to prepare a first convoy"),
                new("Oskar Thelin", Reported, "the corridor could be used to move goods banned"),
                new("Oskar Thelin", Direct, "Nobody has explained who inspects the trucks", "this is a hole in the sanctions regime"),
                new("Mireille Dufort", Reported, "monitors from her group were ready to travel"),
                new("Mireille Dufort", Reported, "the last shipments, in 2019"),
            ],
            [
                "cookies", "Accept all", "Sport", "Get unlimited access", "More on this story", "will not go unanswered", "why the corridor matters",
                "Loading comments", "Typical", "Trending", "Minister resigns", "We were misled", "Registered in England", "North Korea Aid Sanctions",
            ]),
        ["plain-meta-date.htm"] = (
            "Lawmakers Weigh New Shipping Rules",
            new DateOnly(2026, 1, 20),
            "Tidewater Courier",
            [
                new("Odile Ferrante", Direct, "The ship-to-ship transfers are the single biggest leak", "This closes it"),
                new("Odile Ferrante", Reported, "the Treasury Department had identified more than thirty vessels"),
                new("Gideon Achebe-Lund", Reported, "the rules would be hard to enforce"),
                new("Gideon Achebe-Lund", Direct, "You can ban a ship from Baltimore", "but you cannot ban it from the high seas"),
            ],
            ["Related:", "enough is enough"]),
    };

    /// <summary>Statements that may be found or not: a body's reported speech after a dateline ("SEOUL — South Korea's unification ministry …, saying …").</summary>
    private static readonly Dictionary<string, ExpectedStatement[]> Allowed = new()
    {
        ["northgate-sentinel-aid-corridor.html"] = [new("South Korea's unification ministry", Reported, "food and medicine shipments could begin within two months")],
    };

    [Theory]
    [MemberData(nameof(PageNames))]
    public void A_page_gives_its_title_date_and_outlet(string name)
    {
        var (title, date, outlet, _, _) = Expected[name];

        Article article = ArticleReader.Read(Path.Combine(Pages, name));

        Assert.Equal(title, article.Title);
        Assert.Equal(date, article.Date);
        Assert.Equal(outlet, article.Outlet);
        Assert.Equal(Path.Combine(Pages, name), article.Source);
    }

    [Theory]
    [MemberData(nameof(PageNames))]
    public void A_page_gives_every_statement_of_its_main_text_with_its_speaker_and_nothing_else(string name)
    {
        var (_, _, _, expected, _) = Expected[name];
        Article article = ArticleReader.Read(Path.Combine(Pages, name));

        ExtractionScore score = ExtractionScore.Of(QuoteExtractor.Extract(article.Text), expected, Allowed.GetValueOrDefault(name));
        output.WriteLine($"{name}: {score}\n\n{article.Text}");

        Assert.True(score.Missing.Count == 0 && score.WrongSpeaker.Count == 0 && score.Unexpected.Count == 0, score.ToString());
    }

    [Theory]
    [MemberData(nameof(PageNames))]
    public void Navigation_captions_related_links_comments_and_footers_are_not_in_the_text(string name)
    {
        var (_, _, _, _, boilerplate) = Expected[name];

        Article article = ArticleReader.Read(Path.Combine(Pages, name));

        Assert.All(boilerplate, text => Assert.DoesNotContain(text, article.Text, StringComparison.Ordinal));
        Assert.DoesNotContain("<", article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Blocks_become_paragraphs_so_a_quotation_runs_over_a_paragraph_break()
    {
        Article article = ArticleReader.Read(Path.Combine(Pages, "harbour-ledger-geneva-talks.html"));

        Assert.Contains("\"A freeze is the floor, not the ceiling,\" said Tomasz Wielgosz, a senior fellow at the Arden Institute. \"Anything less than a verified freeze is a photo opportunity.\n\n\"And we have had enough of those,\" he added.", article.Text);
        ExtractedStatement wielgosz = Assert.Single(QuoteExtractor.Extract(article.Text), s => s.Speaker == "Tomasz Wielgosz");
        Assert.Equal(3, wielgosz.Pieces.Count);
        Assert.Equal("a senior fellow at the Arden Institute", wielgosz.Role);
        Assert.DoesNotContain("\n\n\n", article.Text, StringComparison.Ordinal);
        Assert.All(article.Text.Split("\n\n"), paragraph => Assert.Equal(paragraph.Trim(), paragraph));
    }

    [Fact]
    public void Two_line_breaks_end_a_paragraph()
    {
        Article article = ArticleReader.Read(Path.Combine(Pages, "plain-meta-date.htm"));

        Assert.Contains("American ports.\n\n“You can ban a ship from Baltimore,” he said", article.Text);
    }

    [Fact]
    public void Html_is_told_by_content_not_by_extension()
    {
        Article page = ArticleReader.Read(Path.Combine(Pages, "page-saved-as.txt"));
        Article text = ArticleReader.Read(Path.Combine(Pages, "text-named-html.html"));

        Assert.Equal("A page saved as text", page.Title);
        Assert.Equal("The Harbour Ledger", page.Outlet);
        Assert.StartsWith("Talks resumed on Monday in Geneva", page.Text);
        Assert.Equal(File.ReadAllText(Path.Combine(Pages, "text-named-html.html")), text.Text);
        Assert.Null(text.Title);
        Assert.Equal("Petra Lindahl", Assert.Single(QuoteExtractor.Extract(text.Text)).Speaker);
    }

    [Fact]
    public void A_page_without_metadata_gives_its_text_and_no_title_date_or_outlet()
    {
        Article article = ArticleReader.Read(Path.Combine(Pages, "no-metadata.html"));

        Assert.Null(article.Title);
        Assert.Null(article.Date);
        Assert.Null(article.Outlet);
        Assert.Equal(3, QuoteExtractor.Extract(article.Text).Count(s => s.Speaker == "Ansel Varga"));
    }

    [Theory]
    [InlineData("<meta property=\"article:published_time\" content=\"2026-07-04T23:30:00-07:00\">", 2026, 7, 4)]
    [InlineData("<meta name=\"date\" content=\"2026-07-04\">", 2026, 7, 4)]
    [InlineData("<meta name=\"pubdate\" content=\"2026-07-04 08:00\">", 2026, 7, 4)]
    [InlineData("<meta itemprop=\"datePublished\" content=\"2026-07-04\">", 2026, 7, 4)]
    [InlineData("<script type=\"application/ld+json\">{\"@type\":\"ReportageNewsArticle\",\"datePublished\":\"2026-07-04T10:00:00Z\"}</script>", 2026, 7, 4)]
    public void The_date_comes_from_any_of_the_usual_tags_as_the_page_writes_it(string head, int year, int month, int day)
    {
        string html = $"<!DOCTYPE html><html><head>{head}</head><body><article><p>{Story}</p></article></body></html>";

        Article article = ArticleReader.Read(Encoding.UTF8.GetBytes(html), "page.html");

        Assert.Equal(new DateOnly(year, month, day), article.Date);
    }

    [Fact]
    public void A_time_element_dates_a_page_without_date_metadata_and_broken_json_ld_is_ignored()
    {
        string html = $"<!DOCTYPE html><html><head><script type=\"application/ld+json\">{{ broken </script></head><body><article><time datetime=\"2025-12-31T18:00:00+01:00\">Dec. 31</time><p>{Story}</p></article></body></html>";

        Article article = ArticleReader.Read(Encoding.UTF8.GetBytes(html), "page.html");

        Assert.Equal(new DateOnly(2025, 12, 31), article.Date);
    }

    [Fact]
    public void Reading_a_page_makes_no_network_request_even_for_its_images_scripts_and_styles()
    {
        int port = FreePort();
        string origin = $"http://127.0.0.1:{port}/";
        using var listener = new HttpListener();
        listener.Prefixes.Add(origin);
        listener.Start();
        int requests = 0;
        _ = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                try
                {
                    HttpListenerContext context = await listener.GetContextAsync();
                    Interlocked.Increment(ref requests);
                    context.Response.StatusCode = 200;
                    context.Response.Close();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }
            }
        });
        string html = $"""
            <!DOCTYPE html><html><head><base href="{origin}">
            <meta property="og:image" content="{origin}og.jpg"><link rel="stylesheet" href="{origin}main.css">
            <script src="{origin}app.js"></script><link rel="preload" href="{origin}font.woff2" as="font">
            </head><body><article>
            <img src="{origin}lead.jpg" srcset="{origin}lead-2x.jpg 2x"><iframe src="{origin}frame.html"></iframe>
            <p>{Story}</p><p><img src="img/inline.png"> <a href="{origin}next">Next</a></p>
            </article><script>fetch("{origin}beacon")</script></body></html>
            """;

        Article article = ArticleReader.Read(Encoding.UTF8.GetBytes(html), "page.html");
        Thread.Sleep(300); // room for a request, had one been started in the background

        Assert.Contains("Talks resumed", article.Text, StringComparison.Ordinal);
        Assert.Equal(0, Volatile.Read(ref requests));
    }

    private const string Story = "Talks resumed on Monday in Geneva after a pause of more than a year, diplomats said. “We are ready when they are,” said Petra Lindahl, the envoy. “The door has been open for a long time, and it stays open.” Lindahl said the first session would deal with the humanitarian file.";

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
