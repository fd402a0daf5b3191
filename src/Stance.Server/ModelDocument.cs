using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Stance.Server;

/// <summary>The model document of <c>GET /v1/model</c>: the same properties as <c>stance info --format json</c> (the file and its scorer, then the model's metadata).</summary>
internal static class ModelDocument
{
    public static JsonObject Build(string path, StanceClassifier classifier)
    {
        var document = new JsonObject { ["file"] = path, ["engine"] = classifier.EngineName };
        foreach ((string name, JsonNode? value) in JsonSerializer.SerializeToNode(classifier.Metadata, ServerJson.Default.ModelMetadata)!.AsObject().ToList())
        {
            document[name] = value?.DeepClone();
        }

        return document;
    }
}

/// <summary>Source-generated JSON for the server's documents, named as the command line names them (snake case).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ModelMetadata))]
internal sealed partial class ServerJson : JsonSerializerContext;
