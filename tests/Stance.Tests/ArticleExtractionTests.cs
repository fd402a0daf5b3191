using Stance.Extraction;
using Stance.Tests.Support;
using Xunit.Abstractions;
using static Stance.Extraction.StatementKind;

namespace Stance.Tests;

/// <summary>
/// The quote extractor on whole articles: the seed article and articles written for these tests
/// (Articles/*.txt; invented people and organizations), each with its statements listed by hand.
/// Every listed statement must be found with its speaker, and nothing else may be extracted.
/// </summary>
public sealed class ArticleExtractionTests(ITestOutputHelper output)
{
    /// <summary>Every statement of the seed article, in order, by hand.</summary>
    private static readonly ExpectedStatement[] Seed =
    [
        new("Scott Snyder", Direct, "establish a private channel of communications", "That message should indicate parameters and framing"),
        new("Edward Markey and Ro Khanna", Reported, "promptly seek talks with North Korea"),
        new("Edward Markey and Ro Khanna", Direct, "We hope that your administration’s North Korea policy review concludes"),
        new("Philip Davidson", Direct, "North Korea will remain our most immediate threat", "agrees to complete denuclearization"),
        new("Antony Blinken", Reported, "North Korea as posing serious challenges"),
        new("Antony Blinken", Direct, "We have to review, and we intend to review"),
        new("Ned Price", Reported, "no sign that the administration has made contacts with North Korea"),
        new("Ned Price", Reported, "a lack of direct engagement with North Korea should not be taken as an indication", "[is] not a priority"),
        new("Ken Gause", Reported, "failing to send early signals for talks could give North Korea a free pass"),
        new("Ken Gause", Reported, "making gestures for talks to lock North Korea"),
        new("Ken Gause", Direct, "Right now, the Biden administration is not giving any message at all"),
        new("Ken Gause", Reported, "The U.S. should send a message", "interested in being flexible", "won’t be doing any more testing or provocations"),
        new("Ken Gause", Direct, "That message needs to be sent sooner than later"),
        new("Kurt Campbell", Reported, "Biden should avoid Obama’s prolonged period of study"),
        new("Kurt Campbell", Reported, "That approach allowed North Korea took provocative steps"),
        new("Evans Revere", Reported, "Pyongyang is unlikely to change its objective"),
        new("Evans Revere", Direct, "North Korea’s game plan for dealing with the Biden administration", "The key point of that speech"),
        new("Kim Jong Un", Reported, "Pyongyang is seeking to have new nuclear capabilities"),
        new("Evans Revere", Direct, "It’s been my experience that North Korea acts", "There is very little in what the U.S. could say or do"),
        new("Evans Revere", Reported, "the U.S. should still convey willingness to remain open to diplomacy"),
        new("Evans Revere", Direct, "It is important that Washington keep the channels to Pyongyang open", "[It must] ensure that [North Korea] understands"),
        new("Bruce Klingner", Reported, "Biden’s foreign policy team should convey a message"),
        new("Bruce Klingner", Direct, "To rush into negotiations", "[However,] the Biden administration should publicly comment", "Washington and Seoul should also privately urge the regime"),
    ];

