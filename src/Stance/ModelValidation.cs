using Stance.Scoring;

namespace Stance;

/// <summary>
/// Whole-model checks at load, so that a damaged or hand-edited model is refused with one line
/// naming what is wrong instead of giving wrong output or crashing later: the heads and labels of
/// <c>model.json</c> (present, named once, non-empty, distinct), and the compiled scorer against
/// them (same heads, same labels, the embedding length the features say, finite weights).
/// </summary>
internal static class ModelValidation
{
    /// <summary>The most labels a head may have (documented limit).</summary>
    public const int MaxLabels = 1000;

    public static void CheckMetadata(ModelMetadata metadata, string name)
    {
        string json = ModelFile.MetadataEntry;
        if (metadata.Heads is null || metadata.Heads.Count == 0)
        {
            throw new ModelLoadException(name, "has no prediction heads");
        }

        if (metadata.Heads.Any(h => h is null))
        {
            throw new ModelLoadException(name, $"{json}: a head is null");
        }

        // Explicitly two heads everywhere: a stance head, a sentiment head, or both, once each, stance first.
        string[] names = metadata.Heads.Select(h => h.Name ?? string.Empty).ToArray();
        if (names.Any(n => n is not (HeadNames.Stance or HeadNames.Sentiment)) || names.Distinct().Count() != names.Length || (names.Length == 2 && names[0] != HeadNames.Stance))
        {
            throw new ModelLoadException(name, $"{json} names the heads [{string.Join(", ", names)}]; a Stance model has a stance head, a sentiment head or both, once each, stance first");
        }

        foreach (HeadMetadata head in metadata.Heads)
        {
            IReadOnlyList<string> labels = head.Labels;
            if (labels.Count < 2 || labels.Count > MaxLabels)
            {
                throw new ModelLoadException(name, $"{json}: head '{head.Name}' has {labels.Count} label(s); a head has 2 to {MaxLabels}");
            }

            for (int i = 0; i < labels.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(labels[i]))
                {
                    throw new ModelLoadException(name, $"{json}: label {i + 1} of head '{head.Name}' is empty");
                }

                if (labels[i].Any(char.IsControl))
                {
                    throw new ModelLoadException(name, $"{json}: label {i + 1} of head '{head.Name}' holds a control character");
                }

                for (int j = 0; j < i; j++)
                {
                    if (labels[j] == labels[i])
                    {
                        throw new ModelLoadException(name, $"{json}: head '{head.Name}' has the label '{labels[i]}' twice (labels {j + 1} and {i + 1})");
                    }
                }
            }
        }

        int dimension = metadata.Features.EmbeddingDimension;
        if (dimension < 0 || dimension > 65_536 || (metadata.Features.Embedding is null && dimension != 0))
        {
            throw new ModelLoadException(name, $"{json}: impossible embedding dimension {dimension}");
        }

        if (!float.IsFinite(metadata.Features.CharBlockScale) || !float.IsFinite(metadata.Features.EmbeddingScale))
        {
            throw new ModelLoadException(name, $"{json}: a feature scale is not a finite number");
        }

        if (metadata.Parts is { } parts && parts.Any(p => p is null || p.Size < 0 || p.Sha256.Length != 64))
        {
            throw new ModelLoadException(name, $"{json}: a recorded part has no valid size or SHA-256");
        }
    }

    /// <summary>The compiled scorer must predict exactly the heads and labels of the metadata, with finite weights.</summary>
    public static void CheckScorer(LinearScorer scorer, ModelMetadata metadata, string name)
    {
        string bin = ModelFile.LinearScorerEntry;
        if (scorer.Heads.Count != metadata.Heads.Count)
        {
            throw new ModelLoadException(name, $"is inconsistent: {bin} has {scorer.Heads.Count} head(s), {ModelFile.MetadataEntry} {metadata.Heads.Count}; retrain the model with 'stance train'");
        }

        for (int h = 0; h < scorer.Heads.Count; h++)
        {
            LinearHead head = scorer.Heads[h];
            HeadMetadata expected = metadata.Heads[h];
            if (head.Name != expected.Name || !head.Labels.SequenceEqual(expected.Labels))
            {
                throw new ModelLoadException(name, $"is inconsistent: {bin} head '{head.Name}' has the labels [{string.Join(", ", head.Labels)}], {ModelFile.MetadataEntry} head '{expected.Name}' [{string.Join(", ", expected.Labels)}]; retrain the model with 'stance train'");
            }

            CheckFinite(head.Weights, $"the weights of head '{head.Name}'", name);
            CheckFinite(head.Biases, $"the biases of head '{head.Name}'", name);
            if (head.PlattSlopes.Any(v => !double.IsFinite(v)) || head.PlattOffsets.Any(v => !double.IsFinite(v)))
            {
                throw new ModelLoadException(name, $"is damaged: {bin} holds a calibration value of head '{head.Name}' that is not a finite number");
            }
        }

        CheckFinite(scorer.WordWeights, "the word n-gram weights", name);
        CheckFinite(scorer.CharWeights, "the character n-gram weights", name);
        if (scorer.EmbeddingDimension != metadata.Features.EmbeddingLength)
        {
            throw new ModelLoadException(name, $"is inconsistent: {bin} expects embeddings of {scorer.EmbeddingDimension} values, {ModelFile.MetadataEntry} says {metadata.Features.EmbeddingLength}; retrain the model with 'stance train'");
        }
    }

    private static void CheckFinite(float[] values, string what, string name)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                throw new ModelLoadException(name, $"is damaged: {ModelFile.LinearScorerEntry}: value {i} of {what} is {values[i]}, which is not a finite number; retrain the model with 'stance train'");
            }
        }
    }
}
