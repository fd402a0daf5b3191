using Microsoft.ML;
using Microsoft.ML.Data;
using Stance.MlNet;
using Stance.Scoring;
using Stance.Training.Pipeline;

namespace Stance.Training.Selection;

/// <summary>Out-of-fold predictions of one trainer for one head: a probability vector per example.</summary>
internal sealed record OutOfFold(TrainerSettings Trainer, float[][] Probabilities)
{
    public int[] Predicted => Probabilities.Select(p => ProbabilityLayout.ArgMax(p)).ToArray();
}

/// <summary>
/// Stratified k-fold cross-validation. For each fold the featurizer is fitted on the training
/// part only (so n-gram dictionaries and IDF never see the held-out part), then every trainer of
/// every head is fitted on the same features. Folds run in parallel; each fit is single-threaded
/// and seeded, so results do not depend on scheduling.
/// </summary>
internal static class CrossValidation
{
    /// <summary>Assigns each example to one of <paramref name="folds"/> folds, keeping label proportions.</summary>
    public static int[] Folds(int[] strata, int folds, int seed)
    {
        var assignment = new int[strata.Length];
        var random = new Random(seed);
        int next = 0;
        foreach (IGrouping<int, int> group in Enumerable.Range(0, strata.Length).GroupBy(i => strata[i]).OrderBy(g => g.Key))
        {
            int[] members = group.ToArray();
            random.Shuffle(members);
            foreach (int i in members)
            {
                assignment[i] = next;
                next = (next + 1) % folds;
            }
        }

        return assignment;
    }

    /// <summary>
    /// Out-of-fold probabilities of every trainer for every head, for one feature recipe.
    /// Result indexes: [head][trainer].
    /// </summary>
    public static OutOfFold[][] Run(
        FeatureData data,
        FeatureSettings features,
        IReadOnlyList<TrainerSettings> trainers,
        int[] folds,
        int seed,
        IProgress<string>? progress,
        CancellationToken cancellationToken = default)
    {
        int heads = data.Dataset.Heads.Count;
        int foldCount = folds.Max() + 1;
        var probabilities = new float[heads][][][];
        for (int h = 0; h < heads; h++)
        {
            probabilities[h] = new float[trainers.Count][][];
            for (int t = 0; t < trainers.Count; t++)
            {
                probabilities[h][t] = new float[data.Count][];
            }
        }

        if (features.Embedding is not null)
        {
            data.Embeddings(features.Embedding, progress);
        }

        data.Tokenized(features.Tokenizer);
        Parallel.For(0, foldCount, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken }, fold =>
        {
            var ml = new MLContext(seed);
            int[] train = Enumerable.Range(0, data.Count).Where(i => folds[i] != fold).ToArray();
            int[] test = Enumerable.Range(0, data.Count).Where(i => folds[i] == fold).ToArray();
            ITransformer featurizer = PipelineFactory.Featurizer(ml, features).Fit(data.View(ml, features, train, progress));
            IDataView trainFeatures = ml.Data.Cache(featurizer.Transform(data.View(ml, features, train, progress)));
            IDataView testFeatures = ml.Data.Cache(featurizer.Transform(data.View(ml, features, test, progress)));
            for (int h = 0; h < heads; h++)
            {
                string head = data.Dataset.Heads[h].Name;
                for (int t = 0; t < trainers.Count; t++)
                {
                    cancellationToken.ThrowIfCancellationRequested();

                    // A fresh context per fit: SDCA and the SVM draw their randomness from it, so a
                    // shared one would make a result depend on how many fits came before it.
                    ITransformer model = PipelineFactory.Trainer(new MLContext(seed), trainers[t], head).Fit(trainFeatures);
                    float[][] scores = model.Transform(testFeatures).GetColumn<float[]>("Score").ToArray();
                    for (int n = 0; n < test.Length; n++)
                    {
                        probabilities[h][t][test[n]] = scores[n];
                    }
                }
            }

            progress?.Report($"  {features.Describe()}: fold {fold + 1}/{foldCount} done");
        });

        var result = new OutOfFold[heads][];
        for (int h = 0; h < heads; h++)
        {
            result[h] = trainers.Select((trainer, t) => new OutOfFold(trainer, probabilities[h][t])).ToArray();
        }

        return result;
    }

    /// <summary>Fits the whole chain (featurizer, then each head's trainer) on all examples.</summary>
    public static TransformerChain<ITransformer> FitAll(FeatureData data, FeatureSettings features, IReadOnlyList<TrainerSettings> headTrainers, int seed, IProgress<string>? progress)
    {
        var ml = new MLContext(seed);
        int[] all = Enumerable.Range(0, data.Count).ToArray();
        IDataView view = data.View(ml, features, all, progress);
        ITransformer featurizer = PipelineFactory.Featurizer(ml, features).Fit(view);
        IDataView current = ml.Data.Cache(featurizer.Transform(view));
        var parts = new List<ITransformer>();
        if (featurizer is IEnumerable<ITransformer> steps)
        {
            parts.AddRange(steps);
        }
        else
        {
            parts.Add(featurizer);
        }

        for (int h = 0; h < data.Dataset.Heads.Count; h++)
        {
            string head = data.Dataset.Heads[h].Name;
            ITransformer model = PipelineFactory.Trainer(new MLContext(seed), headTrainers[h], head).Fit(current);
            current = model.Transform(current);
            ITransformer copy = ml.Transforms.CopyColumns(PipelineColumns.Score(head), "Score").Fit(current);
            current = copy.Transform(current);
            parts.Add(model);
            parts.Add(copy);
        }

        return new TransformerChain<ITransformer>([.. parts]);
    }
}
