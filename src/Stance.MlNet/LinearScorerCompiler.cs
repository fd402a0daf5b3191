using System.Collections;
using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Stance.Scoring;

namespace Stance.MlNet;

/// <summary>
/// Turns a trained ML.NET chain (n-gram dictionaries, normalizers, linear heads) into a
/// <see cref="LinearScorer"/>. Reads the dictionaries from the chain's slot names and key values,
/// measures each n-gram's weight (its inverse document frequency) by transforming it alone, and
/// copies the heads' weights and biases. Chains with other kinds of heads (trees) are not compiled.
/// </summary>
internal static class LinearScorerCompiler
{
    /// <summary>Compiles the chain, or returns null with the reason it cannot be compiled.</summary>
    public static LinearScorer? TryCompile(MLContext ml, ITransformer chain, ModelMetadata metadata, out string? reason)
    {
        try
        {
            reason = null;
            return Compile(ml, chain, metadata);
        }
        catch (NotSupportedException e)
        {
            reason = e.Message;
            return null;
        }
    }

    private static LinearScorer Compile(MLContext ml, ITransformer chain, ModelMetadata metadata)
    {
        FeatureSettings features = metadata.Features;
        int embeddingDimension = features.EmbeddingLength;
        DataViewSchema schema = chain.GetOutputSchema(FeatureSchema.EmptyScoringView(ml, embeddingDimension).Schema);

        string[] tokens = KeyValues(schema[PipelineColumns.TokenKeys]);
        var tokenIds = new Dictionary<string, int>(tokens.Length, StringComparer.Ordinal);
        for (int i = 0; i < tokens.Length; i++)
        {
            tokenIds.Add(tokens[i], i);
        }

        if (tokens.Length > WordNgramTable.MaxTokenId)
        {
            throw new NotSupportedException($"the vocabulary has {tokens.Length} words, more than the compiled scorer supports");
        }

        string[] wordSlots = SlotNames(schema[PipelineColumns.WordGrams]);
        if (wordSlots.Length > WordNgramTable.MaxSlots)
        {
            throw new NotSupportedException($"the model has {wordSlots.Length} word n-grams, more than the compiled scorer supports");
        }

        var ngrams = new int[wordSlots.Length][];
        for (int slot = 0; slot < wordSlots.Length; slot++)
        {
            string[] parts = wordSlots[slot].Split('|');
            if (parts.Length > WordNgramTable.MaxSupportedLength)
            {
                throw new NotSupportedException($"word n-grams longer than {WordNgramTable.MaxSupportedLength} are not supported");
            }

            ngrams[slot] = parts.Select(p => tokenIds.TryGetValue(p, out int id) ? id : throw new NotSupportedException($"word n-gram '{wordSlots[slot]}' has a word outside the vocabulary")).ToArray();
        }

        bool hasChars = schema.GetColumnOrNull(PipelineColumns.CharGramBag) is not null;
        string[] charSlots = hasChars ? SlotNames(schema[PipelineColumns.CharGramBag]) : [];

        NgramWeighting weighting = NgramWeightingNames.Parse(features.Weighting);
        float[] wordWeights = Enumerable.Repeat(1f, wordSlots.Length).ToArray();
        float[] charWeights = Enumerable.Repeat(1f, charSlots.Length).ToArray();
        if (weighting != NgramWeighting.Tf)
        {
            MeasureSlotWeights(ml, chain, embeddingDimension, wordSlots, charSlots, wordWeights, charWeights);
        }

        int featureCount = wordSlots.Length + charSlots.Length + embeddingDimension;
        int chainFeatures = (schema[PipelineColumns.Features].Type as VectorDataViewType)?.Size ?? -1;
        if (chainFeatures != featureCount)
        {
            throw new NotSupportedException($"the chain has {chainFeatures} features where the compiler expects {featureCount}");
        }

        List<object> models = PredictorModels(chain);
        if (models.Count != metadata.Heads.Count)
        {
            throw new NotSupportedException($"the chain has {models.Count} predictors for {metadata.Heads.Count} heads");
        }

        var heads = new LinearHead[models.Count];
        for (int h = 0; h < heads.Length; h++)
        {
            heads[h] = CompileHead(metadata.Heads[h], models[h], featureCount);
        }

        return new LinearScorer(
            features,
            new Stance.Scoring.SpanLookup(tokens),
            new WordNgramTable(ngrams, tokens.Length),
            wordWeights,
            hasChars ? new Stance.Scoring.SpanLookup(charSlots) : null,
            charWeights,
            embeddingDimension,
            heads);
    }

