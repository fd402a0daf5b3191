namespace Stance.Scoring;

/// <summary>
/// Explanations computed from the linear model itself: a feature's contribution to a label's score
/// is its value times the label's weight. (ML.NET's feature contribution calculator does not support
/// multiclass models.)
/// </summary>
internal static class Explainer
{
    public static HeadExplanation Explain(LinearScorer scorer, LinearHead head, HeadPrediction prediction, ScoringScratch scratch, int top)
    {
        int label = head.Labels.PositionOf(prediction.Label);
        int runnerUp = RunnerUp(prediction.Probabilities, label);
        float embedding = 0f;
        float score = head.Biases[label];
        var features = new List<FeatureContribution>(scratch.FeatureCount);
        for (int i = 0; i < scratch.FeatureCount; i++)
        {
            int index = scratch.FeatureIndices[i];
            float value = scratch.FeatureValues[i];
            float contribution = value * head.Weight(index, label);
            score += contribution;
            (string name, FeatureKind kind) = scorer.FeatureName(index);
            if (kind == FeatureKind.Embedding)
            {
                embedding += contribution;
                continue;
            }

            features.Add(new FeatureContribution(name, kind, value, contribution, value * head.Weight(index, runnerUp)));
        }

        List<FeatureContribution> strongest = features
            .OrderByDescending(f => Math.Abs(f.Margin))
            .ThenBy(f => f.Feature, StringComparer.Ordinal)
            .Take(top)
            .ToList();
        return new HeadExplanation(head.Name, head.Labels[label], head.Labels[runnerUp], score, head.Biases[label], embedding, strongest);
    }

    /// <summary>
    /// For each label, the n-grams whose weight for it most exceeds their mean weight for the other
    /// labels: what, in the model as a whole, pulls a text toward that label.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<IndicativeFeature>> MostIndicative(LinearScorer scorer, LinearHead head, int top)
    {
        int classes = head.Labels.Count;
        int ngramFeatures = scorer.FeatureCount - scorer.EmbeddingDimension;
        var result = new Dictionary<string, IReadOnlyList<IndicativeFeature>>();
        for (int k = 0; k < classes; k++)
        {
            var scored = new List<(int Feature, float Weight)>(ngramFeatures);
            for (int f = 0; f < ngramFeatures; f++)
            {
                float others = 0f;
                for (int j = 0; j < classes; j++)
                {
                    if (j != k)
                    {
                        others += head.Weight(f, j);
                    }
                }

                float relative = head.Weight(f, k) - (classes > 1 ? others / (classes - 1) : 0f);
                scored.Add((f, relative));
            }

            result[head.Labels[k]] = scored
                .OrderByDescending(s => s.Weight)
                .ThenBy(s => s.Feature)
                .Take(top)
                .Select(s =>
                {
                    (string name, FeatureKind kind) = scorer.FeatureName(s.Feature);
                    return new IndicativeFeature(name, kind, s.Weight);
                })
                .ToList();
        }

        return result;
    }

    private static int RunnerUp(IReadOnlyList<LabelProbability> probabilities, int best)
    {
        int runnerUp = best == 0 ? 1 : 0;
        for (int k = 0; k < probabilities.Count; k++)
        {
            if (k != best && probabilities[k].Probability > probabilities[runnerUp].Probability)
            {
                runnerUp = k;
            }
        }

        return runnerUp;
    }
}
