using System.Diagnostics;
using System.Globalization;
using System.Text;
using Stance.Embeddings;
using Stance.Extensibility;
using Stance.Training;
using Stance.Training.Data;
using Stance.Training.Metrics;
using Stance.Training.Pipeline;
using Stance.Training.Review;
using Stance.Training.Selection;

namespace Stance.Benchmarks;

/// <summary>
/// The active-learning simulation behind <c>stance review</c>: a public set's train split is the unlabeled
/// pool, 20 random rows of it start labeled, and each round a fast-tier model (the default recipe, no
/// selection) is trained on the labeled rows, the strategy picks 20 more from the rest of the pool (their
/// labels revealed only then), and macro-F1 on the test split is recorded. Review's strategy
/// (<see cref="ReviewSelector"/>) against random picks; 5 rounds, 5 seeds. Writes
/// benchmarks/results/review-simulation.md. Usage: <c>review-simulation [--seeds 5] [--rounds 5] [--batch 20] [--sets tweeteval,nyt] [--tier fast|accurate|ensemble] [--strategies review,random,diversity,density,balance,pool10,committee] [--score test|val|holdout]</c>
/// (<c>holdout</c>: 60% of the train split is the pool and the other 40% is scored, so settings can be compared without the test split;
/// <c>ensemble</c>: each round trains a fast and an accurate model and averages their probabilities, as the default model does).
/// Skips when ../shared/benchmarks is absent.
/// </summary>
internal static class ReviewSimulation
{
    public static int Run(string[] args)
    {
        string? shared = Paths.SharedBenchmarks;
        if (shared is null)
        {
            Console.WriteLine("review simulation skipped: ../shared/benchmarks (the public data sets) is not beside the repository");
            return 0;
        }

        int seeds = Argument(args, "--seeds", 5), rounds = Argument(args, "--rounds", 5), batch = Argument(args, "--batch", 20), start = Argument(args, "--start", 20);
        string sets = args.SkipWhile(a => a != "--sets").Skip(1).FirstOrDefault() ?? "tweeteval,nyt";
        string split = args.SkipWhile(a => a != "--score").Skip(1).FirstOrDefault() ?? "test";
        string tier = args.SkipWhile(a => a != "--tier").Skip(1).FirstOrDefault() ?? Tiers.Fast;
        string[] strategies = (args.SkipWhile(a => a != "--strategies").Skip(1).FirstOrDefault() ?? "review,random").Split(',');
        var tasks = new List<(string Name, string Head, string Train, string Test)>();
        if (sets.Contains("tweeteval", StringComparison.Ordinal))
        {
            tasks.AddRange(Paths.TweetEvalStanceTargets.Select(t => ($"TweetEval stance-{t}", "stance", Path.Combine(shared, "tweeteval", $"stance-{t}", "train.csv"), Path.Combine(shared, "tweeteval", $"stance-{t}", $"{(split == "holdout" ? "train" : split)}.csv"))));
        }

        if (sets.Contains("nyt", StringComparison.Ordinal))
        {
            tasks.Add(("NYT editorials (sentiment)", "sentiment", Path.Combine(shared, "nyt-editorials", "train.csv"), Path.Combine(shared, "nyt-editorials", "test.csv")));
        }

        string work = Directory.CreateTempSubdirectory("stance-review-simulation-").FullName;
        var stopwatch = Stopwatch.StartNew();
        var curves = new List<Curve>();
        try
        {
            foreach ((string name, string head, string train, string test) in tasks)
            {
                var options = new DatasetOptions { HeadColumns = [new HeadColumn(head, "label", Explicit: true)], RequireTrainableLabels = false };
                LabeledDataset pool = DatasetLoader.Load(train, options);
                LabeledDataset testSet = DatasetLoader.Load(test, options);
                ClassifierOptions classifierOptions = new();
                if (tier is Tiers.Accurate or "ensemble")
                {
                    // Each text is embedded once per set; the models of every round read the same vectors
                    // (the managed encoder is deterministic, so this changes nothing but the time taken).
                    using ISentenceEncoder encoder = new SentenceEncoders().Create(CandidateSet.AccurateFeatures.Embedding!);
                    float[][] embeddings = encoder.EncodeMany(pool.Examples.Select(e => e.Text).ToList(), Environment.ProcessorCount);
                    float[][] tested = encoder.EncodeMany(testSet.Examples.Select(e => e.Text).ToList(), Environment.ProcessorCount);
                    var known = new Dictionary<string, float[]>(StringComparer.Ordinal);
                    for (int i = 0; i < pool.Examples.Count; i++)
                    {
                        known.TryAdd(pool.Examples[i].Text, embeddings[i]);
                    }

                    for (int i = 0; i < testSet.Examples.Count; i++)
                    {
                        known.TryAdd(testSet.Examples[i].Text, tested[i]);
                    }

                    classifierOptions = new ClassifierOptions { EncoderProviders = [new CachedEncoders(known)] };
                }

                foreach (string strategy in strategies)
                {
                    var scores = new double[seeds, rounds + 1];
                    for (int seed = 1; seed <= seeds; seed++)
                    {
                        double[] curve;
                        if (split == "holdout")
                        {
                            // Settings are chosen on the train split alone: 60% of it (shuffled by seed) is the pool, 40% is scored.
                            int[] order = Enumerable.Range(0, pool.Examples.Count).ToArray();
                            new Random(seed * 104729).Shuffle(order);
                            int cut = pool.Examples.Count * 6 / 10;
                            LabeledDataset part = pool with { Examples = order[..cut].Select(i => pool.Examples[i]).ToList() };
                            LabeledDataset held = pool with { Examples = order[cut..].Select(i => pool.Examples[i]).ToList() };
                            curve = Simulate(part, held, strategy, seed, rounds, batch, start, work, tier, classifierOptions);
                        }
                        else
                        {
                            curve = Simulate(pool, testSet, strategy, seed, rounds, batch, start, work, tier, classifierOptions);
                        }

                        for (int r = 0; r <= rounds; r++)
                        {
                            scores[seed - 1, r] = curve[r];
                        }

                        Console.WriteLine($"{name}, {strategy}, seed {seed}: {string.Join(" ", curve.Select(P))} ({stopwatch.Elapsed.TotalMinutes:0.0} min)");
                    }

                    curves.Add(new Curve(name, strategy, Enumerable.Range(0, rounds + 1).Select(r => Enumerable.Range(0, seeds).Average(s => scores[s, r])).ToArray(),
                        Enumerable.Range(0, rounds + 1).Select(r => StandardDeviation(Enumerable.Range(0, seeds).Select(s => scores[s, r]).ToArray())).ToArray()));
                }
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }

        Directory.CreateDirectory(Paths.Results);
        // Only the test-split run is the published figure; the runs that compare settings on the train or
        // validation splits write a file of their own, so they never overwrite it.
        string path = Path.Combine(Paths.Results, split == "test" ? "review-simulation.md" : $"review-simulation-{split}.md");
        File.WriteAllText(path, Markdown(curves, seeds, rounds, batch, start, tier, split, string.Join(' ', args), stopwatch.Elapsed));
        Console.WriteLine($"wrote {path}");
        return 0;
    }

    /// <summary>One run: macro-F1 on the test split after 0, 1, ..., rounds rounds of picks.</summary>
    private static double[] Simulate(LabeledDataset pool, LabeledDataset test, string strategy, int seed, int rounds, int batch, int start, string work, string tier, ClassifierOptions classifierOptions)
    {
        var random = new Random(seed);
        var labeled = new List<int>(ReviewSelector.Random(pool.Examples.Count, start, random));
        var picker = new Random(seed * 7919);
        var curve = new double[rounds + 1];
        IReadOnlyList<string> labels = pool.Heads[0].Labels;
        string head = pool.Heads[0].Name;

        // The ensemble learner is what `stance combine` ships by default: a fast and an accurate model
        // trained on the same rows, their probabilities averaged 0.5/0.5 (EnsembleTests pin that
        // the combined model scores exactly this mean).
        string[] memberTiers = tier == "ensemble" ? [Tiers.Fast, Tiers.Accurate] : [tier];
        for (int round = 0; ; round++)
        {
            LabeledDataset subset = pool with { Examples = labeled.Select(i => pool.Examples[i]).ToList(), Heads = [pool.Heads[0] with { Labels = labeled.Select(i => pool.Examples[i].Labels[0]).Distinct().Order(StringComparer.Ordinal).ToList() }] };
            var members = new List<StanceClassifier>();
            foreach (string memberTier in memberTiers)
            {
                string model = Path.Combine(work, $"{strategy}-{seed}-{round}-{memberTier}-{Guid.NewGuid():N}.zip");
                ModelTrainer.Train(subset, new TrainingOptions { DataPath = pool.Path, OutputPath = model, Select = false, Tier = memberTier, Folds = 2, Seed = seed });
                members.Add(StanceClassifier.Load(model, classifierOptions));
                File.Delete(model);
            }

            try
            {
                IReadOnlyList<string> trainedLabels = members[0].Heads.Single(h => h.Name == head).Labels;
                string[] predicted = Mean(Probabilities(members, test.Examples.Select(e => e.Text).ToList(), head)).Select(p => trainedLabels[ProbabilityLayout.ArgMax(p)]).ToArray();
                curve[round] = ClassificationMetrics.Compute(labels, test.Examples.Select(e => e.Labels[0]), predicted).MacroF1;
                if (round == rounds)
                {
                    return curve;
                }

                var taken = new HashSet<int>(labeled);
                int[] unlabeled = Enumerable.Range(0, pool.Examples.Count).Where(i => !taken.Contains(i)).ToArray();
                IEnumerable<int> picks;
                if (strategy != "random")
                {
                    List<string> texts = unlabeled.Select(i => pool.Examples[i].Text).ToList();
                    float[][][] perMember = Probabilities(members, texts, head);
                    float[][] mean = Mean(perMember);
                    double[] margins = strategy == "committee"
                        ? perMember.Length < 2 ? throw new ArgumentException("the committee strategy needs --tier ensemble") : Enumerable.Range(0, texts.Count).Select(i => 1 - Disagreement(perMember[0][i], perMember[1][i])).ToArray()
                        : strategy == "entropy" ? mean.Select(p => 1 - (p.Sum(q => q > 0 ? -q * Math.Log(q) : 0) / Math.Log(p.Length))).ToArray()
                        : mean.Select(p => ReviewSelector.Margin(p)).ToArray();
                    string[] predictedLabels = mean.Select(p => trainedLabels[ProbabilityLayout.ArgMax(p)]).ToArray();
                    picks = ReviewSelector.Pick(texts, margins, batch, Settings(strategy), predictedLabels).Select(p => unlabeled[p]);
                }
                else
                {
                    picks = ReviewSelector.Random(unlabeled.Length, batch, picker).Select(p => unlabeled[p]);
                }

                labeled.AddRange(picks);
            }
            finally
            {
                members.ForEach(m => m.Dispose());
            }
        }
    }

    /// <summary>[member][text][label]: each member's probabilities of one head, in the head's label order.</summary>
    private static float[][][] Probabilities(List<StanceClassifier> members, List<string> texts, string head) =>
        members.Select(m => m.ClassifyMany(texts).Select(c => c.Head(head)!.Probabilities.Select(p => p.Probability).ToArray()).ToArray()).ToArray();

    private static float[][] Mean(float[][][] perMember) =>
        Enumerable.Range(0, perMember[0].Length).Select(i => Enumerable.Range(0, perMember[0][i].Length).Select(k => perMember.Average(m => m[i][k])).ToArray()).ToArray();

    /// <summary>Total variation distance between two members' distributions (0 = they agree, 1 = disjoint): query by committee.</summary>
    private static double Disagreement(float[] a, float[] b) => 0.5 * a.Zip(b, (x, y) => Math.Abs(x - y)).Sum();

    /// <summary>review = what <c>stance review</c> does (margin, diversity, density, label balance); the others leave parts out, for the study.</summary>
    private static ReviewSettings Settings(string strategy) => strategy switch
    {
        "review" => ReviewSettings.Default,
        "diversity" => ReviewSettings.Default with { Density = 0, BalanceLabels = false },
        "density" => ReviewSettings.Default with { Density = 1, BalanceLabels = false },
        "balance" => ReviewSettings.Default with { Density = 0, BalanceLabels = true },
        "pool10" => ReviewSettings.Default with { PoolFactor = 10 },
        "committee" => ReviewSettings.Default,
        "entropy" => ReviewSettings.Default,
        _ => throw new ArgumentException($"unknown strategy {strategy}"),
    };

    /// <summary>The accurate tier's encoder with every text of the simulation already embedded.</summary>
    private sealed class CachedEncoders(Dictionary<string, float[]> known) : ISentenceEncoderProvider
    {
        public IReadOnlyList<string> Names { get; } = [CandidateSet.AccurateFeatures.Embedding!];

        public ISentenceEncoder Create(string name) => new Cached(known, name, new Lazy<ISentenceEncoder>(() => new SentenceEncoders().Create(name)));

        /// <summary>Loads the real encoder only for a text it has not seen.</summary>
        private sealed class Cached(Dictionary<string, float[]> known, string name, Lazy<ISentenceEncoder> lazy) : ISentenceEncoder
        {
            private ISentenceEncoder inner => lazy.Value;

            public string Name => name;

            public int Dimension => known.Values.First().Length;

            public void Encode(ReadOnlySpan<char> text, Span<float> destination)
            {
                if (known.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text, out float[]? vector))
                {
                    vector.CopyTo(destination);
                }
                else
                {
                    inner.Encode(text, destination);
                }
            }

            public float[][] EncodeMany(IReadOnlyList<string> texts, int maxDegreeOfParallelism) =>
                texts.Select(t => known.TryGetValue(t, out float[]? v) ? (float[])v.Clone() : inner.EncodeMany([t], 1)[0]).ToArray();

            public void Dispose()
            {
                if (lazy.IsValueCreated)
                {
                    lazy.Value.Dispose();
                }
            }
        }
    }

