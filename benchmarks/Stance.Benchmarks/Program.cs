using BenchmarkDotNet.Running;
using Stance.Benchmarks;

// "accuracy" and "realquotes" run the accuracy benchmarks on the data beside the repository; anything else goes to BenchmarkDotNet.
return args switch
{
    ["accuracy", .. var rest] => AccuracyBenchmark.Run(rest),
    ["realquotes", .. var rest] => RealQuotesBenchmark.Run(rest),
    ["study", .. var rest] => ModelStudy.Run(rest),
    ["review-simulation", .. var rest] => ReviewSimulation.Run(rest),
    _ => BenchmarkRunner.Run(typeof(Program).Assembly, SpeedConfig.Create(), args).Any(summary => summary.HasCriticalValidationErrors) ? 1 : 0,
};
