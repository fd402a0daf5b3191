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
    private readonly float _minConfidence;

    public ClassificationColumns(IReadOnlyList<HeadMetadata> heads, float minConfidence, IReadOnlyCollection<string> inputColumns)
    {
        Heads = heads;
        _minConfidence = minConfidence;
        var names = new List<string>();
        foreach (HeadMetadata head in heads)
        {
            names.Add(head.Name);
            names.Add(head.Name + "_confidence");
        }

        foreach (HeadMetadata head in heads)
        {
            names.AddRange(head.Labels.Select(label => $"{head.Name}_p_{label}"));
        }

        names.Add("error");

        // An input column of the same name (a labeled file being classified) keeps its name; ours get
        // the first prefix that clashes with nothing (predicted_, then predicted2_ for a file that
        // was classified before...), so that no output column name is ever repeated.
        Prefix = string.Empty;
        for (int n = 1; names.Any(name => inputColumns.Contains(Prefix + name)); n++)
        {
            Prefix = n == 1 ? "predicted_" : $"predicted{n}_";
        }

        Names = names.Select(n => Prefix + n).ToArray();
    }

    public string Prefix { get; }

    public IReadOnlyList<string> Names { get; }

    /// <summary>The model's heads, in column order (stance first).</summary>
    public IReadOnlyList<HeadMetadata> Heads { get; }

    /// <summary>The label to report: the prediction, or <c>uncertain</c> below the confidence threshold.</summary>
    public string Label(HeadPrediction prediction) => prediction.LabelAt(_minConfidence);

    /// <summary>Writes the values of the columns of item <paramref name="index"/>, in <see cref="Names"/> order, as fields of the current record.</summary>
    public void Write<TItem>(ClassifiedBatch<TItem> batch, int index, CsvWriter writer)
    {
        bool classified = batch.IsClassified(index);
        for (int h = 0; h < Heads.Count; h++)
        {
            if (!classified)
            {
                writer.WriteField(string.Empty);
                writer.WriteField(string.Empty);
                continue;
            }

            ReadOnlySpan<float> probabilities = batch.Probabilities(index, h);
            int best = batch.Predicted(index, h);
            writer.WriteField(probabilities[best] < _minConfidence ? HeadPrediction.Uncertain : Heads[h].Labels[best]);
            WriteNumber(writer, probabilities[best]);
        }

        for (int h = 0; h < Heads.Count; h++)
        {
            ReadOnlySpan<float> probabilities = classified ? batch.Probabilities(index, h) : default;
            for (int k = 0; k < Heads[h].Labels.Count; k++)
            {
                if (classified)
                {
                    WriteNumber(writer, probabilities[k]);
                }
                else
                {
                    writer.WriteField(string.Empty);
                }
            }
        }

        writer.WriteField(batch.Error(index) ?? string.Empty);
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
