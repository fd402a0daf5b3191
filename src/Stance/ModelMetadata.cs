using System.Text.Json.Serialization;
using Stance.Text;

namespace Stance;

/// <summary>
/// Everything a model file says about itself: what it predicts, how it was trained and how well it
/// did in cross-validation. Stored as <c>model.json</c> inside the model file.
/// </summary>
public sealed record ModelMetadata
{
    /// <summary>The model file format this library writes. Files of another format are refused.</summary>
    public const int CurrentFormatVersion = 1;

    public required int FormatVersion { get; init; }

    /// <summary>Version of the Stance library that trained the model.</summary>
    public required string LibraryVersion { get; init; }

    public required DateTimeOffset CreatedUtc { get; init; }

    /// <summary>The tier an ensemble has (<see cref="Members"/> set).</summary>
    public const string EnsembleTier = "ensemble";

    /// <summary><c>fast</c> (n-gram features only), <c>accurate</c> (n-grams and sentence embeddings) or <c>ensemble</c> (several models averaged).</summary>
    public required string Tier { get; init; }

    /// <summary>The CSV column the model was trained on.</summary>
    public required string TextColumn { get; init; }

    /// <summary>
    /// How text becomes features. In an ensemble: the features of the member that uses a sentence
    /// encoder (else of the first member), which say which encoder is loaded and how text is
    /// tokenized for marking features; each member keeps its own in its own <c>model.json</c>.
    /// </summary>
    public required FeatureSettings Features { get; init; }

    /// <summary>The heads the model has, stance first when it has one.</summary>
    public required IReadOnlyList<HeadMetadata> Heads { get; init; }

    public required TrainingDataInfo TrainingData { get; init; }

    public required int Seed { get; init; }

    /// <summary>Number of cross-validation folds behind the metrics.</summary>
    public required int Folds { get; init; }

    /// <summary>The candidates tried by model selection, with their cross-validation scores; empty without selection.</summary>
    public IReadOnlyList<CandidateScore> Selection { get; init; } = [];

    /// <summary>
    /// The size and SHA-256 of every other file inside the model file (<c>pipeline.zip</c>,
    /// <c>linear-scorer.bin</c>), checked when the model is loaded. Null in models written before
    /// Stance recorded them, which are checked against the archive's own CRC-32 instead.
    /// </summary>
    public IReadOnlyList<ModelPart>? Parts { get; init; }

    /// <summary>
    /// For an ensemble (<see cref="Tier"/> <c>ensemble</c>): the member model files stored whole
    /// inside it, their weights and what they say about themselves. Null for a single model.
    /// </summary>
    public IReadOnlyList<ModelMember>? Members { get; init; }

    /// <summary>Whether the model is an ensemble of other models.</summary>
    [JsonIgnore]
    public bool IsEnsemble => Members is not null;

    /// <summary>The head with this name, or null.</summary>
    public HeadMetadata? Head(string name) => Heads.FirstOrDefault(h => h.Name == name);
}

/// <summary>One file inside a model file: its name, its size in bytes and the SHA-256 of its bytes (lower-case hex).</summary>
public sealed record ModelPart(string Name, long Size, string Sha256);

/// <summary>
/// One member of an ensemble: the inner file holding its model file (<c>members/accurate.zip</c>),
/// its weight in the mean of the probabilities, and a summary of its own <c>model.json</c>
/// (checked against it at load).
/// </summary>
/// <param name="Entry">The inner file, <c>members/NAME.zip</c>; its size and SHA-256 are in <see cref="ModelMetadata.Parts"/>.</param>
/// <param name="Weight">Its weight: finite, positive, the weights of all members summing to 1.</param>
/// <param name="Tier">The member's tier (<c>fast</c> or <c>accurate</c>).</param>
/// <param name="Features">The member's features, described (<see cref="FeatureSettings.Describe"/>).</param>
/// <param name="Heads">The member's heads: trainer and cross-validated macro-F1 and accuracy.</param>
public sealed record ModelMember(string Entry, double Weight, string Tier, string Features, IReadOnlyList<MemberHead> Heads);

/// <summary>One head of an ensemble member: its trainer and its own cross-validated macro-F1 and accuracy.</summary>
public sealed record MemberHead(string Name, string Trainer, double MacroF1, double Accuracy);

