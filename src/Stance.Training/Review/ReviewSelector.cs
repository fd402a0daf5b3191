using System.Text;

namespace Stance.Training.Review;

/// <summary>How <see cref="ReviewSelector"/> weighs its criteria.</summary>
/// <param name="PoolFactor">The candidates are this many times the number of picks, least certain first.</param>
/// <param name="Density">Exponent of the representativeness weight (mean similarity to all texts); 0 = none.</param>
/// <param name="BalanceLabels">Divide a candidate's score by 1 + the picks already predicted its label, so the picks spread over the labels.</param>
public sealed record ReviewSettings(int PoolFactor = ReviewSelector.PoolFactor, double Density = 1, bool BalanceLabels = true)
{
    /// <summary>
    /// The settings <c>stance review</c> uses: density and label balance on. Chosen on the TweetEval
    /// validation splits (never the test splits) among margin + diversity alone, + density, + balance and
    /// both (benchmarks/results/review-simulation.md).
    /// </summary>
    public static ReviewSettings Default { get; } = new();
}

/// <summary>
/// Chooses the statements whose labels would teach a model most (<c>stance review</c>): the least certain
/// ones, spread out over the n-gram space, no near-duplicates.
/// </summary>
/// <remarks>
/// <para>
/// Uncertainty is the margin between the model's two most probable labels (small margin = the model
/// hesitates between two labels; the classic margin sampling of active learning). Diversity: every text is
/// a TF vector of its word unigrams and bigrams (lower case, L2-normalized). The candidates are the
/// <see cref="PoolFactor"/> x n least certain texts (at least <see cref="MinPool"/>); from them the picks
/// are chosen greedily, each time the candidate with the highest
/// (1 - margin) x (1 - s) x d / (1 + k), where s is its highest cosine similarity to a text already
/// picked (so the next pick is unlike the others), d its density, the mean similarity to all texts (a
/// sample of 2,000 for large inputs; an outlier teaches little about the rest), and k the number of picks
/// already predicted its label (so the picks spread over the labels, which macro-F1 rewards: the rare
/// labels are where a small model errs most). A text whose similarity to a pick is
/// <see cref="DuplicateSimilarity"/> or more, or whose normalized text equals a pick's, is a
/// near-duplicate and never picked. Ties go to the earlier row, so the picks depend only on the texts and
/// the probabilities.
/// </para>
/// </remarks>
public static class ReviewSelector
{
    /// <summary>Cosine similarity of word 1-2-gram vectors at or above which two texts count as near-duplicates.</summary>
    public const double DuplicateSimilarity = 0.8;

    /// <summary>The candidates are this many times the number of picks, least certain first.</summary>
    public const int PoolFactor = 5;

    /// <summary>The fewest candidates considered.</summary>
    public const int MinPool = 100;

    /// <summary>The margin between the two highest probabilities (0 = a tie, 1 = certain).</summary>
    public static double Margin(IReadOnlyList<float> probabilities)
    {
        double first = 0, second = 0;
        foreach (float p in probabilities)
        {
            if (p > first)
            {
                second = first;
                first = p;
            }
            else if (p > second)
            {
                second = p;
            }
        }

        return first - second;
    }

    /// <summary>The indexes of up to <paramref name="count"/> texts to label next, in the order picked.</summary>
    public static IReadOnlyList<int> Pick(IReadOnlyList<string> texts, IReadOnlyList<double> margins, int count) =>
        Pick(texts, margins, count, ReviewSettings.Default);

    /// <summary>The indexes of up to <paramref name="count"/> texts to label next, with explicit settings (the simulation compares them).</summary>
    public static IReadOnlyList<int> Pick(IReadOnlyList<string> texts, IReadOnlyList<double> margins, int count, ReviewSettings settings, IReadOnlyList<string>? predicted = null)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(margins);
        if (texts.Count != margins.Count)
        {
            throw new ArgumentException("one margin per text", nameof(margins));
        }

