using System.Text.Json.Serialization;
using Stance.Cli.Commands;

namespace Stance.Cli.Output;

/// <summary>Source-generated JSON for the CLI's documents.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(EvaluationDocument))]
[JsonSerializable(typeof(ModelMetadata))]
internal sealed partial class CliJson : JsonSerializerContext;
