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

    /// <summary>
    /// One head's explanation from the members of an ensemble (each computed for the ensemble's
    /// label and runner-up), each scaled by its weight: n-grams shared by members are merged (their
    /// weighted contributions summed, their values a weighted mean), score, bias and embedding
    /// contribution are weighted sums. One member of weight 1 is returned as it is.
    /// </summary>
    public static HeadExplanation Merge(IReadOnlyList<(HeadExplanation Explanation, float Weight)> parts, int top)
    {
        if (parts.Count == 1 && parts[0].Weight == 1f)
        {
            return parts[0].Explanation;
        }

        HeadExplanation first = parts[0].Explanation;
        var merged = new Dictionary<(string, FeatureKind), (float Value, float Weight, float Contribution, float RunnerUp)>();
        float score = 0f, bias = 0f, embedding = 0f;
        foreach ((HeadExplanation part, float weight) in parts)
        {
            score += weight * part.Score;
            bias += weight * part.Bias;
            embedding += weight * part.EmbeddingContribution;
            foreach (FeatureContribution f in part.Features)
            {
                merged.TryGetValue((f.Feature, f.Kind), out var sum);
                merged[(f.Feature, f.Kind)] = (sum.Value + (weight * f.Value), sum.Weight + weight, sum.Contribution + (weight * f.Contribution), sum.RunnerUp + (weight * f.RunnerUpContribution));
            }
        }

        List<FeatureContribution> strongest = merged
            .Select(p => new FeatureContribution(p.Key.Item1, p.Key.Item2, p.Value.Value / p.Value.Weight, p.Value.Contribution, p.Value.RunnerUp))
            .OrderByDescending(f => Math.Abs(f.Margin))
            .ThenBy(f => f.Feature, StringComparer.Ordinal)
            .ThenBy(f => f.Kind)
            .Take(top)
            .ToList();
        return first with { Score = score, Bias = bias, EmbeddingContribution = embedding, Features = strongest };
    }

    /// <summary>
    /// The most indicative features of an ensemble's head: each member's relative weights scaled by
    /// its weight, summed by feature (shared n-grams merged), the largest <paramref name="top"/> per
    /// label. One member of weight 1 is returned as it is.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<IndicativeFeature>> MergeIndicative(
        IReadOnlyList<(IReadOnlyDictionary<string, IReadOnlyList<IndicativeFeature>> Features, float Weight)> parts, int top)
    {
        if (parts.Count == 1 && parts[0].Weight == 1f)
        {
            return parts[0].Features;
        }

        var result = new Dictionary<string, IReadOnlyList<IndicativeFeature>>();
        foreach (string label in parts[0].Features.Keys)
        {
            var sums = new Dictionary<(string, FeatureKind), float>();
            foreach ((var features, float weight) in parts)
            {
                foreach (IndicativeFeature f in features[label])
                {
                    sums[(f.Feature, f.Kind)] = sums.GetValueOrDefault((f.Feature, f.Kind)) + (weight * f.Weight);
                }
            }

            result[label] = sums
                .OrderByDescending(p => p.Value)
                .ThenBy(p => p.Key.Item1, StringComparer.Ordinal)
                .ThenBy(p => p.Key.Item2)
                .Take(top)
                .Select(p => new IndicativeFeature(p.Key.Item1, p.Key.Item2, p.Value))
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
