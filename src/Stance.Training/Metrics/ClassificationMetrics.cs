namespace Stance.Training.Metrics;

/// <summary>
/// The one metrics module of Stance: accuracy, per-class precision/recall/F1, macro-F1 and the
/// confusion matrix from gold and predicted label indexes. Used by cross-validation, evaluation,
/// the benchmarks and the tests.
/// </summary>
public static class ClassificationMetrics
{
    /// <summary>The report from gold and predicted label names; every name must be one of <paramref name="labels"/>.</summary>
    /// <exception cref="ArgumentException">A name is not one of the labels.</exception>
    public static ClassificationReport Compute(IReadOnlyList<string> labels, IEnumerable<string> gold, IEnumerable<string> predicted)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < labels.Count; i++)
        {
            index[labels[i]] = i;
        }

        int Of(string label) => index.TryGetValue(label, out int i) ? i : throw new ArgumentException($"'{label}' is not one of the labels ({string.Join(", ", labels)}).");
        return Compute(labels, gold.Select(Of).ToArray(), predicted.Select(Of).ToArray());
    }

    public static ClassificationReport Compute(IReadOnlyList<string> labels, IReadOnlyList<int> gold, IReadOnlyList<int> predicted)
    {
        if (gold.Count != predicted.Count)
        {
            throw new ArgumentException($"{gold.Count} gold labels but {predicted.Count} predictions");
        }

        int k = labels.Count;
        var matrix = new int[k][];
        for (int i = 0; i < k; i++)
        {
            matrix[i] = new int[k];
        }

        int correct = 0;
        for (int n = 0; n < gold.Count; n++)
        {
            matrix[gold[n]][predicted[n]]++;
            if (gold[n] == predicted[n])
            {
                correct++;
            }
        }

        var perClass = new ClassMetrics[k];
        for (int c = 0; c < k; c++)
        {
            int truePositives = matrix[c][c];
            int support = matrix[c].Sum();
            int predictedCount = Enumerable.Range(0, k).Sum(r => matrix[r][c]);
            double precision = predictedCount == 0 ? 0 : (double)truePositives / predictedCount;
            double recall = support == 0 ? 0 : (double)truePositives / support;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perClass[c] = new ClassMetrics(labels[c], precision, recall, f1, support);
        }

        return new ClassificationReport(
            labels,
            gold.Count,
            gold.Count == 0 ? 0 : (double)correct / gold.Count,
            perClass.Average(c => c.F1),
            perClass,
            matrix);
    }

    /// <summary>
    /// The mean F1 of the given labels only, such as SemEval-2016's stance score: the mean of
    /// F1(favor) and F1(against), where <c>none</c> counts only through its errors.
    /// </summary>
    public static double MeanF1(ClassificationReport report, params string[] labels) =>
        report.PerClass.Where(c => labels.Contains(c.Label)).Average(c => c.F1);
}
