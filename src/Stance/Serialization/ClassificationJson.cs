using System.Text.Json;

namespace Stance.Serialization;

/// <summary>
/// The one JSON form of a classification and of an explanation, shared by every front end (the
/// command line's <c>--format jsonl</c> and the HTTP server), so that they give the same numbers
/// under the same names.
/// </summary>
/// <remarks>
/// Properties of a classification, written into an object the caller has opened: per head
/// <c>stance</c> (the label, or <c>uncertain</c> below the caller's threshold),
/// <c>stance_confidence</c> and <c>stance_probabilities</c> (an object label: probability), the
/// same for <c>sentiment</c>, then <c>error</c> (null or why the text could not be classified).
/// Probabilities are rounded to 4 decimals, contributions to 5.
/// </remarks>
public static class ClassificationJson
{
    /// <summary>Writes the classification's properties into the current JSON object.</summary>
    /// <param name="json">The writer, inside an object.</param>
    /// <param name="heads">The model's heads (<see cref="StanceClassifier.Heads"/>): a head without a prediction (an error) is written as nulls.</param>
    /// <param name="result">The classification.</param>
    /// <param name="minConfidence">Labels whose probability is below this are written as <c>uncertain</c>.</param>
    public static void WriteProperties(Utf8JsonWriter json, IReadOnlyList<HeadMetadata> heads, Classification result, float minConfidence = 0f)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(heads);
        ArgumentNullException.ThrowIfNull(result);
        foreach (HeadMetadata head in heads)
        {
            HeadPrediction? prediction = result.Head(head.Name);
            if (prediction is null)
            {
                json.WriteNull(head.Name);
                json.WriteNull(head.Name + "_confidence");
                json.WriteNull(head.Name + "_probabilities");
                continue;
            }

            json.WriteString(head.Name, prediction.LabelAt(minConfidence));
            json.WriteNumber(head.Name + "_confidence", Round(prediction.Confidence, 4));
            json.WriteStartObject(head.Name + "_probabilities");
            foreach (LabelProbability p in prediction.Probabilities)
            {
                json.WriteNumber(p.Label, Round(p.Probability, 4));
            }

            json.WriteEndObject();
        }

        if (result.Error is null)
        {
            json.WriteNull("error");
        }
        else
        {
            json.WriteString("error", result.Error);
        }
    }

    /// <summary>Writes, per head, a <c>&lt;head&gt;_explanation</c> object: label, runner-up, score, bias, embedding part and the <c>features</c> array.</summary>
    public static void WriteExplanation(Utf8JsonWriter json, Explanation explanation)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(explanation);
        foreach (HeadExplanation head in explanation.Heads)
        {
            json.WriteStartObject(head.Head + "_explanation");
            json.WriteString("label", head.Label);
            json.WriteString("runner_up", head.RunnerUp);
            json.WriteNumber("score", Round(head.Score, 5));
            json.WriteNumber("bias", Round(head.Bias, 5));
            json.WriteNumber("embedding_contribution", Round(head.EmbeddingContribution, 5));
            json.WriteStartArray("features");
            foreach (FeatureContribution feature in head.Features)
            {
                json.WriteStartObject();
                json.WriteString("feature", feature.Feature);
                json.WriteString("kind", Kind(feature.Kind));
                json.WriteNumber("contribution", Round(feature.Contribution, 5));
                json.WriteNumber("runner_up_contribution", Round(feature.RunnerUpContribution, 5));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }
    }

    /// <summary>Writes the most indicative features of each label of each head: <c>{head: {label: [{feature, kind, weight}]}}</c>.</summary>
    public static void WriteIndicative(Utf8JsonWriter json, IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<IndicativeFeature>>> heads)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(heads);
        json.WriteStartObject();
        foreach ((string head, IReadOnlyDictionary<string, IReadOnlyList<IndicativeFeature>> labels) in heads)
        {
            json.WriteStartObject(head);
            foreach ((string label, IReadOnlyList<IndicativeFeature> features) in labels)
            {
                json.WriteStartArray(label);
                foreach (IndicativeFeature feature in features)
                {
                    json.WriteStartObject();
                    json.WriteString("feature", feature.Feature);
                    json.WriteString("kind", Kind(feature.Kind));
                    json.WriteNumber("weight", Round(feature.Weight, 5));
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    /// <summary>The name of a feature kind in JSON: <c>words</c>, <c>chars</c> or <c>embedding</c>.</summary>
    public static string Kind(FeatureKind kind) => kind switch
    {
        FeatureKind.CharNgram => "chars",
        FeatureKind.Embedding => "embedding",
        _ => "words",
    };

    // A finite value rounded; NaN and infinities cannot be written as JSON numbers (models with them are refused at load).
    private static double Round(float value, int digits) => float.IsFinite(value) ? Math.Round(value, digits) : 0;
}
