using Stance.MlNet;
using Stance.Scoring;

[assembly: ScoringEngineFactory(typeof(MlNetEngineFactory))]

namespace Stance.MlNet;

/// <summary>What the small library calls to score a model with ML.NET (found through the assembly attribute above).</summary>
internal sealed class MlNetEngineFactory : IScoringEngineFactory
{
    public IScoringEngine Create(byte[] pipeline, ModelMetadata metadata, string modelName) => MlNetEngine.Load(pipeline, metadata, modelName);
}
