namespace Stance.Server;

// The shapes of the JSON the handlers write (they write it directly, with the library's
// ClassificationJson), for the OpenAPI document.

/// <summary>The result for one text: the label, its confidence and the probability of each label per head; <c>error</c> for a text that could not be classified (empty).</summary>
public sealed record ClassifyResult(
    string Text,
    string? Stance,
    double? StanceConfidence,
    IReadOnlyDictionary<string, double>? StanceProbabilities,
    string? Sentiment,
    double? SentimentConfidence,
    IReadOnlyDictionary<string, double>? SentimentProbabilities,
    string? Error,
    HeadExplanationShape? StanceExplanation,
    HeadExplanationShape? SentimentExplanation);

/// <summary>Why a head chose its label (with <c>explain</c>): the features that pushed it, toward the label and the runner-up.</summary>
public sealed record HeadExplanationShape(string Label, string RunnerUp, double Score, double Bias, double EmbeddingContribution, IReadOnlyList<FeatureShape> Features);

/// <summary>One feature's contribution.</summary>
public sealed record FeatureShape(string Feature, string Kind, double Contribution, double RunnerUpContribution);

/// <summary>Which model answered.</summary>
public sealed record ModelShape(string Tier, int Generation);

/// <summary>The response of <c>/v1/classify</c>.</summary>
public sealed record ClassifyResponse(ModelShape Model, IReadOnlyList<ClassifyResult> Results);

/// <summary>One statement of an article: who, what, where (offsets and pieces as [start, end] pairs) and the labels.</summary>
public sealed record StatementShape(
    string Speaker,
    string? Role,
    string Text,
    string Kind,
    int Start,
    int End,
    IReadOnlyList<int[]> Pieces,
    string? Stance,
    double? StanceConfidence,
    IReadOnlyDictionary<string, double>? StanceProbabilities,
    string? Sentiment,
    double? SentimentConfidence,
    IReadOnlyDictionary<string, double>? SentimentProbabilities,
    string? Error);

/// <summary>One speaker: role, number of statements, and the count of each stance.</summary>
public sealed record SpeakerShape(string Speaker, string? Role, int Statements, IReadOnlyDictionary<string, int> Stances);

/// <summary>The response of <c>/v1/extract</c>.</summary>
public sealed record ExtractResponse(ModelShape Model, IReadOnlyList<StatementShape> Statements, IReadOnlyList<SpeakerShape> Speakers);

/// <summary>The response of <c>/healthz</c>.</summary>
public sealed record HealthResponse(string Status, string Model, string Tier, int Generation);
