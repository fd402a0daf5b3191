namespace Stance.Scoring;

/// <summary>How a head turns its per-class scores into probabilities.</summary>
internal enum HeadOutput
{
    /// <summary>Multinomial logistic regression (maximum entropy): softmax over the scores.</summary>
    Softmax,

    /// <summary>One binary model per class, each Platt-calibrated, normalized to sum to one.</summary>
    CalibratedOneVersusAll,
}

/// <summary>
/// One head of a compiled linear model: a weight per (feature, class), stored feature-major so that
/// the weights a sparse feature touches are adjacent, a bias per class, and the output function.
/// </summary>
internal sealed record LinearHead(
    string Name,
    IReadOnlyList<string> Labels,
    HeadOutput Output,
    float[] Weights,
    float[] Biases,
    double[] PlattSlopes,
    double[] PlattOffsets)
{
    public float Weight(int feature, int label) => Weights[(feature * Labels.Count) + label];

    /// <summary>Turns raw scores into probabilities in place.</summary>
    public void ApplyOutput(Span<float> probabilities)
    {
        if (Output == HeadOutput.Softmax)
        {
            Softmax(probabilities);
        }
        else
        {
            CalibrateAndNormalize(probabilities);
        }
    }

    private static void Softmax(Span<float> scores)
    {
        // ML.NET's MathUtils.SoftMax: log-sum-exp around the maximum, in double, then exp per class.
        int argMax = 0;
        float max = float.NegativeInfinity;
        for (int i = 0; i < scores.Length; i++)
        {
            if (scores[i] > max)
            {
                argMax = i;
                max = scores[i];
            }
        }

        double sum = 0;
        float floor = max - 30f;
        for (int i = 0; i < scores.Length; i++)
        {
            if (i != argMax && scores[i] > floor)
            {
                sum += Math.Exp(scores[i] - max);
            }
        }

        float logSum = sum > 0 ? (float)(max + Math.Log(1.0 + sum)) : max;
        for (int i = 0; i < scores.Length; i++)
        {
            scores[i] = (float)Math.Exp(scores[i] - logSum);
        }
    }

    private void CalibrateAndNormalize(Span<float> scores)
    {
        double sum = 0;
        for (int k = 0; k < scores.Length; k++)
        {
            float p = (float)(1.0 / (1.0 + Math.Exp((PlattSlopes[k] * scores[k]) + PlattOffsets[k])));
            scores[k] = p;
            if (!float.IsNaN(p) && p >= 0f)
            {
                sum += p;
            }
        }

        if (sum > 0)
        {
            for (int k = 0; k < scores.Length; k++)
            {
                scores[k] = (float)(scores[k] / sum);
            }
        }
    }
}
