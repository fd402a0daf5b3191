using Stance.Extraction;

namespace Stance.Tests;

/// <summary>The quote extractor, one news-writing convention at a time, on short texts.</summary>
public sealed class QuoteExtractionTests
{
    [Fact]
    public void Curly_and_straight_marks_mixed_in_one_quote_are_paired()
    {
        const string article = "“Talks are the only way forward,\" said Nora Vance, a historian. \"Everything else has failed.”";

        ExtractedStatement statement = Assert.Single(QuoteExtractor.Extract(article));

        Assert.Equal("Nora Vance", statement.Speaker);
        Assert.Equal(StatementKind.Direct, statement.Kind);
        Assert.Equal("Talks are the only way forward. Everything else has failed.", statement.Text);
    }

    [Fact]
    public void A_quote_split_by_its_attribution_is_one_statement_of_two_pieces()
    {
        const string article = "\"Pyongyang will not give up its weapons,\" said Evan Marsh, a former negotiator. \"It has told us so for thirty years.\"";

        ExtractedStatement statement = Assert.Single(QuoteExtractor.Extract(article));

        Assert.Equal(2, statement.Pieces.Count);
        Assert.Equal("Pyongyang will not give up its weapons", article[statement.Pieces[0].Start..statement.Pieces[0].End]);
        Assert.Equal("It has told us so for thirty years.", article[statement.Pieces[1].Start..statement.Pieces[1].End]);
        Assert.Equal(statement.Pieces[0].Start, statement.Start);
        Assert.Equal(statement.Pieces[1].End, statement.End);
    }

    [Fact]
    public void A_quote_split_mid_sentence_joins_its_pieces()
    {
        const string article = "“We are not a party to this quarrel,” Ingrid Solberg said, “which is why both sides trust us.”";

        ExtractedStatement statement = Assert.Single(QuoteExtractor.Extract(article));

        Assert.Equal("Ingrid Solberg", statement.Speaker);
        Assert.Equal("We are not a party to this quarrel which is why both sides trust us.", statement.Text);
    }

    [Theory]
    [InlineData("Adm. Carla Ruiz said, “The fleet is ready for any provocation.”")]
    [InlineData("“The fleet is ready for any provocation,” said Adm. Carla Ruiz.")]
    [InlineData("“The fleet is ready for any provocation,” Adm. Carla Ruiz said.")]
    [InlineData("“The fleet is ready for any provocation,” Adm. Carla Ruiz told reporters on Monday.")]
    [InlineData("According to Adm. Carla Ruiz, “The fleet is ready for any provocation.”")]
    [InlineData("Adm. Carla Ruiz put it bluntly: “The fleet is ready for any provocation.”")]
    public void Attribution_before_or_after_the_quote_names_the_speaker_and_title(string article)
    {
        ExtractedStatement statement = Assert.Single(QuoteExtractor.Extract(article));

        Assert.Equal("Carla Ruiz", statement.Speaker);
        Assert.Equal("Admiral", statement.Role);
        Assert.Equal(StatementKind.Direct, statement.Kind);
        Assert.StartsWith("The fleet is ready for any provocation", statement.Text);
    }