    /// <summary>The statements of the articles written for these tests; and those that may be found or not (unnamed sources, bodies).</summary>
    private static readonly Dictionary<string, (ExpectedStatement[] Expected, ExpectedStatement[] Allowed)> Articles = new()
    {
        ["sanctions-debate.txt"] = (
        [
            new("Margaret Oduya", Direct, "Sanctions have not stopped a single launch", "We need a negotiating track"),
            new("Margaret Oduya", Reported, "a freeze on testing would be worth more"),
            new("Daniel Ferreira", Reported, "enforcement had never been given a fair chance"),
            new("Daniel Ferreira", Direct, "We have not run out of pressure", "Close the loopholes first"),
            new("Daniel Ferreira", Reported, "any relief offered before the regime dismantles", "a reward for bad behavior"),
            new("Daniel Ferreira", Reported, "at least forty tankers delivered refined petroleum"),
            new("Priya Raman", Reported, "the problem was political rather than technical"),
            new("Priya Raman", Direct, "The tools exist", "Until that changes", "And Pyongyang knows it"),
            new("Priya Raman", Reported, "a shared database of flagged vessels"),
            new("Thomas Achterberg", Reported, "deterrence and diplomacy have always worked together"),
            new("Thomas Achterberg", Direct, "Strength at the table comes from strength on the ground"),
        ], []),
        ["summit-reactions.txt"] = (
        [
            new("Dana Whitfield and Marcus Oyelaran", Reported, "a propaganda victory it has not earned"),
            new("Dana Whitfield and Marcus Oyelaran", Direct, "Leader-level meetings should crown an agreement", "We have seen where improvisation leads"),
            new("Dana Whitfield and Marcus Oyelaran", Reported, "brief Congress before any invitation is extended"),
            new("Lucas Brandvold", Direct, "If the only person in Pyongyang who can say yes", "We are talking about a conversation"),
            new("Lucas Brandvold", Reported, "sequencing debate had paralyzed policy"),
            new("Lucas Brandvold", Reported, "a freeze-for-freeze arrangement", "in proportion to verified steps"),
            new("Yoon Seo-yeon", Direct, "It is a sensible bet", "waiting for Pyongyang to blink"),
            new("Yoon Seo-yeon", Reported, "recent overtures to Moscow"),
            new("Yoon Seo-yeon", Reported, "wait and see posture would look"),
            new("Caroline Mbeki-Hart", Reported, "the envoy had misread the regime’s intentions"),
            new("Caroline Mbeki-Hart", Direct, "They are not looking for a conversation", "A summit gives them exactly that"),
            new("Caroline Mbeki-Hart", Reported, "the last round of leader-level diplomacy ended"),
        ],
        [
            new("A bipartisan pair of lawmakers", Reported, "photo-op summit"),
        ]),
        ["humanitarian-channel.txt"] = (
        [
            new("Park Jae-won", Direct, "Food and medicine should never be bargaining chips", "people will go hungry in the meantime"),
            new("Park Jae-won", Reported, "limited exemptions"),
            new("the official", Direct, "We are ready on our side", "Whether they accept is another matter"),
            new("Choi Min-seo", Reported, "whether aid could be monitored"),
            new("Choi Min-seo", Direct, "Who checks where the flour goes?", "The last time we sent rice"),
            new("Choi Min-seo", Reported, "her party would support the channel"),
            new("Gregory Tannenbaum", Reported, "more hopeful than realistic"),
            new("Gregory Tannenbaum", Direct, "I understand the impulse"),
        ],
        [
            new("Korean Central News Agency", Reported, "hollow gesture"),
        ]),
        ["detained-sailors.txt"] = (
        [
            new("Helga Sandvik", Reported, "Norway is prepared to host direct talks"),
            new("Helga Sandvik", Direct, "We are not a party to this dispute", "that is precisely why both sides"),
            new("Helga Sandvik", Reported, "messages had been received and read"),
            new("Tobias Lindgren", Reported, "a bargaining chip in a much larger game"),
            new("Tobias Lindgren", Direct, "Every week that passes", "I don’t care who gets the credit"),
            new("Tobias Lindgren", Reported, "the families would travel to Oslo"),
            new("Ruth Abernathy", Reported, "expecting a quick breakthrough"),
            new("Ruth Abernathy", Direct, "Humanitarian cases get resolved", "The question is what that something else is"),
            new("Ruth Abernathy", Reported, "past releases were often timed"),
            new("Helga Sandvik", Direct, "Nothing is agreed until everything is agreed"),
        ], []),
        ["interim-deal.txt"] = (
        [
            new("Reza Farahani", Direct, "We did not come to Vienna", "If the other side brings something concrete"),
            new("Elena Vasquez-Moreau", Direct, "An interim deal is the only deal on offer", "The choice is between a partial cap"),
            new("Elena Vasquez-Moreau", Reported, "insisting on a comprehensive agreement first"),
            new("Elena Vasquez-Moreau", Reported, "test the offer quickly"),
            new("Rupert Haldane", Reported, "would bankroll Tehran’s proxies"),
            new("Rupert Haldane", Direct, "We have been here before", "They pocket the money"),
            new("Janelle Okafor", Reported, "judge any proposal on its merits", "no intention of negotiating in public"),
            new("Reza Farahani", Direct, "Everything depends on what is on the other side of the scale"),
        ],
        [
            new("Iran’s chief negotiator", Reported, "a limited, reciprocal arrangement"),
            new("One senior diplomat", Reported, "contains nothing we have not heard before"),
            new("Analysts at the Quillon Group", Reported, "markets had largely ignored"),
        ]),
        ["satellite-launch.txt"] = (
        [
            new("Warren Keel", Direct, "Beijing has leverage that nobody else has", "Whether it chooses to use that leverage"),
            new("Warren Keel", Reported, "the launch violated multiple U.N. Security Council resolutions"),
            new("Japan's Foreign Ministry", Reported, "strong protest"),
            new("Liu Jianmin", Reported, "all parties to exercise restraint"),
            new("Liu Jianmin", Direct, "Pressure alone has never solved", "Dialogue is the only way out"),
            new("Liu Jianmin", Reported, "escalate tensions"),
            new("Svetlana Orlova", Reported, "a buffer it cannot afford to lose"),
            new("Svetlana Orlova", Direct, "They will complain in private", "I see nothing that would change it"),
            new("Svetlana Orlova", Reported, "block any new sanctions resolution"),
            new("South Korea's Joint Chiefs of Staff", Reported, "first stage fell into the Yellow Sea"),
            new("Han Sung-ho", Direct, "We will examine every piece of it", "It will tell us a great deal"),
        ],
        [
            new("The United States and Japan", Reported, "use its influence over North Korea"),
        ]),
    };

    public static TheoryData<string> ArticleNames => new(Articles.Keys);