/// <summary>One prediction head (stance or sentiment): its labels, trainer and cross-validated quality.</summary>
/// <param name="Name"><c>stance</c> or <c>sentiment</c>.</param>
/// <param name="LabelColumn">The CSV column its labels came from.</param>
/// <param name="Labels">The labels in the order of every probability vector (ordinal order of the label text).</param>
/// <param name="Trainer">The trainer and its settings; null in an ensemble, whose members each have their own.</param>
/// <param name="CrossValidation">
/// Metrics over the out-of-fold predictions of k-fold cross-validation. In an ensemble: those of
/// the weighted mean of the members' out-of-fold probabilities (the same folds), or null when the
/// ensemble was packed without its training data and its own cross-validation was not measured.
/// </param>
/// <param name="Calibration">Out-of-fold accuracy by confidence band: how far a confidence can be trusted (empty when not measured).</param>
public sealed record HeadMetadata(
    string Name,
    string LabelColumn,
    IReadOnlyList<string> Labels,
    TrainerSettings? Trainer,
    ClassificationReport? CrossValidation,
    IReadOnlyList<CalibrationBin> Calibration);

/// <summary>Out-of-fold predictions whose confidence is in [<paramref name="From"/>, <paramref name="To"/>): how many, and how many were right.</summary>
public sealed record CalibrationBin(double From, double To, int Count, double Accuracy);

/// <summary>How text becomes features.</summary>
/// <param name="Tokenizer">Tokenization, negation marking and character n-gram lengths.</param>
/// <param name="WordNgramLength">Longest word n-gram (all shorter ones are used too).</param>
/// <param name="Weighting">n-gram weighting: <c>tf</c>, <c>idf</c> or <c>tfidf</c>.</param>
/// <param name="CharBlockScale">Weight of the L2-normalized character n-gram block relative to the word block.</param>
/// <param name="Embedding">Sentence encoder name (<c>minilm-l6-v2-int8d</c>) or null for none.</param>
/// <param name="EmbeddingScale">Weight of the (unit length) sentence embedding block.</param>
/// <param name="EmbeddingDimension">Length of the encoder's vectors (0 without an encoder; models of format 1 leave it out, and their encoders all give 384).</param>
public sealed record FeatureSettings(
    TokenizerOptions Tokenizer,
    int WordNgramLength,
    string Weighting,
    float CharBlockScale,
    string? Embedding,
    float EmbeddingScale,
    int EmbeddingDimension = 0)
{
    /// <summary>The length of the embedding block: <see cref="EmbeddingDimension"/>, or 384 for format-1 models that do not record it.</summary>
    [JsonIgnore]
    public int EmbeddingLength => Embedding is null ? 0 : EmbeddingDimension > 0 ? EmbeddingDimension : 384;

    /// <summary><c>fast</c> for n-grams only, <c>accurate</c> with sentence embeddings.</summary>
    [JsonIgnore]
    public string Tier => Embedding is null ? "fast" : "accurate";

    /// <summary>A short description for tables, such as <c>w1-2 tfidf c3-5 neg</c>.</summary>
    public string Describe()
    {
        var parts = new List<string> { $"w1-{WordNgramLength}", Weighting };
        if (Tokenizer.HasCharGrams)
        {
            parts.Add($"c{Tokenizer.CharGramMin}-{Tokenizer.CharGramMax}x{CharBlockScale:0.##}");
        }

        if (Tokenizer.MarkNegation)
        {
            parts.Add("neg");
        }

        if (Tokenizer.ArgumentCues)
        {
            parts.Add("cues");
        }

        if (Embedding is not null)
        {
            parts.Add($"emb x{EmbeddingScale:0.##}");
        }

        return string.Join(' ', parts);
    }
}