    [Theory]
    [InlineData("According to Tomas Reyes, a sanctions expert at the Baird Institute, the regime earns billions from cyber theft.")]
    [InlineData("The regime earns billions from cyber theft, according to Tomas Reyes, a sanctions expert at the Baird Institute.")]
    [InlineData("Tomas Reyes, a sanctions expert at the Baird Institute, said the regime earns billions from cyber theft.")]
    [InlineData("Tomas Reyes, a sanctions expert at the Baird Institute, said in an interview on Monday that the regime earns billions from cyber theft.")]
    [InlineData("The regime earns billions from cyber theft, said Tomas Reyes, a sanctions expert at the Baird Institute.")]
    public void Reported_speech_is_attributed_with_its_appositive_role(string article)
    {
        ExtractedStatement statement = Assert.Single(QuoteExtractor.Extract(article));

        Assert.Equal("Tomas Reyes", statement.Speaker);
        Assert.Equal("a sanctions expert at the Baird Institute", statement.Role);
        Assert.Equal(StatementKind.Reported, statement.Kind);
        Assert.Contains("the regime earns billions from cyber theft", statement.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void He_added_and_she_said_resolve_to_the_last_named_speaker_of_that_gender()
    {
        const string article = """
            "Pressure works when it is applied consistently," said Laura Kemp, a former Treasury official.

            "Nobody has applied it consistently," said Martin Hale of the Danforth Council.

            He added that enforcement had lapsed after 2018.

            "That is exactly my point," she said.
            """;

        IReadOnlyList<ExtractedStatement> statements = QuoteExtractor.Extract(article);

        Assert.Equal(["Laura Kemp", "Martin Hale", "Martin Hale", "Laura Kemp"], statements.Select(s => s.Speaker));
        Assert.Equal(StatementKind.Reported, statements[2].Kind);
        Assert.Equal("enforcement had lapsed after 2018.", statements[2].Text);
    }

    [Fact]
    public void A_pronoun_refers_to_the_subject_of_the_sentence_before_even_if_not_yet_a_speaker()
    {
        const string article = """
            "Talks now would reward provocation," said Owen Pryce, a senior fellow at the Calder Institute.

            Agnes Whitby, who directs the Korea program at the Moreland Foundation, took the opposite view. She said talks were the only way to cap the arsenal.
            """;

        IReadOnlyList<ExtractedStatement> statements = QuoteExtractor.Extract(article);

        Assert.Equal("Agnes Whitby", statements[1].Speaker);
        Assert.Equal("directs the Korea program at the Moreland Foundation", statements[1].Role);
    }

    [Fact]
    public void A_surname_resolves_to_the_full_name_and_role_introduced_earlier()
    {
        const string article = """
            Evan Marsh, a former State Department negotiator, has followed the talks for decades.

            "Patience is not a strategy," said Marsh.
            """;

        ExtractedStatement statement = Assert.Single(QuoteExtractor.Extract(article));

        Assert.Equal("Evan Marsh", statement.Speaker);
        Assert.Equal("a former State Department negotiator", statement.Role);
    }

    [Fact]
    public void A_family_name_written_first_resolves_to_the_full_name()
    {
        const string article = """
            Unification Minister Seo Min-jun visited the border on Friday.

            Seo said the government would propose military talks next month.
            """;

        ExtractedStatement statement = Assert.Single(QuoteExtractor.Extract(article));

        Assert.Equal("Seo Min-jun", statement.Speaker);
        Assert.Equal("Unification Minister", statement.Role);
    }

    [Fact]
    public void Joint_speakers_are_one_speaker_with_each_role()
    {
        const string article = """
            Sen. Abigail Stroud and Rep. Victor Amari urged the president to "seek talks without delay" in a letter on Monday.

            "Every month without diplomacy is a month of unchecked testing," Stroud and Amari wrote.

            They asked for a briefing before any new sanctions are imposed.
            """;

        IReadOnlyList<ExtractedStatement> statements = QuoteExtractor.Extract(article);

        Assert.Equal(3, statements.Count);
        Assert.All(statements, s => Assert.Equal("Abigail Stroud and Victor Amari", s.Speaker));
        Assert.All(statements, s => Assert.Equal("Abigail Stroud (Senator); Victor Amari (Representative)", s.Role));
        Assert.Equal([StatementKind.Reported, StatementKind.Direct, StatementKind.Reported], statements.Select(s => s.Kind));
    }

    [Fact]
    public void A_quote_running_over_a_paragraph_break_without_closing_mark_is_one_statement()
    {
        const string article = """
            "The sanctions are leaking everywhere," Hanna Berg said. "Ships switch off their transponders and nobody follows up.

            "Until that changes, new resolutions are paper," she added.
            """;

        ExtractedStatement statement = Assert.Single(QuoteExtractor.Extract(article));

        Assert.Equal("Hanna Berg", statement.Speaker);
        Assert.Equal(3, statement.Pieces.Count);
        Assert.Equal("The sanctions are leaking everywhere. Ships switch off their transponders and nobody follows up. Until that changes, new resolutions are paper", statement.Text);
    }

    [Fact]
    public void A_quote_paragraph_without_attribution_continues_the_speaker_before_it()
    {
        const string article = """
            “We have offered talks at any level,” said Paul Drummond, the envoy.

            “The door remains open, and it will stay open.”
            """;

        ExtractedStatement statement = Assert.Single(QuoteExtractor.Extract(article));

        Assert.Equal("Paul Drummond", statement.Speaker);
        Assert.Equal(2, statement.Pieces.Count);
    }

    [Fact]
    public void Fragments_woven_into_reported_speech_stay_there_with_their_speaker()
    {
        const string article = """
            Lena Ortiz, a researcher at the Granite Institute, has studied the talks.

            The envoy, she added, "should signal flexibility" so that Pyongyang "has a reason to wait" before its next test.

            Ortiz said failing to engage "would invite more launches."
            """;

        IReadOnlyList<ExtractedStatement> statements = QuoteExtractor.Extract(article);

        Assert.Equal(2, statements.Count);
        Assert.All(statements, s => Assert.Equal("Lena Ortiz", s.Speaker));
        Assert.All(statements, s => Assert.Equal(StatementKind.Reported, s.Kind));
        Assert.Equal("The envoy should signal flexibility so that Pyongyang has a reason to wait before its next test.", statements[0].Text);
        Assert.Equal("failing to engage would invite more launches.", statements[1].Text);
    }

    [Fact]
    public void A_parenthetical_attribution_joins_the_statement_around_it()
    {
        const string article = "That policy, said Rafael Quint, who advised two presidents and coined the phrase “strategic patience,” gave Pyongyang time to build.";

        ExtractedStatement statement = Assert.Single(QuoteExtractor.Extract(article));

        Assert.Equal("Rafael Quint", statement.Speaker);
        Assert.Equal("That policy gave Pyongyang time to build.", statement.Text);
        Assert.Equal(2, statement.Pieces.Count);
    }

    [Fact]
    public void Scare_quotes_and_titles_in_narration_are_not_statements()
    {
        const string article = """
            The so-called "maximum pressure" campaign was followed by a policy of “strategic patience.”

            A report titled "The Long Freeze" described the talks as “frozen in place.”

            Critics called the summit a “photo op.”
            """;

        Assert.Empty(QuoteExtractor.Extract(article));
    }

    [Fact]
    public void Headlines_captions_and_section_headings_hold_no_statements()
    {
        const string article = """
            Envoy Says “Door Is Open” to Talks

            Mira Holt, the envoy, speaks at a forum in Seoul on Monday

            'A different perspective'

            “Our door is open, and we mean it,” Holt said.
            """;

        ExtractedStatement statement = Assert.Single(QuoteExtractor.Extract(article));

        Assert.Equal("Mira Holt", statement.Speaker);
        Assert.Equal("envoy", statement.Role);
    }

    [Fact]
    public void Narration_with_speech_verbs_but_no_named_speaker_is_not_a_statement()
    {
        const string article = """
            Experts are urging the administration to reopen a channel to Pyongyang.

            Officials said the review would take months.

            The missile, which analysts said flew 600 kilometers, landed outside Japan's economic zone.

            Ivo Brandt declined to say whether talks were planned.
            """;

        Assert.Empty(QuoteExtractor.Extract(article));
    }

    [Fact]
    public void An_unnamed_source_keeps_the_articles_words_for_a_direct_quote()
    {
        const string article = "“We are ready to talk whenever they are,” a senior administration official said.";

        ExtractedStatement statement = Assert.Single(QuoteExtractor.Extract(article));

        Assert.Equal("a senior administration official", statement.Speaker);
        Assert.Null(statement.Role);
    }

    [Fact]
    public void A_question_before_its_attribution_stays_with_it()
    {
        const string article = "“Who will verify the freeze?” asked Dora Quill, a former inspector. “Nobody has answered that.”";

        ExtractedStatement statement = Assert.Single(QuoteExtractor.Extract(article));

        Assert.Equal("Dora Quill", statement.Speaker);
        Assert.Equal("Who will verify the freeze? Nobody has answered that.", statement.Text);
    }

    [Fact]
    public void A_dateline_is_not_part_of_the_statement()
    {
        const string article = "SEOUL — The North will test again within weeks, said Gen. Park Tae-soo, a retired commander.";

        ExtractedStatement statement = Assert.Single(QuoteExtractor.Extract(article));

        Assert.Equal("Park Tae-soo", statement.Speaker);
        Assert.Equal("The North will test again within weeks", statement.Text);
        Assert.Equal("General, a retired commander", statement.Role);
    }

    [Fact]
    public void A_dateline_is_not_the_subject_of_a_participle_attribution()
    {
        const string article = "SEOUL — Unification Minister Seo Min-jun toured the border on Friday, saying the government would propose military talks.";

        ExtractedStatement statement = Assert.Single(QuoteExtractor.Extract(article));

        Assert.Equal("Seo Min-jun", statement.Speaker);
        Assert.Equal("the government would propose military talks.", statement.Text);
    }

    [Fact]
    public void Each_statement_is_kept_once()
    {
        const string article = "“Enough,” said Omar Reyes. “Enough,” said Omar Reyes.";

        IReadOnlyList<ExtractedStatement> statements = QuoteExtractor.Extract(article);

        Assert.Equal(statements.Count, statements.Select(s => s.Start).Distinct().Count());
        Assert.All(statements, s => Assert.Equal("Omar Reyes", s.Speaker));
    }

    [Fact]
    public void Articles_with_one_paragraph_per_line_and_windows_line_endings_are_read_alike()
    {
        const string blank = "\"A freeze is a start,\" said Ana Lund.\n\n\"It is not an end,\" she added.\n";
        string perLine = "\"A freeze is a start,\" said Ana Lund.\r\n\"It is not an end,\" she added.\r\n";

        IReadOnlyList<ExtractedStatement> a = QuoteExtractor.Extract(blank);
        IReadOnlyList<ExtractedStatement> b = QuoteExtractor.Extract(perLine);

        Assert.Equal(a.Select(s => (s.Speaker, s.Text)), b.Select(s => (s.Speaker, s.Text)));
        Assert.Equal(2, a.Count);
    }

    [Fact]
    public void Text_and_offsets_are_consistent_with_the_article()
    {
        const string article = "Intro line.\n\n“Deterrence first,” Sen. Joel Amsel said.";

        ExtractedStatement statement = Assert.Single(QuoteExtractor.Extract(article));

        Assert.Equal("Deterrence first", article[statement.Start..statement.End]);
        Assert.Equal("Deterrence first", statement.Text);
    }

    [Fact]
    public void A_participle_after_the_main_clause_attributes_to_its_subject()
    {
        const string article = "Kremlin spokesman Pavel Orlin rejected the criticism on Friday, telling reporters that the exercises were \"nobody else's business.\"";

        ExtractedStatement statement = Assert.Single(QuoteExtractor.Extract(article));

        Assert.Equal("Pavel Orlin", statement.Speaker);
        Assert.Equal("Kremlin spokesman", statement.Role);
        Assert.Equal("the exercises were nobody else's business.", statement.Text);
    }

    [Fact]
    public void It_said_refers_to_the_body_named_just_before()
    {
        const string article = "North Korea's foreign ministry issued a statement on Sunday. It said the drills were \"a rehearsal for invasion.\"";

        ExtractedStatement statement = Assert.Single(QuoteExtractor.Extract(article));

        Assert.Equal("North Korea's foreign ministry", statement.Speaker);
        Assert.Equal(StatementKind.Reported, statement.Kind);
    }

    [Fact]
    public void A_long_title_with_and_stays_one_speakers_role()
    {
        const string article = "\"We have tools, and we will use them,\" said Assistant Secretary of State for East Asian and Pacific Affairs Nadia Brenner.";

        ExtractedStatement statement = Assert.Single(QuoteExtractor.Extract(article));

        Assert.Equal("Nadia Brenner", statement.Speaker);
        Assert.Equal("Assistant Secretary of State for East Asian and Pacific Affairs", statement.Role);
    }

    [Fact]
    public void Listed_speakers_are_joined()
    {
        const string article = "Mary Chen, John Okoro and Omar Haddad wrote in a joint paper that sanctions had failed to slow the program.";

        ExtractedStatement statement = Assert.Single(QuoteExtractor.Extract(article));

        Assert.Equal("Mary Chen, John Okoro and Omar Haddad", statement.Speaker);
    }

    [Fact]
    public void Empty_and_quote_free_articles_have_no_statements()
    {
        Assert.Empty(QuoteExtractor.Extract(string.Empty));
        Assert.Empty(QuoteExtractor.Extract("North Korea fired two missiles on Tuesday.\n\nJapan protested."));
    }
}
