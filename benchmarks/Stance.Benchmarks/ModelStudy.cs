using System.Diagnostics;
using System.Globalization;
using System.Text;
using Stance.Embeddings;
using Stance.Text;
using Stance.Training;

namespace Stance.Benchmarks;

/// <summary>
/// The model study of issue 12: trains feature recipes and trainers on a corpus file and reports,
/// for each, the corpus cross-validation (what selection uses by default) beside the real-quote
/// dev set (measurement; a choice made by it is reported as such). Usage:
/// <c>study --data data/statements.csv [--recipes a,b] [--trainers l2-1,l2-3] [--folds 5] [--out FILE.md]</c>.
/// </summary>
internal static class ModelStudy
{
    private static readonly TokenizerOptions Words = new(MarkNegation: true, FoldDigits: true);
    private static readonly TokenizerOptions WordsCues = Words with { ArgumentCues = true };
    private static readonly TokenizerOptions WordsChars = new(MarkNegation: true, FoldDigits: true, CharGramMin: 2, CharGramMax: 5);
    private static readonly TokenizerOptions WordsCharsCues = WordsChars with { ArgumentCues = true };
    private const string MiniLm = TransformerEncoder.MiniLmL6V2;
    private const string Arctic = TransformerEncoder.ArcticEmbedXs;
    private const string Both = MiniLm + "+" + Arctic;
    private const string Aspects = TransformerEncoder.MiniLmL6V2Aspects;
    private const string AspectsLayer3 = TransformerEncoder.MiniLmL6V2AspectsLayer3;

    public static readonly Dictionary<string, FeatureSettings> Recipes = new(StringComparer.Ordinal)
    {
        ["fast"] = new(Words, 2, "tfidf", 0f, null, 0f),
        ["fast-cues"] = new(WordsCues, 2, "tfidf", 0f, null, 0f),
        ["fast-w1"] = new(Words, 1, "tfidf", 0f, null, 0f),
        ["fast-cues-w1"] = new(WordsCues, 1, "tfidf", 0f, null, 0f),
        ["minilm"] = new(WordsChars, 2, "tfidf", 1f, MiniLm, 1f, 384),
        ["minilm-cues"] = new(WordsCharsCues, 2, "tfidf", 1f, MiniLm, 1f, 384),
        ["aspects-cues"] = new(WordsCharsCues, 2, "tfidf", 1f, Aspects, 1f, 1152),
        ["aspects-cues-nochar"] = new(WordsCues, 2, "tfidf", 0f, Aspects, 1.5f, 1152),
        ["aspects-layer3-cues"] = new(WordsCharsCues, 2, "tfidf", 1f, AspectsLayer3, 1f, 1536),
        ["aspects-cues-x2"] = new(WordsCharsCues, 2, "tfidf", 1f, Aspects, 2f, 1152),
        ["arctic"] = new(WordsChars, 2, "tfidf", 1f, Arctic, 1f, 384),
        ["arctic-cues"] = new(WordsCharsCues, 2, "tfidf", 1f, Arctic, 1f, 384),
        ["both"] = new(WordsChars, 2, "tfidf", 1f, Both, 1f, 768),
        ["both-cues"] = new(WordsCharsCues, 2, "tfidf", 1f, Both, 1f, 768),
        ["both-cues-heavy"] = new(WordsCharsCues, 2, "tfidf", 0.5f, Both, 2f, 768),
        ["both-cues-nochar"] = new(WordsCues, 2, "tfidf", 0f, Both, 1.5f, 768),
        ["both-cues-light"] = new(WordsCues, 1, "tfidf", 0f, Both, 3f, 768),
        ["minilm-cues-nochar"] = new(WordsCues, 2, "tfidf", 0f, MiniLm, 1.5f, 384),
        ["arctic-cues-nochar"] = new(WordsCues, 2, "tfidf", 0f, Arctic, 1.5f, 384),
    };

    public static readonly Dictionary<string, TrainerSettings> TrainerChoices = new(StringComparer.Ordinal)
    {
        ["l2-0.1"] = new(TrainerKind.LbfgsMaximumEntropy, L2: 0.1f, ClassWeighting: true),
        ["l2-1"] = new(TrainerKind.LbfgsMaximumEntropy, L2: 1f, ClassWeighting: true),
        ["l2-3"] = new(TrainerKind.LbfgsMaximumEntropy, L2: 3f, ClassWeighting: true),
        ["l2-10"] = new(TrainerKind.LbfgsMaximumEntropy, L2: 10f, ClassWeighting: true),
        ["svm-0.01"] = new(TrainerKind.OneVersusAllLinearSvm, L2: 0.01f, Iterations: 10, ClassWeighting: true),
    };

    public static int Run(string[] args)
    {
        string data = Option(args, "--data") ?? Paths.Corpus;
        string[] recipes = Option(args, "--recipes")?.Split(',') ?? ["fast", "fast-cues"];
        string[] trainers = Option(args, "--trainers")?.Split(',') ?? ["l2-1"];
        int folds = int.Parse(Option(args, "--folds") ?? "5", CultureInfo.InvariantCulture);
        List<RealQuotesBenchmark.Quote>? dev = RealQuotesBenchmark.DevSet();
        string work = Directory.CreateTempSubdirectory("stance-study-").FullName;
        var lines = new StringBuilder();
        lines.AppendLine($"study of {Path.GetFileName(data)}, {folds}-fold CV, {DateTime.UtcNow:yyyy-MM-dd HH:mm}Z");
        lines.AppendLine("| recipe | trainer | CV stance | CV sentiment | dev stance clear-cut | dev stance all | dev sentiment | dev ECE | off-topic max | minutes |");
        lines.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        Console.Write(lines);
        try
        {
            foreach (string recipe in recipes)
            {
                foreach (string trainer in trainers)
                {
                    var stopwatch = Stopwatch.StartNew();
                    string model = Path.Combine(work, $"{recipe}-{trainer}.zip");
                    TrainingResult result = ModelTrainer.Train(new TrainingOptions
                    {
                        DataPath = data,
                        OutputPath = model,
                        Folds = folds,
                        Features = [Recipes[recipe]],
                        Trainers = [TrainerChoices[trainer]],
                    });
                    string devFigures = "- | - | - | - | -";
                    if (dev is not null)
                    {
                        RealQuotesBenchmark.ModelReport r = RealQuotesBenchmark.Score(model, dev, new StringBuilder());
                        devFigures = $"{F(r.StanceClear.MacroF1)} | {F(r.StanceAll.MacroF1)} | {F(r.Sentiment.MacroF1)} | {F(r.Ece)} | {F(r.OffTopicMax)}";
                    }

                    string line = $"| {recipe} | {trainer} | {F(result.Metadata.Head("stance")!.CrossValidation!.MacroF1)} | {F(result.Metadata.Head("sentiment")?.CrossValidation!.MacroF1 ?? double.NaN)} | {devFigures} | {stopwatch.Elapsed.TotalMinutes:0.0} |";
                    Console.WriteLine(line);
                    lines.AppendLine(line);
                    if (Option(args, "--keep") is { } keep)
                    {
                        Directory.CreateDirectory(keep);
                        File.Copy(model, Path.Combine(keep, Path.GetFileName(model)), overwrite: true);
                    }
                }
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }

        if (Option(args, "--out") is { } output)
        {
            File.AppendAllText(output, lines.ToString() + Environment.NewLine);
        }

        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string F(double value) => double.IsNaN(value) ? "-" : value.ToString("0.000", CultureInfo.InvariantCulture);
}