        int poolSize = Math.Min(texts.Count, Math.Max(MinPool, settings.PoolFactor * count));
        int[] pool = Enumerable.Range(0, texts.Count).OrderBy(i => margins[i]).ThenBy(i => i).Take(poolSize).ToArray();
        var vectors = pool.ToDictionary(i => i, i => Vector(texts[i]));
        var density = pool.ToDictionary(i => i, _ => 1.0);
        if (settings.Density > 0)
        {
            // Representativeness: the mean similarity to (a fixed sample of) all texts, so outliers weigh less.
            int step = Math.Max(1, texts.Count / 2000);
            var sample = Enumerable.Range(0, texts.Count).Where(i => i % step == 0).Select(i => Vector(texts[i])).ToList();
            foreach (int i in pool)
            {
                density[i] = Math.Pow(sample.Average(v => Cosine(vectors[i], v)), settings.Density);
            }
        }

        var perLabel = new Dictionary<string, int>(StringComparer.Ordinal);
        var keys = pool.ToDictionary(i => i, i => Normalize(texts[i]));
        var closest = pool.ToDictionary(i => i, _ => 0.0);
        var picked = new List<int>();
        var pickedKeys = new HashSet<string>(StringComparer.Ordinal);
        var open = new List<int>(pool);
        while (picked.Count < count && open.Count > 0)
        {
            int best = -1;
            double bestScore = double.NegativeInfinity;
            foreach (int i in open)
            {
                double score = (1 - margins[i]) * (1 - closest[i]) * density[i];
                if (settings.BalanceLabels && predicted is not null)
                {
                    score /= 1 + perLabel.GetValueOrDefault(predicted[i]);
                }

                if (score > bestScore)
                {
                    best = i;
                    bestScore = score;
                }
            }

            open.Remove(best);
            picked.Add(best);
            if (predicted is not null)
            {
                perLabel[predicted[best]] = perLabel.GetValueOrDefault(predicted[best]) + 1;
            }

            pickedKeys.Add(keys[best]);
            open.RemoveAll(i =>
            {
                closest[i] = Math.Max(closest[i], Cosine(vectors[i], vectors[best]));
                return closest[i] >= DuplicateSimilarity || pickedKeys.Contains(keys[i]);
            });
        }

        return picked;
    }

    /// <summary>A random sample of <paramref name="count"/> indexes (the baseline the simulation compares with).</summary>
    public static IReadOnlyList<int> Random(int total, int count, Random random) =>
        Enumerable.Range(0, total).OrderBy(_ => random.Next()).Take(count).ToArray();

    /// <summary>Lower case, letters and digits only, one space between words: what makes two texts the same text.</summary>
    public static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (string word in Words(text))
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(word);
        }

        return builder.ToString();
    }

    /// <summary>The cosine similarity of the word 1-2-gram vectors of two texts.</summary>
    public static double Similarity(string a, string b) => Cosine(Vector(a), Vector(b));

    private static IEnumerable<string> Words(string text)
    {
        var word = new StringBuilder();
        foreach (char c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }

    private static Dictionary<string, double> Vector(string text)
    {
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        string? previous = null;
        foreach (string word in Words(text))
        {
            counts[word] = counts.GetValueOrDefault(word) + 1;
            if (previous is not null)
            {
                string bigram = previous + " " + word;
                counts[bigram] = counts.GetValueOrDefault(bigram) + 1;
            }

            previous = word;
        }

        double norm = Math.Sqrt(counts.Values.Sum(v => v * v));
        if (norm > 0)
        {
            foreach (string key in counts.Keys.ToList())
            {
                counts[key] /= norm;
            }
        }

        return counts;
    }

    private static double Cosine(Dictionary<string, double> a, Dictionary<string, double> b)
    {
        if (a.Count > b.Count)
        {
            (a, b) = (b, a);
        }

        double sum = 0;
        foreach ((string key, double value) in a)
        {
            if (b.TryGetValue(key, out double other))
            {
                sum += value * other;
            }
        }

        return sum;
    }
}