/// <summary>A trainer and its settings.</summary>
/// <param name="L1">L1 regularization (L-BFGS, SDCA).</param>
/// <param name="L2">L2 regularization (L-BFGS, SDCA); lambda for the linear SVM.</param>
/// <param name="Iterations">Passes over the data (SDCA, SVM) or trees (FastTree); 0 = trainer default.</param>
/// <param name="ClassWeighting">Weight each example by N / (labels x examples of its label).</param>
public sealed record TrainerSettings(TrainerKind Kind, float L1 = 0f, float L2 = 0f, int Iterations = 0, bool ClassWeighting = false)
{
    /// <summary>A short description such as <c>lbfgs-me(l1=0,l2=0.01)</c>.</summary>
    public string Describe()
    {
        static string F(float value) => value.ToString("0.#####", System.Globalization.CultureInfo.InvariantCulture);
        string settings = Kind switch
        {
            TrainerKind.SdcaMaximumEntropy or TrainerKind.LbfgsMaximumEntropy => $"l1={F(L1)},l2={F(L2)}",
            TrainerKind.OneVersusAllLinearSvm => $"lambda={F(L2)},iter={Iterations}",
            _ => $"trees={Iterations}",
        };
        string kind = Kind switch
        {
            TrainerKind.SdcaMaximumEntropy => "sdca-me",
            TrainerKind.LbfgsMaximumEntropy => "lbfgs-me",
            TrainerKind.OneVersusAllLinearSvm => "ova-svm",
            _ => "ova-fasttree",
        };
        return $"{kind}({settings}{(ClassWeighting ? ",balanced" : string.Empty)})";
    }
}

/// <summary>The trainers Stance can use for a head.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TrainerKind>))]
public enum TrainerKind
{
    /// <summary>Multinomial logistic regression by stochastic dual coordinate ascent.</summary>
    SdcaMaximumEntropy,

    /// <summary>Multinomial logistic regression by L-BFGS, with L1/L2 regularization.</summary>
    LbfgsMaximumEntropy,

    /// <summary>One linear SVM per label, Platt-calibrated, probabilities normalized.</summary>
    OneVersusAllLinearSvm,

    /// <summary>One boosted tree ensemble per label, calibrated (scored by ML.NET, not compiled).</summary>
    OneVersusAllFastTree,
}

/// <param name="FileName">File name (without directory) of the training CSV; with several files, their names joined by " + ".</param>
/// <param name="Sha256">SHA-256 of the training file's bytes, lower-case hex; with several files, of their hashes in order.</param>
/// <param name="RowCount">Rows used for training.</param>
/// <param name="SkippedRows">Rows skipped because their text was empty.</param>
public sealed record TrainingDataInfo(string FileName, string Sha256, int RowCount, int SkippedRows)
{
    /// <summary>Each training file when there were several (empty for one): so that any of them is known as training data.</summary>
    public IReadOnlyList<TrainingFileInfo> Files { get; init; } = [];

    /// <summary>Whether a file with the SHA-256 <paramref name="sha256"/> is (one of) the training data.</summary>
    public bool Includes(string sha256) =>
        string.Equals(sha256, Sha256, StringComparison.OrdinalIgnoreCase) || Files.Any(f => string.Equals(sha256, f.Sha256, StringComparison.OrdinalIgnoreCase));
}

/// <summary>One of several training files: its name (without directory), SHA-256 and rows used.</summary>
public sealed record TrainingFileInfo(string FileName, string Sha256, int RowCount);

/// <summary>One configuration tried by model selection and its mean cross-validation macro-F1 per head.</summary>
public sealed record CandidateScore(string Head, string Features, string Trainer, double MacroF1, bool Chosen);

/// <summary>Accuracy, macro-F1, per-class precision/recall/F1 and the confusion matrix of one head.</summary>
/// <param name="Labels">Label order of <see cref="PerClass"/> and of both axes of <see cref="ConfusionMatrix"/>.</param>
/// <param name="ConfusionMatrix">Row = true label, column = predicted label.</param>
public sealed record ClassificationReport(
    IReadOnlyList<string> Labels,
    int Count,
    double Accuracy,
    double MacroF1,
    IReadOnlyList<ClassMetrics> PerClass,
    IReadOnlyList<IReadOnlyList<int>> ConfusionMatrix);

/// <summary>Precision, recall and F1 of one label; <paramref name="Support"/> is its number of true examples.</summary>
public sealed record ClassMetrics(string Label, double Precision, double Recall, double F1, int Support);

[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    MaxDepth = 16)]
[JsonSerializable(typeof(ModelMetadata))]
internal sealed partial class ModelMetadataJson : JsonSerializerContext;
