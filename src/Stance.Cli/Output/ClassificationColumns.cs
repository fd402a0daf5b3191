using System.Globalization;

namespace Stance.Cli.Output;

/// <summary>
/// The output columns of a classification, for the heads a model has: <c>stance</c>,
/// <c>stance_confidence</c>, <c>sentiment</c>, <c>sentiment_confidence</c>, then one
/// <c>stance_p_&lt;label&gt;</c> / <c>sentiment_p_&lt;label&gt;</c> per label, then <c>error</c>.
/// </summary>
internal sealed class ClassificationColumns
{
    /// <summary>The label written instead of the predicted one when its confidence is below <c>--min-confidence</c>.</summary>
    public const string Uncertain = "uncertain";

    private readonly IReadOnlyList<HeadMetadata> _heads;
    private readonly float _minConfidence;

    public ClassificationColumns(ModelMetadata metadata, float minConfidence, IReadOnlyCollection<string> inputColumns)
    {
        _heads = metadata.Heads.OrderBy(h => h.Name == "stance" ? 0 : 1).ToList();
        _minConfidence = minConfidence;
        var names = new List<string>();
        foreach (HeadMetadata head in _heads)
        {
            names.Add(head.Name);
            names.Add(head.Name + "_confidence");
        }

        foreach (HeadMetadata head in _heads)
        {
            names.AddRange(head.Labels.Select(label => $"{head.Name}_p_{label}"));
        }

        names.Add("error");

        // An input column of the same name (a labeled file being classified) keeps its name; ours get a prefix.
        Prefix = names.Any(inputColumns.Contains) ? "predicted_" : string.Empty;
        Names = names.Select(n => Prefix + n).ToArray();
    }

    public string Prefix { get; }

    public IReadOnlyList<string> Names { get; }

    public IReadOnlyList<HeadMetadata> Heads => _heads;

    /// <summary>The label to report: the prediction, or <see cref="Uncertain"/> below the confidence threshold.</summary>
    public string Label(HeadPrediction prediction) => prediction.Confidence < _minConfidence ? Uncertain : prediction.Label;

    /// <summary>The values of the columns, in <see cref="Names"/> order.</summary>
    public void Values(Classification classification, List<string> values)
    {
        foreach (HeadMetadata head in _heads)
        {
            HeadPrediction? prediction = classification.Head(head.Name);
            values.Add(prediction is null ? string.Empty : Label(prediction));
            values.Add(prediction is null ? string.Empty : Number(prediction.Confidence));
        }

        foreach (HeadMetadata head in _heads)
        {
            HeadPrediction? prediction = classification.Head(head.Name);
            for (int k = 0; k < head.Labels.Count; k++)
            {
                values.Add(prediction is null ? string.Empty : Number(prediction.Probabilities[k]));
            }
        }

        values.Add(classification.Error ?? string.Empty);
    }

    public static string Number(float value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