    private static LinearHead CompileHead(HeadMetadata head, object model, int featureCount)
    {
        int classes = head.Labels.Count;
        var weights = new float[featureCount * classes];
        var biases = new float[classes];
        var slopes = new double[classes];
        var offsets = new double[classes];
        switch (model)
        {
            case MaximumEntropyModelParameters maxEnt:
            {
                VBuffer<float>[] classWeights = [];
                maxEnt.GetWeights(ref classWeights, out int count);
                if (count != classes)
                {
                    throw new NotSupportedException($"head '{head.Name}' has {count} classes in the chain and {classes} labels");
                }

                for (int k = 0; k < classes; k++)
                {
                    CopyColumn(classWeights[k].DenseValues(), weights, k, classes, featureCount);
                }

                maxEnt.GetBiases().ToArray().CopyTo(biases, 0);
                return new LinearHead(head.Name, head.Labels, HeadOutput.Softmax, weights, biases, slopes, offsets);
            }

            case OneVersusAllModelParameters ova:
            {
                object[] binaries = OneVersusAllSubModels(ova);
                if (binaries.Length != classes)
                {
                    throw new NotSupportedException($"head '{head.Name}' has {binaries.Length} binary models for {classes} labels");
                }

                for (int k = 0; k < classes; k++)
                {
                    if (binaries[k] is not CalibratedModelParametersBase { SubModel: LinearBinaryModelParameters linear, Calibrator: PlattCalibrator platt })
                    {
                        throw new NotSupportedException($"head '{head.Name}' uses a {binaries[k].GetType().Name}, not a Platt-calibrated linear model");
                    }

                    CopyColumn(linear.Weights, weights, k, classes, featureCount);
                    biases[k] = linear.Bias;
                    slopes[k] = platt.Slope;
                    offsets[k] = platt.Offset;
                }

                return new LinearHead(head.Name, head.Labels, HeadOutput.CalibratedOneVersusAll, weights, biases, slopes, offsets);
            }

            default:
                throw new NotSupportedException($"head '{head.Name}' uses {model.GetType().Name}, which is not a linear model");
        }
    }

    private static void CopyColumn(IEnumerable<float> classWeights, float[] weights, int label, int classes, int featureCount)
    {
        int feature = 0;
        foreach (float w in classWeights)
        {
            if (feature >= featureCount)
            {
                throw new NotSupportedException("a head has more weights than the chain has features");
            }

            weights[(feature * classes) + label] = w;
            feature++;
        }

        if (feature != featureCount)
        {
            throw new NotSupportedException($"a head has {feature} weights for {featureCount} features");
        }
    }

    /// <summary>
    /// The binary models of a one-versus-all model. ML.NET keeps them internal; this reads the
    /// internal property, and the compile (with its parity check) is abandoned if it is not there.
    /// </summary>
    private static object[] OneVersusAllSubModels(OneVersusAllModelParameters ova)
    {
        PropertyInfo? property = typeof(OneVersusAllModelParameters).GetProperty("SubModelParameters", BindingFlags.Instance | BindingFlags.NonPublic);
        if (property?.GetValue(ova) is not IEnumerable models)
        {
            throw new NotSupportedException("this version of ML.NET does not expose the binary models of a one-versus-all model");
        }

        return models.Cast<object>().ToArray();
    }

    private static List<object> PredictorModels(ITransformer chain)
    {
        var models = new List<object>();
        if (chain is not IEnumerable<ITransformer> transformers)
        {
            throw new NotSupportedException("the model is not a transformer chain");
        }

        foreach (ITransformer transformer in transformers)
        {
            if (transformer is ISingleFeaturePredictionTransformer<object> predictor)
            {
                models.Add(predictor.Model);
            }
        }

        return models;
    }

    /// <summary>
    /// Measures each n-gram's weight by transforming a row that holds just that n-gram once: the
    /// value ML.NET gives it before normalization is its weight (the inverse document frequency).
    /// </summary>
    private static void MeasureSlotWeights(MLContext ml, ITransformer chain, int embeddingDimension, string[] wordSlots, string[] charSlots, float[] wordWeights, float[] charWeights)
    {
        float[] embedding = new float[embeddingDimension];
        var rows = new List<FeatureRow>(wordSlots.Length + charSlots.Length);
        rows.AddRange(wordSlots.Select(slot => new FeatureRow { Tokens = slot.Split('|'), CharGrams = [], Embedding = embedding }));
        rows.AddRange(charSlots.Select(gram => new FeatureRow { Tokens = [], CharGrams = [gram], Embedding = embedding }));
        IDataView view = ml.Data.LoadFromEnumerable(rows, FeatureSchema.ForScoring(embeddingDimension));
        IDataView transformed = chain.Transform(view);

        DataViewSchema.Column wordColumn = transformed.Schema[PipelineColumns.WordGrams];
        DataViewSchema.Column? charColumn = transformed.Schema.GetColumnOrNull(PipelineColumns.CharGramBag);
        var active = new List<DataViewSchema.Column> { wordColumn };
        if (charColumn is not null)
        {
            active.Add(charColumn.Value);
        }

        using DataViewRowCursor cursor = transformed.GetRowCursor(active);
        ValueGetter<VBuffer<float>> getWords = cursor.GetGetter<VBuffer<float>>(wordColumn);
        ValueGetter<VBuffer<float>>? getChars = charColumn is null ? null : cursor.GetGetter<VBuffer<float>>(charColumn.Value);
        VBuffer<float> values = default;
        int row = 0;
        while (cursor.MoveNext())
        {
            if (row < wordSlots.Length)
            {
                getWords(ref values);
                wordWeights[row] = values.GetItemOrDefault(row);
            }
            else
            {
                getChars!(ref values);
                charWeights[row - wordSlots.Length] = values.GetItemOrDefault(row - wordSlots.Length);
            }

            row++;
        }
    }

    private static string[] SlotNames(DataViewSchema.Column column)
    {
        VBuffer<ReadOnlyMemory<char>> names = default;
        column.GetSlotNames(ref names);
        return names.DenseValues().Select(n => n.ToString()).ToArray();
    }

    private static string[] KeyValues(DataViewSchema.Column column)
    {
        VBuffer<ReadOnlyMemory<char>> values = default;
        column.GetKeyValues(ref values);
        return values.DenseValues().Select(n => n.ToString()).ToArray();
    }
}