    [SeedArticleFact]
    public void Seed_article_every_statement_is_found_with_its_speaker_and_nothing_else()
    {
        IReadOnlyList<ExtractedStatement> statements = QuoteExtractor.Extract(File.ReadAllText(Repository.SeedArticle));

        ExtractionScore score = ExtractionScore.Of(statements, Seed);
        output.WriteLine($"seed article: {score}");

        Assert.True(score.Missing.Count == 0 && score.WrongSpeaker.Count == 0 && score.Unexpected.Count == 0, score.ToString());
        Assert.Equal(Seed.Length, statements.Count);
    }

    [SeedArticleFact]
    public void Seed_article_roles_come_from_titles_and_appositives_wherever_the_name_is_introduced()
    {
        IReadOnlyList<ExtractedStatement> statements = QuoteExtractor.Extract(File.ReadAllText(Repository.SeedArticle));
        string? Role(string speaker) => statements.First(s => s.Speaker == speaker).Role;

        Assert.Equal("director of the program on U.S.-Korea policy at the Council on Foreign Relations", Role("Scott Snyder"));
        Assert.Equal("Commander of U.S. Indo-Pacific Command", Role("Philip Davidson"));
        Assert.Equal("Secretary of State", Role("Antony Blinken"));
        Assert.Equal("State Department spokesperson", Role("Ned Price"));
        Assert.Equal("director of the Adversary Analytics Program at CNA, a U.S.-based research and consulting firm", Role("Ken Gause"));
        Assert.Equal("White House National Security Council Indo-Pacific coordinator for current administration", Role("Kurt Campbell"));
        Assert.Equal("former U.S. State Department official with extensive experience negotiating with North Korea", Role("Evans Revere"));
        Assert.Equal("a senior researcher at the Washington-based Heritage Foundation", Role("Bruce Klingner"));
        Assert.Equal("Edward Markey (Senator); Ro Khanna (Representative)", Role("Edward Markey and Ro Khanna"));
        Assert.All(statements.Where(s => s.Speaker == "Evans Revere"), s => Assert.NotNull(s.Role));
    }

    [SeedArticleFact]
    public void Seed_article_narration_headings_and_scare_quotes_are_never_statements()
    {
        IReadOnlyList<ExtractedStatement> statements = QuoteExtractor.Extract(File.ReadAllText(Repository.SeedArticle));

        string[] narration =
        [
            "Experts are urging", "has been highlighting the threats", "Not giving any message at all", "New nuclear capabilities",
            "modernizing", "pivot to Asia", "wait and see", "sought direct engagement with Kim", "conducted four nuclear tests",
            "He made the remark", "offered a different perspective", "nine major sanctions resolutions", "planning to make their first visit",
            "Original reporting contributed", "Breaking News", "Early Signals to North Korea",
        ];
        Assert.All(statements, s => Assert.DoesNotContain(narration, n => s.Text.Contains(n, StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(ArticleNames))]
    public void Written_article_every_statement_is_found_with_its_speaker_and_nothing_else(string name)
    {
        (ExpectedStatement[] expected, ExpectedStatement[] allowed) = Articles[name];

        ExtractionScore score = ExtractionScore.Of(QuoteExtractor.Extract(ReadArticle(name)), expected, allowed);
        output.WriteLine($"{name}: {score}");

        Assert.True(score.Missing.Count == 0 && score.WrongSpeaker.Count == 0 && score.Unexpected.Count == 0, score.ToString());
    }

    [Theory]
    [MemberData(nameof(ArticleNames))]
    public void Written_article_pieces_locate_the_statement_in_the_article(string name)
    {
        string article = ReadArticle(name);

        foreach (ExtractedStatement statement in QuoteExtractor.Extract(article))
        {
            Assert.Equal(statement.Pieces[0].Start, statement.Start);
            Assert.Equal(statement.Pieces[^1].End, statement.End);
            string joined = string.Join(" ", statement.Pieces.Select(p => article[p.Start..p.End]));
            Assert.All(statement.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries), word =>
                Assert.Contains(ExpectedStatement.Normalize(word).TrimEnd('.', ','), ExpectedStatement.Normalize(joined), StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Every_article_measured_together_has_complete_recall_and_speaker_accuracy()
    {
        var scores = Articles.Select(a => (a.Key, Score: ExtractionScore.Of(QuoteExtractor.Extract(ReadArticle(a.Key)), a.Value.Expected, a.Value.Allowed))).ToList();
        if (File.Exists(Repository.SeedArticle))
        {
            scores.Add(("seed", ExtractionScore.Of(QuoteExtractor.Extract(File.ReadAllText(Repository.SeedArticle)), Seed)));
        }

        int expected = scores.Sum(s => s.Score.Expected);
        int found = scores.Sum(s => s.Score.Found);
        int right = found - scores.Sum(s => s.Score.WrongSpeaker.Count);
        foreach (var (name, score) in scores)
        {
            output.WriteLine($"{name}: {score}");
        }

        output.WriteLine($"all: recall {found}/{expected}, speaker accuracy {right}/{found}, unexpected {scores.Sum(s => s.Score.Unexpected.Count)}");
        Assert.Equal(expected, found);
        Assert.Equal(found, right);
    }

    private static string ReadArticle(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Articles", name));
}
