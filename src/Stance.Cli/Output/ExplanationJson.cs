using System.Text.Json;

namespace Stance.Cli.Output;

/// <summary>Writes an explanation into a JSON object: per head, the label, runner-up and a <c>features</c> array.</summary>
internal static class ExplanationJson
{
    public static void Write(Utf8JsonWriter json, Explanation explanation)
    {
        foreach (HeadExplanation head in explanation.Heads)
        {
            json.WriteStartObject(head.Head + "_explanation");
            json.WriteString("label", head.Label);
            json.WriteString("runner_up", head.RunnerUp);
            json.WriteNumber("score", Math.Round(head.Score, 5));
            json.WriteNumber("bias", Math.Round(head.Bias, 5));
            json.WriteNumber("embedding_contribution", Math.Round(head.EmbeddingContribution, 5));
            json.WriteStartArray("features");
            foreach (FeatureContribution feature in head.Features)
            {
                json.WriteStartObject();
                json.WriteString("feature", feature.Feature);
                json.WriteString("kind", feature.Kind == FeatureKind.CharNgram ? "chars" : "words");
                json.WriteNumber("contribution", Math.Round(feature.Contribution, 5));
                json.WriteNumber("runner_up_contribution", Math.Round(feature.RunnerUpContribution, 5));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }
    }
}
