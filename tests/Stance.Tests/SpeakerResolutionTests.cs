using Stance.Extraction;

namespace Stance.Tests;

/// <summary>
/// Speakers resolved across articles (invented people): every way of naming one person maps to them,
/// with the most informative role; people who share a surname stay apart; a bare surname that fits
/// several people is left unresolved; the output does not depend on the order of the articles.
/// </summary>
public sealed class SpeakerResolutionTests
{
    [Fact]
    public void Full_name_surname_courtesy_title_and_name_with_role_are_one_person_with_the_longest_role()
    {
        SpeakerResolution resolution = SpeakerResolver.Resolve(
        [
            Article("ledger", Statement("Hollis Tervane", "a researcher at the Dunmore Foundation")),
            Article("sentinel", Statement("Tervane", null)),
            Article("courier", Statement("Mr. Tervane", null)),
            Article("review", Statement("Hollis Tervane, a senior researcher at the Dunmore Foundation's Korea program", null)),
        ]);

        ResolvedSpeaker tervane = Assert.Single(resolution.Speakers);
        Assert.Equal("Hollis Tervane", tervane.Name);
        Assert.True(tervane.IsPerson);
        Assert.Equal("a senior researcher at the Dunmore Foundation's Korea program", tervane.Role);
        Assert.Equal(["Hollis Tervane", "Mr. Tervane", "Tervane"], tervane.Names);
        Assert.All(resolution.Statements, s => Assert.Same(tervane, Assert.Single(s.Speakers)));
    }

    [Fact]
    public void Statements_extracted_from_articles_resolve_a_later_bare_surname_to_the_full_name()
    {
        IReadOnlyList<ExtractedStatement> first = QuoteExtractor.Extract("“Pressure has not worked,” said Hollis Tervane, a senior researcher at the Dunmore Foundation.");
        IReadOnlyList<ExtractedStatement> second = QuoteExtractor.Extract("Tervane said on Monday that talks should start with a freeze.");

        SpeakerResolution resolution = SpeakerResolver.Resolve([new("a.txt", first), new("b.txt", second)]);

        Assert.Equal("Tervane", Assert.Single(second).Speaker);
        ResolvedSpeaker tervane = Assert.Single(resolution.Speakers);
        Assert.Equal(("Hollis Tervane", "a senior researcher at the Dunmore Foundation"), (tervane.Name, tervane.Role));
        Assert.Equal(["a.txt", "b.txt"], resolution.Statements.Select(s => s.Source));
    }

    [Fact]
    public void Two_first_names_with_one_surname_are_two_people_and_the_bare_surname_is_left_unresolved()
    {
        SpeakerResolution resolution = SpeakerResolver.Resolve(
        [
            Article("a", Statement("Ada Morrow", "a former negotiator")),
            Article("b", Statement("Felix Morrow", "a sanctions lawyer")),
            Article("c", Statement("Morrow", null)),
        ]);

        Assert.Equal(["Ada Morrow", "Felix Morrow"], resolution.Speakers.Select(s => s.Name));
        ResolvedStatement bare = resolution.Statements[2];
        Assert.True(bare.Ambiguous);
        Assert.Empty(bare.Speakers);
        Assert.False(resolution.Statements[0].Ambiguous);
    }

    [Fact]
    public void A_bare_surname_of_one_person_is_theirs_whichever_article_comes_first()
    {
        SpeakerResolution resolution = SpeakerResolver.Resolve(
        [
            Article("a", Statement("Quist", null)),
            Article("b", Statement("Ilse Quist", "Deputy Foreign Minister")),
            Article("c", Statement("Ada Morrow", null)),
        ]);

        Assert.Equal("Ilse Quist", Assert.Single(resolution.Statements[0].Speakers).Name);
        Assert.Equal(2, resolution.Speakers.Count);
    }

    [Fact]
    public void An_initial_joins_the_one_full_first_name_it_fits_and_is_unresolved_between_two()
    {
        SpeakerResolution one = SpeakerResolver.Resolve([Article("a", Statement("D. Kessel", null)), Article("b", Statement("Dana Kessel", "an envoy"))]);
        SpeakerResolution two = SpeakerResolver.Resolve([Article("a", Statement("D. Kessel", null)), Article("b", Statement("Dana Kessel", null)), Article("c", Statement("Doris Kessel", null))]);

        Assert.Equal("Dana Kessel", Assert.Single(one.Speakers).Name);
        Assert.Equal(["Dana Kessel", "Doris Kessel"], two.Speakers.Select(s => s.Name));
        Assert.True(two.Statements[0].Ambiguous);
    }

    [Fact]
    public void Middle_names_merge_when_they_agree_and_part_people_when_they_do_not()
    {
        SpeakerResolution resolution = SpeakerResolver.Resolve(
        [
            Article("a", Statement("Ravi K. Anand", null)),
            Article("b", Statement("Ravi Kumar Anand", null)),
            Article("c", Statement("Ravi M. Anand", null)),
            Article("d", Statement("Ravi Anand", null)),
        ]);

        Assert.Equal(["Ravi Kumar Anand", "Ravi M. Anand"], resolution.Speakers.Select(s => s.Name));
        Assert.Equal(resolution.Statements[1].Speakers, resolution.Statements[0].Speakers);
        Assert.True(resolution.Statements[3].Ambiguous); // "Ravi Anand" fits both
    }

