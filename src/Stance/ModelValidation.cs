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
            if (!metadata.IsEnsemble && (head.Trainer is null || head.CrossValidation is null))
            {
                throw new ModelLoadException(name, $"{json}: head '{head.Name}' records no {(head.Trainer is null ? "trainer" : "cross-validation")}; retrain the model with 'stance train'");
            }

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

        if (metadata.IsEnsemble)
        {
            CheckEnsemble(metadata, name);
        }
        else if (metadata.Tier == ModelMetadata.EnsembleTier)
        {
            throw new ModelLoadException(name, $"{json} says tier '{ModelMetadata.EnsembleTier}' but lists no members");
        }
    }

    /// <summary>The most members an ensemble may have (documented limit).</summary>
    public const int MaxMembers = 8;

    /// <summary>How far the weights of an ensemble may sum from 1 (rounding in model.json).</summary>
    public const double WeightSumTolerance = 1e-6;

    /// <summary>An ensemble's members as model.json lists them: 2 to 8, each a distinct members/NAME.zip it records, with a finite positive weight, the weights summing to 1.</summary>
    private static void CheckEnsemble(ModelMetadata metadata, string name)
    {
        string json = ModelFile.MetadataEntry;
        IReadOnlyList<ModelMember> members = metadata.Members!;
        if (metadata.Tier != ModelMetadata.EnsembleTier)
        {
            throw new ModelLoadException(name, $"{json} lists members but says tier '{metadata.Tier}', not '{ModelMetadata.EnsembleTier}'");
        }

        if (members.Count < 2 || members.Count > MaxMembers || members.Any(m => m is null))
        {
            throw new ModelLoadException(name, $"{json} lists {members.Count} member(s); an ensemble has 2 to {MaxMembers}");
        }

        foreach (ModelMember member in members)
        {
            string entry = member.Entry ?? string.Empty;
            string file = entry.StartsWith(ModelFile.MemberDirectory, StringComparison.Ordinal) ? entry[ModelFile.MemberDirectory.Length..] : string.Empty;
            if (file.Length is 0 or > 100 || !file.EndsWith(".zip", StringComparison.Ordinal) || file.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')) || file.StartsWith('.'))
            {
                throw new ModelLoadException(name, $"{json}: member entry '{entry}' is not {ModelFile.MemberDirectory}NAME.zip");
            }

            if (!double.IsFinite(member.Weight) || member.Weight <= 0 || member.Weight > 1)
            {
                throw new ModelLoadException(name, $"{json}: member {entry} has the weight {member.Weight}; a weight is a finite number above 0 and at most 1");
            }
        }

        if (members.Select(m => m.Entry).Distinct().Count() != members.Count)
        {
            throw new ModelLoadException(name, $"{json} lists a member entry twice");
        }

        double sum = members.Sum(m => m.Weight);
        if (Math.Abs(sum - 1) > WeightSumTolerance)
        {
            throw new ModelLoadException(name, $"{json}: the member weights sum to {sum}, not 1");
        }

        if (metadata.Parts is not { } parts || !parts.Select(p => p.Name).Order(StringComparer.Ordinal).SequenceEqual(members.Select(m => m.Entry).Order(StringComparer.Ordinal)))
        {
            throw new ModelLoadException(name, $"{json} must record the size and SHA-256 of exactly its member files ({string.Join(", ", members.Select(m => m.Entry))})");
        }
    }

    /// <summary>
    /// The members of an ensemble, once read, against the ensemble and each other: the same heads
    /// with the same labels in the same order, the summary model.json keeps of each, and one
    /// sentence encoder at most (the embedding is computed once per text, for every member).
    /// </summary>
    public static void CheckMembers(ModelMetadata ensemble, IReadOnlyList<ModelFile.MemberContents> members, string name)
    {
        string json = ModelFile.MetadataEntry;
        foreach (ModelFile.MemberContents member in members)
        {
            ModelMetadata own = member.Contents.Metadata;
            if (HeadProblem(ensemble.Heads, own.Heads) is { } problem)
            {
                throw new ModelLoadException(name, $"member {member.Record.Entry} does not predict what the ensemble does: {problem}");
            }

            if (!SameSummary(member.Record, Summarize(member.Record.Entry, member.Record.Weight, own)))
            {
                throw new ModelLoadException(name, $"is inconsistent: {json} describes member {member.Record.Entry} otherwise than its own model.json does; combine the members again with 'stance combine'");
            }
        }

        ModelMetadata[] encoded = members.Select(m => m.Contents.Metadata).Where(m => m.Features.Embedding is not null).ToArray();
        if (encoded.Select(m => (m.Features.Embedding, m.Features.EmbeddingLength)).Distinct().Count() > 1)
        {
            throw new ModelLoadException(name, $"its members use different sentence encoders ({string.Join(", ", encoded.Select(m => m.Features.Embedding).Distinct())}); an ensemble's members share one encoder at most");
        }

        (string? encoder, int length) = encoded.Length == 0 ? (null, 0) : (encoded[0].Features.Embedding, encoded[0].Features.EmbeddingLength);
        if (ensemble.Features.Embedding != encoder || ensemble.Features.EmbeddingLength != length)
        {
            throw new ModelLoadException(name, $"is inconsistent: {json} names the sentence encoder '{ensemble.Features.Embedding ?? "none"}', its members '{encoder ?? "none"}'");
        }
    }

    /// <summary>
    /// Why two models cannot be averaged (their heads, or a head's labels or their order, differ),
    /// in a few words; null when they predict the same heads and labels.
    /// </summary>
    public static string? HeadProblem(IReadOnlyList<HeadMetadata> expected, IReadOnlyList<HeadMetadata> actual)
    {
        if (!expected.Select(h => h.Name).SequenceEqual(actual.Select(h => h.Name)))
        {
            return $"heads [{string.Join(", ", actual.Select(h => h.Name))}] instead of [{string.Join(", ", expected.Select(h => h.Name))}]";
        }

        for (int h = 0; h < expected.Count; h++)
        {
            if (!expected[h].Labels.SequenceEqual(actual[h].Labels))
            {
                return $"head '{expected[h].Name}' has the labels [{string.Join(", ", actual[h].Labels)}] instead of [{string.Join(", ", expected[h].Labels)}]";
            }
        }

        return null;
    }

    /// <summary>What an ensemble's model.json records of a member, from the member's own metadata.</summary>
    public static ModelMember Summarize(string entry, double weight, ModelMetadata member) => new(
        entry,
        weight,
        member.Tier,
        member.Features.Describe(),
        member.Heads.Select(h => new MemberHead(h.Name, h.Trainer!.Describe(), h.CrossValidation!.MacroF1, h.CrossValidation.Accuracy)).ToList());

    private static bool SameSummary(ModelMember a, ModelMember b) =>
        a.Entry == b.Entry && a.Tier == b.Tier && a.Features == b.Features && a.Heads.SequenceEqual(b.Heads);

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
