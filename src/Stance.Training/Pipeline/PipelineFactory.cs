using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Transforms.Text;
using Stance.MlNet;
using Stance.Scoring;

namespace Stance.Training.Pipeline;

/// <summary>
/// Builds the ML.NET estimators of a model: the featurizer (n-gram dictionaries, normalized blocks,
/// concatenated features) and one trainer per head. Every trainer runs single-threaded with the
/// context's seed, so the same data and seed give the same model.
/// </summary>
internal static class PipelineFactory
{
    public static IEstimator<ITransformer> Featurizer(MLContext ml, FeatureSettings recipe)
    {
        var weighting = NgramWeightingNames.Parse(recipe.Weighting) switch
        {
            NgramWeighting.Tf => NgramExtractingEstimator.WeightingCriteria.Tf,
            NgramWeighting.Idf => NgramExtractingEstimator.WeightingCriteria.Idf,
            _ => NgramExtractingEstimator.WeightingCriteria.TfIdf,
        };

        var blocks = new List<string> { PipelineColumns.WordBlock };
        IEstimator<ITransformer> featurizer = ml.Transforms.Conversion.MapValueToKey(PipelineColumns.TokenKeys, PipelineColumns.Tokens)
            .Append(ml.Transforms.Text.ProduceNgrams(PipelineColumns.WordGrams, PipelineColumns.TokenKeys, recipe.WordNgramLength, skipLength: 0, useAllLengths: true, maximumNgramsCount: 10_000_000, weighting: weighting))
            .Append(Normalize(ml, PipelineColumns.WordBlock, PipelineColumns.WordGrams, 1f));

        if (recipe.Tokenizer.HasCharGrams)
        {
            featurizer = featurizer
                .Append(ml.Transforms.Conversion.MapValueToKey(PipelineColumns.CharGramKeys, PipelineColumns.CharGrams))
                .Append(ml.Transforms.Text.ProduceNgrams(PipelineColumns.CharGramBag, PipelineColumns.CharGramKeys, ngramLength: 1, skipLength: 0, useAllLengths: true, maximumNgramsCount: 10_000_000, weighting: weighting))
                .Append(Normalize(ml, PipelineColumns.CharBlock, PipelineColumns.CharGramBag, recipe.CharBlockScale));
            blocks.Add(PipelineColumns.CharBlock);
        }

        if (recipe.Embedding is not null)
        {
            featurizer = featurizer.Append(Normalize(ml, PipelineColumns.EmbeddingBlock, PipelineColumns.Embedding, recipe.EmbeddingScale));
            blocks.Add(PipelineColumns.EmbeddingBlock);
        }

        return featurizer.Append(ml.Transforms.Concatenate(PipelineColumns.Features, [.. blocks]));
    }

    public static IEstimator<ITransformer> Trainer(MLContext ml, TrainerSettings recipe, string head)
    {
        string label = PipelineColumns.LabelKey(head);
        string? weight = recipe.ClassWeighting ? PipelineColumns.Weight(head) : null;
        string features = PipelineColumns.Features;
        return recipe.Kind switch
        {
            TrainerKind.SdcaMaximumEntropy => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = label,
                FeatureColumnName = features,
                ExampleWeightColumnName = weight,
                L1Regularization = recipe.L1,
                L2Regularization = recipe.L2 > 0 ? recipe.L2 : null,
                MaximumNumberOfIterations = recipe.Iterations > 0 ? recipe.Iterations : null,
                NumberOfThreads = 1,
                Shuffle = true,
            }),
            TrainerKind.LbfgsMaximumEntropy => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = label,
                FeatureColumnName = features,
                ExampleWeightColumnName = weight,
                L1Regularization = recipe.L1,
                L2Regularization = recipe.L2,
                NumberOfThreads = 1,
            }),
            TrainerKind.OneVersusAllLinearSvm => ml.MulticlassClassification.Trainers.OneVersusAll(
                ml.BinaryClassification.Trainers.LinearSvm(new LinearSvmTrainer.Options
                {
                    LabelColumnName = label,
                    FeatureColumnName = features,
                    ExampleWeightColumnName = weight,
                    Lambda = recipe.L2 > 0 ? recipe.L2 : 0.001f,
                    NumberOfIterations = recipe.Iterations > 0 ? recipe.Iterations : 20,
                }),
                labelColumnName: label,
                useProbabilities: true),
            _ => ml.MulticlassClassification.Trainers.OneVersusAll(
                ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
                {
                    LabelColumnName = label,
                    FeatureColumnName = features,
                    ExampleWeightColumnName = weight,
                    NumberOfTrees = recipe.Iterations > 0 ? recipe.Iterations : 100,
                    NumberOfThreads = 1,
                }),
                labelColumnName: label,
                useProbabilities: true),
        };
    }

    private static IEstimator<ITransformer> Normalize(MLContext ml, string output, string input, float scale) =>
        ml.Transforms.NormalizeGlobalContrast(output, input, ensureZeroMean: false, ensureUnitStandardDeviation: false, scale: scale);
}
