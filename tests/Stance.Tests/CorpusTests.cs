using System.Text.RegularExpressions;
using Stance.Tests.Support;
using Stance.IO.Csv;

namespace Stance.Tests;

/// <summary>The shipped corpus keeps the shape its documentation promises.</summary>
public sealed partial class CorpusTests
{
    private static readonly string[] Stances = ["pro-engagement", "pro-pressure", "skeptical"];
    private static readonly string[] Sentiments = ["negative", "neutral", "positive"];
    private static readonly string[] Topics = ["north-korea", "iran", "russia", "china", "venezuela", "cuba", "syria", "libya", "myanmar"];

    private static readonly Lazy<List<Dictionary<string, string>>> Rows = new(() => Read(Repository.Corpus));

    [Fact]
    public void Every_row_has_the_documented_columns_and_valid_labels()
    {
        using (CsvTableReader reader = CsvTableReader.Open(Repository.Corpus, CsvFormat.Default))
        {
            Assert.Equal(["id", "text", "stance", "sentiment", "topic", "speaker_role", "source"], reader.Columns);
        }

        foreach (Dictionary<string, string> row in Rows.Value)
        {
            Assert.Contains(row["stance"], Stances);
            Assert.Contains(row["sentiment"], Sentiments);
            Assert.Contains(row["topic"], Topics);
            Assert.Contains(row["source"], new[] { "seed", "original" });
            Assert.False(string.IsNullOrWhiteSpace(row["speaker_role"]), row["id"]);
            int words = Words(row["text"]).Length;
            // Real quotes run from a clause to a paragraph (the dev set's 10th-90th percentiles are 12-49 words); wave 4 was written to that shape.
            Assert.True(words is >= 5 and <= 90, $"{row["id"]} has {words} words");
        }
    }

    [Fact]
    public void Ids_are_unique_and_texts_are_not_repeated()
    {
        Assert.Equal(Rows.Value.Count, Rows.Value.Select(r => r["id"]).Distinct().Count());
        Assert.Equal(Rows.Value.Count, Rows.Value.Select(r => string.Join(' ', Words(r["text"]))).Distinct().Count());
    }

    [Fact]
    public void No_two_rows_share_more_than_half_their_word_trigrams()
    {
        List<HashSet<string>> grams = Rows.Value.Select(r => Trigrams(r["text"])).ToList();
        var index = new Dictionary<string, List<int>>();
        for (int i = 0; i < grams.Count; i++)
        {
            foreach (string gram in grams[i])
            {
                if (!index.TryGetValue(gram, out List<int>? list))
                {
                    index[gram] = list = [];
                }

                list.Add(i);
            }
        }

        double worst = 0;
        string pair = string.Empty;
        for (int i = 0; i < grams.Count; i++)
        {
            var shared = new Dictionary<int, int>();
            foreach (string gram in grams[i])
            {
                foreach (int j in index[gram].Where(j => j > i))
                {
                    shared[j] = shared.GetValueOrDefault(j) + 1;
                }
            }

            foreach ((int j, int count) in shared)
            {
                double jaccard = (double)count / (grams[i].Count + grams[j].Count - count);
                if (jaccard > worst)
                {
                    worst = jaccard;
                    pair = $"{Rows.Value[i]["id"]} / {Rows.Value[j]["id"]}";
                }
            }
        }

        Assert.True(worst <= 0.5, $"rows {pair} have a word 3-gram Jaccard similarity of {worst:0.00}");
    }

    [Fact]
    public void The_distribution_stays_within_the_documented_bounds()
    {
        int total = Rows.Value.Count;
        Assert.True(total >= 8_000, $"{total} rows");
        foreach (string stance in Stances)
        {
            double share = Share(r => r["stance"] == stance);
            Assert.True(share is >= 0.28 and <= 0.40, $"{stance}: {share:P1}");
        }

        foreach (string sentiment in Sentiments)
        {
            double share = Share(r => r["sentiment"] == sentiment);
            Assert.True(share >= 0.20, $"{sentiment}: {share:P1}");
        }

        Assert.True(Share(r => r["topic"] == "north-korea") >= 0.55);
        Assert.True(Rows.Value.Select(r => r["topic"]).Distinct().Count() >= 5);
        Assert.True(Rows.Value.Select(r => r["speaker_role"]).Distinct().Count() >= 10);
    }

    [SeedArticleFact]
    public void Every_seed_statement_is_taken_from_the_seed_article()
    {
        string text = File.ReadAllText(Repository.SeedArticle);
        HashSet<string> article = Trigrams(text);
        HashSet<string> articleWords = Words(text).ToHashSet();
        List<Dictionary<string, string>> seed = Rows.Value.Where(r => r["source"] == "seed").ToList();

        Assert.Equal(22, seed.Count);
        foreach (Dictionary<string, string> row in seed)
        {
            // Pieces of one statement split by an attribution ("..., said Campbell, who ..., ...") are joined in the corpus.
            HashSet<string> grams = Trigrams(row["text"]);
            double found = (double)grams.Count(article.Contains) / grams.Count;
            Assert.True(found >= 0.6, $"{row["id"]}: only {found:P0} of its word trigrams are in the seed article");
            Assert.All(Words(row["text"]), word => Assert.Contains(word, articleWords));
        }
    }