    private sealed record Curve(string Set, string Strategy, double[] Mean, double[] Sd);

    private static string Markdown(List<Curve> curves, int seeds, int rounds, int batch, int start, string tier, string split, string arguments, TimeSpan elapsed)
    {
        var text = new StringBuilder();
        text.AppendLine("# Review simulation: labeling review's picks against random picks");
        text.AppendLine();
        text.AppendLine($"Produced by `dotnet run -c Release --project benchmarks/Stance.Benchmarks -- review-simulation{(arguments.Length > 0 ? " " + arguments : "")}` on {DateTime.UtcNow:yyyy-MM-dd} ({Environment.ProcessorCount} cores, {elapsed.TotalMinutes:0.0} min).");
        text.AppendLine($"Pool: each set's train split, unlabeled; {start} random rows start labeled; {rounds} rounds of {batch} picks, each round a {tier}-tier model");
        text.AppendLine("(default recipe, no selection) trained on the labeled rows, which picks the next rows (their labels revealed only then);");
        string scored = split switch { "holdout" => "the 40% of each train split held out of the pool", "val" => "the validation split", _ => "the test split" };
        text.AppendLine($"macro-F1 over all labels on {scored}, mean of {seeds} seeds (standard deviation in brackets). `review` is `stance review`'s");
        text.AppendLine("strategy (least margin between the two top probabilities, diverse over word 1-2-grams, weighted by density, spread over the predicted");
        text.AppendLine("labels, near-duplicates removed); `diversity` is margin and diversity alone (no density, no label balance); `committee` (with `--tier ensemble`)");
        text.AppendLine("picks where the fast and accurate members' distributions differ most; `random` picks at random.");
        text.AppendLine("Review's settings were chosen on the TweetEval validation splits (`--score val`), never on the test splits.");
        text.AppendLine();
        text.Append("| set | strategy |");
        for (int r = 0; r <= rounds; r++)
        {
            text.Append(CultureInfo.InvariantCulture, $" {start + (r * batch)} labeled |");
        }

        text.AppendLine();
        text.Append("|---|---|").AppendLine(string.Concat(Enumerable.Repeat("---|", rounds + 1)));
        foreach (Curve c in curves)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {c.Set} | {c.Strategy} |");
            for (int r = 0; r <= rounds; r++)
            {
                text.Append(CultureInfo.InvariantCulture, $" {P(c.Mean[r])} ({P(c.Sd[r])}) |");
            }

            text.AppendLine();
        }

