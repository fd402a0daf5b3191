using Microsoft.ML;
using Microsoft.ML.Data;

namespace Stance.MlNet;

/// <summary>
/// The ML.NET schema of <see cref="FeatureRow"/> for one model: the embedding column has the
/// encoder's size or is absent, and label keys count the head's labels.
/// </summary>
internal static class FeatureSchema
{
    /// <summary>The schema of rows to be scored (no labels).</summary>
    public static SchemaDefinition ForScoring(int embeddingDimension)
    {
        SchemaDefinition definition = SchemaDefinition.Create(typeof(FeatureRow));
        foreach (string column in new[] { nameof(FeatureRow.StanceKey), nameof(FeatureRow.StanceWeight), nameof(FeatureRow.SentimentKey), nameof(FeatureRow.SentimentWeight) })
        {
            definition.Remove(definition[column]);
        }

        SetEmbedding(definition, embeddingDimension);
        return definition;
    }

    /// <summary>The schema of training rows; a head whose label count is 0 has no label column.</summary>
    public static SchemaDefinition ForTraining(int embeddingDimension, int stanceLabels, int sentimentLabels)
    {
        SchemaDefinition definition = SchemaDefinition.Create(typeof(FeatureRow));
        SetKey(definition, nameof(FeatureRow.StanceKey), nameof(FeatureRow.StanceWeight), stanceLabels);
        SetKey(definition, nameof(FeatureRow.SentimentKey), nameof(FeatureRow.SentimentWeight), sentimentLabels);
        SetEmbedding(definition, embeddingDimension);
        return definition;
    }

    /// <summary>An empty data view with the scoring schema, to read a chain's output schema from.</summary>
    public static IDataView EmptyScoringView(MLContext ml, int embeddingDimension) =>
        ml.Data.LoadFromEnumerable(Array.Empty<FeatureRow>(), ForScoring(embeddingDimension));

    private static void SetKey(SchemaDefinition definition, string keyColumn, string weightColumn, int labels)
    {
        if (labels == 0)
        {
            definition.Remove(definition[keyColumn]);
            definition.Remove(definition[weightColumn]);
        }
        else
        {
            // LoadFromEnumerable reads key columns as 0-based label indexes.
            definition[keyColumn].ColumnType = new KeyDataViewType(typeof(uint), labels);
        }
    }

    private static void SetEmbedding(SchemaDefinition definition, int embeddingDimension)
    {
        if (embeddingDimension == 0)
        {
            definition.Remove(definition[nameof(FeatureRow.Embedding)]);
        }
        else
        {
            definition[nameof(FeatureRow.Embedding)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, embeddingDimension);
        }
    }
}
