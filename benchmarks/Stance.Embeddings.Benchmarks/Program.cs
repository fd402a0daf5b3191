using BenchmarkDotNet.Running;
using Stance.Embeddings.Benchmarks;

// "quality" compares the encoders with the packages' float32 encoders; "profile" prints stopwatch
// timings of the parts (for tuning); anything else goes to BenchmarkDotNet.
return args switch
{
    ["quality"] => Quality.Run(),
    ["profile", .. var rest] => Profile.Run(rest),
    _ => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, SpeedConfig.Create()).Any(s => s.HasCriticalValidationErrors) ? 1 : 0,
};
