using System.Globalization;
using CsvHelper;

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
    private readonly int[] _offsets;
    private readonly float _minConfidence;

    public ClassificationColumns(ModelMetadata metadata, float minConfidence, IReadOnlyCollection<string> inputColumns)
    {
        _heads = metadata.Heads.OrderBy(h => h.Name == "stance" ? 0 : 1).ToList();

        // Where each head's probabilities start in a scored row (heads come in metadata order there).
        _offsets = _heads.Select(h => metadata.Heads.TakeWhile(other => other != h).Sum(other => other.Labels.Count)).ToArray();
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

    /// <summary>
    /// Writes the values of the columns, in <see cref="Names"/> order, as fields of the current
    /// record, from a scored row's probabilities (heads in metadata order), or the error when the
    /// text could not be classified.
    /// </summary>
    public void Write(ReadOnlySpan<float> probabilities, bool classified, CsvWriter writer)
    {
        for (int h = 0; h < _heads.Count; h++)
        {
            if (!classified)
            {
                writer.WriteField(string.Empty);
                writer.WriteField(string.Empty);
                continue;
            }

            ReadOnlySpan<float> head = probabilities.Slice(_offsets[h], _heads[h].Labels.Count);
            int best = 0;
            for (int k = 1; k < head.Length; k++)
            {
                if (head[k] > head[best])
                {
                    best = k;
                }
            }

            writer.WriteField(head[best] < _minConfidence ? Uncertain : _heads[h].Labels[best]);
            WriteNumber(writer, head[best]);
        }

        for (int h = 0; h < _heads.Count; h++)
        {
            for (int k = 0; k < _heads[h].Labels.Count; k++)
            {
                if (classified)
                {
                    WriteNumber(writer, probabilities[_offsets[h] + k]);
                }
                else
                {
                    writer.WriteField(string.Empty);
                }
            }
        }

        writer.WriteField(classified ? string.Empty : StanceClassifier.EmptyTextError);
    }

    public static string Number(float value) => value.ToString(NumberFormat, CultureInfo.InvariantCulture);

    private const string NumberFormat = "0.0000";

    /// <summary>Writes a probability with four decimals, as <see cref="Number"/> does, without allocating a string per value.</summary>
    private static void WriteNumber(CsvWriter writer, float value)
    {
        int scaled = (int)Math.Round(Math.Clamp(value, 0f, 1f) * 10_000.0, MidpointRounding.AwayFromZero);
        Span<char> text = stackalloc char[6];
        text[0] = (char)('0' + (scaled / 10_000));
        text[1] = '.';
        for (int i = 5; i >= 2; i--)
        {
            text[i] = (char)('0' + (scaled % 10));
            scaled /= 10;
        }

        writer.WriteField(text);
    }
}