        var stance = curves.Where(c => c.Set.StartsWith("TweetEval", StringComparison.Ordinal)).ToList();
        foreach (string strategy in stance.Select(c => c.Strategy).Distinct())
        {
            text.Append(CultureInfo.InvariantCulture, $"| **TweetEval, mean of the targets** | {strategy} |");
            AppendMean(text, stance.Where(c => c.Strategy == strategy).ToList(), rounds);
        }

        if (stance.Any(c => c.Strategy == "review") && stance.Any(c => c.Strategy == "random"))
        {
            double gain = stance.Where(c => c.Strategy == "review").Average(c => c.Mean[rounds]) - stance.Where(c => c.Strategy == "random").Average(c => c.Mean[rounds]);
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"After {rounds * batch} picks ({start + (rounds * batch)} labeled), review's picks score {gain * 100:+0.0;-0.0} points of stance macro-F1 against random picks (TweetEval, mean of the five targets and {seeds} seeds).");
        }

        return text.ToString();
    }

    private static void AppendMean(StringBuilder text, List<Curve> curves, int rounds)
    {
        for (int r = 0; r <= rounds; r++)
        {
            text.Append(CultureInfo.InvariantCulture, $" **{P(curves.Average(c => c.Mean[r]))}** |");
        }

        text.AppendLine();
    }

    private static double StandardDeviation(double[] values)
    {
        double mean = values.Average();
        return values.Length < 2 ? 0 : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
    }

    private static int Argument(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string P(double value) => (value * 100).ToString("0.0", CultureInfo.InvariantCulture);
}
