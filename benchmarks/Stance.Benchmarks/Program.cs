using BenchmarkDotNet.Running;
using Stance.Benchmarks;

// "accuracy", "realquotes", "study", "review-simulation" and "corpus-shape" run the accuracy benchmarks on the data beside the repository; anything else goes to BenchmarkDotNet.
return args switch
{
    ["accuracy", .. var rest] => AccuracyBenchmark.Run(rest),
    ["realquotes", .. var rest] => RealQuotesBenchmark.Run(rest),
    ["study", .. var rest] => ModelStudy.Run(rest),
    ["review-simulation", .. var rest] => ReviewSimulation.Run(rest),
    ["corpus-shape", .. var rest] => CorpusShape.Run(rest),
    _ => BenchmarkRunner.Run(typeof(Program).Assembly, SpeedConfig.Create(), args).Any(summary => summary.HasCriticalValidationErrors) ? 1 : 0,
};