    [Fact]
    public void Joint_speakers_resolve_to_each_person_with_their_own_role()
    {
        SpeakerResolution resolution = SpeakerResolver.Resolve(
        [
            Article("a", Statement("Lena Ostrova and Paul Imrie", "Lena Ostrova (Senator); Paul Imrie (Representative)")),
            Article("b", Statement("Ostrova", null)),
            Article("c", Statement("Mary Chen, Paul Imrie and Omar Haddad", null)),
        ]);

        Assert.Equal(["Lena Ostrova", "Paul Imrie"], resolution.Statements[0].Speakers.Select(s => s.Name));
        Assert.Equal("Senator", resolution.Speakers.Single(s => s.Name == "Lena Ostrova").Role);
        Assert.Equal("Representative", resolution.Speakers.Single(s => s.Name == "Paul Imrie").Role);
        Assert.Equal("Lena Ostrova", Assert.Single(resolution.Statements[1].Speakers).Name);
        Assert.Equal(["Mary Chen", "Paul Imrie", "Omar Haddad"], resolution.Statements[2].Speakers.Select(s => s.Name));
    }

    [Fact]
    public void Unnamed_sources_are_never_merged_and_bodies_are_one_per_name()
    {
        SpeakerResolution resolution = SpeakerResolver.Resolve(
        [
            Article("a", Statement("a senior official", null), Statement("Korean Central News Agency", null)),
            Article("b", Statement("a senior official", null), Statement("korean central news agency", null), Statement("Japan's Foreign Ministry", null)),
            Article("c", Statement("One senior diplomat", null), Statement("Analysts at the Quillon Group", null)),
        ]);

        Assert.Equal(["Japan's Foreign Ministry", "Korean Central News Agency"], resolution.Speakers.Select(s => s.Name));
        Assert.All(resolution.Speakers, s => Assert.False(s.IsPerson));
        Assert.All(resolution.Statements.Where(s => s.Statement.Speaker.Contains("senior", StringComparison.Ordinal) || s.Statement.Speaker.StartsWith("Analysts", StringComparison.Ordinal)), s =>
        {
            Assert.Empty(s.Speakers);
            Assert.False(s.Ambiguous);
        });
    }

    [Fact]
    public void The_speakers_do_not_depend_on_the_order_of_the_articles()
    {
        ArticleStatements[] articles =
        [
            Article("a", Statement("Hollis Tervane", "a researcher")),
            Article("b", Statement("Ada Morrow", "a former negotiator"), Statement("Tervane", "a senior researcher at the Dunmore Foundation")),
            Article("c", Statement("Felix Morrow", null), Statement("Ilse Quist", null)),
            Article("d", Statement("Quist", "Deputy Foreign Minister"), Statement("Korean Central News Agency", null)),
        ];

        static string Describe(SpeakerResolution r) => string.Join("\n", r.Speakers.Select(s => $"{s.Name} | {s.Role} | {s.IsPerson} | {string.Join(", ", s.Names)}"));

        Assert.Equal(Describe(SpeakerResolver.Resolve(articles)), Describe(SpeakerResolver.Resolve(articles.Reverse())));
        Assert.Equal(["Ada Morrow", "Felix Morrow", "Hollis Tervane", "Ilse Quist", "Korean Central News Agency"], SpeakerResolver.Resolve(articles).Speakers.Select(s => s.Name));
    }

    [Fact]
    public void The_test_articles_resolve_each_speaker_once()
    {
        var articles = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Articles"), "*.txt")
            .Order(StringComparer.Ordinal)
            .Select(path => new ArticleStatements(Path.GetFileName(path), QuoteExtractor.Extract(File.ReadAllText(path))))
            .Append(new ArticleStatements("follow-up.txt", QuoteExtractor.Extract("“The loopholes are still open,” Ferreira said. Oduya said a freeze was still the better bet.")))
            .ToList();

        SpeakerResolution resolution = SpeakerResolver.Resolve(articles);

        ResolvedStatement[] followUp = resolution.Statements.Where(s => s.Source == "follow-up.txt").ToArray();
        Assert.Equal(["Daniel Ferreira", "Margaret Oduya"], followUp.Select(s => Assert.Single(s.Speakers).Name));
        Assert.Equal(resolution.Speakers.Count, resolution.Speakers.Select(s => s.Name).Distinct().Count());
        Assert.All(resolution.Statements.Where(s => s.Statement.Speaker == "Margaret Oduya"), s => Assert.Equal("Margaret Oduya", Assert.Single(s.Speakers).Name));
    }

    private static ArticleStatements Article(string source, params ExtractedStatement[] statements) => new(source, statements);

    private static ExtractedStatement Statement(string speaker, string? role) =>
        new(speaker, role, "Talks should begin with a freeze.", StatementKind.Reported, 0, 10, [new TextSpan(0, 10)]);
}