    [Fact]
    public void The_second_labeling_pass_covers_a_fifth_of_the_first_waves_and_agrees_substantially()
    {
        List<Dictionary<string, string>> second = Read(Path.Combine(Repository.Root, "data", "agreement.csv"));
        Dictionary<string, Dictionary<string, string>> first = Rows.Value.ToDictionary(r => r["id"]);
        // Waves 4 on carry ids "w4-0001", "w5-0001", ...; waves 1-3 "s0001", the seed article "seed01".
        int earlier = Rows.Value.Count(r => !r["id"].StartsWith('w'));

        Assert.True(second.Count >= 0.2 * earlier, $"{second.Count} of {earlier} rows of waves 1-3 relabeled");
        Assert.True(Kappa(second.Select(s => (first[s["id"]]["stance"], s["second_stance"])).ToList()) >= 0.8);
        Assert.True(Kappa(second.Select(s => (first[s["id"]]["sentiment"], s["second_sentiment"])).ToList()) >= 0.7);
    }

    [Theory]
    [InlineData("w4-", "agreement-wave4.csv")]
    [InlineData("w5-", "agreement-wave5.csv")]
    [InlineData("w6-", "agreement-wave6.csv")]
    public void Every_row_of_waves_4_to_6_was_labeled_twice_and_each_disagreement_adjudicated(string prefix, string file)
    {
        List<Dictionary<string, string>> passes = Read(Path.Combine(Repository.Root, "data", file));
        Dictionary<string, Dictionary<string, string>> corpus = Rows.Value.ToDictionary(r => r["id"]);

        Assert.NotEmpty(passes);
        Assert.Equal(
            Rows.Value.Where(r => r["id"].StartsWith(prefix, StringComparison.Ordinal)).Select(r => r["id"]).Order(StringComparer.Ordinal),
            passes.Select(p => p["id"]).Order(StringComparer.Ordinal));
        foreach (Dictionary<string, string> pass in passes)
        {
            string[] adjudicated = pass["adjudicated"].Split(';', StringSplitOptions.RemoveEmptyEntries);
            foreach (string field in new[] { "stance", "sentiment" })
            {
                string writer = pass["writer_" + field];
                string independent = pass["second_" + field];
                if (writer == independent)
                {
                    // Where the two readers agree, the corpus carries their label.
                    Assert.Equal(writer, corpus[pass["id"]][field]);
                }
                else
                {
                    Assert.Contains(field, adjudicated);
                }
            }
        }

        Assert.True(Kappa(passes.Select(p => (p["writer_stance"], p["second_stance"])).ToList()) >= 0.8);
        Assert.True(Kappa(passes.Select(p => (p["writer_sentiment"], p["second_sentiment"])).ToList()) >= 0.7);
    }

    /// <summary>
    /// The real-quote dev set is for measurement only: no corpus row may copy or closely paraphrase
    /// one of its quotes (word 3-gram Jaccard above 0.2, or a run of 8 words in common).
    /// </summary>
    [RealQuotesFact]
    public void No_row_copies_or_closely_follows_a_real_quote_of_the_dev_set()
    {
        List<string> quotes = Read(Repository.RealQuotesDev!).Select(r => r["text"]).ToList();
        var runs = new Dictionary<string, int>();
        List<HashSet<string>> quoteGrams = quotes.Select(Trigrams).ToList();
        for (int q = 0; q < quotes.Count; q++)
        {
            foreach (string run in Runs(quotes[q], 8))
            {
                runs.TryAdd(run, q);
            }
        }

        foreach (Dictionary<string, string> row in Rows.Value)
        {
            foreach (string run in Runs(row["text"], 8))
            {
                Assert.False(runs.TryGetValue(run, out int q), $"{row["id"]} shares the 8 words \"{run}\" with dev quote {q + 1}");
            }

            HashSet<string> grams = Trigrams(row["text"]);
            for (int q = 0; q < quoteGrams.Count; q++)
            {
                int shared = grams.Count(quoteGrams[q].Contains);
                double jaccard = shared == 0 ? 0 : (double)shared / (grams.Count + quoteGrams[q].Count - shared);
                Assert.True(jaccard <= 0.2, $"{row["id"]} and dev quote {q + 1} have a word 3-gram Jaccard similarity of {jaccard:0.00}");
            }
        }
    }

    private static IEnumerable<string> Runs(string text, int length)
    {
        string[] words = Words(text);
        for (int i = 0; i + length <= words.Length; i++)
        {
            yield return string.Join(' ', words, i, length);
        }
    }

    private static double Kappa(List<(string First, string Second)> pairs)
    {
        double observed = pairs.Count(p => p.First == p.Second) / (double)pairs.Count;
        double expected = pairs.Select(p => p.First).Distinct()
            .Sum(label => pairs.Count(p => p.First == label) / (double)pairs.Count * pairs.Count(p => p.Second == label) / pairs.Count);
        return (observed - expected) / (1 - expected);
    }

    private static double Share(Func<Dictionary<string, string>, bool> predicate) => Rows.Value.Count(predicate) / (double)Rows.Value.Count;

    private static string[] Words(string text) => WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToArray();

    private static HashSet<string> Trigrams(string text)
    {
        string[] words = Words(text);
        return Enumerable.Range(0, Math.Max(0, words.Length - 2)).Select(i => $"{words[i]} {words[i + 1]} {words[i + 2]}").ToHashSet();
    }

    private static List<Dictionary<string, string>> Read(string path) => Corpus.Rows(path);

    [GeneratedRegex(@"[\p{L}\p{N}']+")]
    private static partial Regex WordPattern();
}
