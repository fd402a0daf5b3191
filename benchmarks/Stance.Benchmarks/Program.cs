using BenchmarkDotNet.Running;
using Stance.Benchmarks;

// "accuracy" runs the accuracy benchmark on the public data sets; anything else goes to BenchmarkDotNet.
return args is ["accuracy", .. var rest]
    ? AccuracyBenchmark.Run(rest)
    : BenchmarkRunner.Run(typeof(Program).Assembly, SpeedConfig.Create(), args).Any(summary => summary.HasCriticalValidationErrors) ? 1 : 0;
