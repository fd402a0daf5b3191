using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace Stance.Benchmarks;

/// <summary>
/// Cold start as a user meets it: a fresh process (runtime start, model load, one
/// classification, exit) of benchmarks/Stance.ColdStart, against a fresh process of the same
/// program scoring with the plain ML.NET chain. Nothing is loaded in this process beforehand.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 10)]
public class ColdStartBenchmarks
{
    [Params("stance-fast.zip", "stance.zip")]
    public string Model { get; set; } = "stance-fast.zip";

    private string _program = string.Empty;
    private string _model = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        // Only paths here: loading anything would warm the caches the measurement should find cold.
        _model = Path.Combine(Paths.Root, "models", Model);
        _program = Directory.GetFiles(Path.Combine(Paths.Root, "benchmarks", "Stance.ColdStart", "bin"), "Stance.ColdStart.dll", SearchOption.AllDirectories)
            .OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
            ?? throw new FileNotFoundException("build benchmarks/Stance.ColdStart first (dotnet build -c Release benchmarks/Stance.ColdStart)");
    }

    [Benchmark(Baseline = true, Description = "fresh process: ML.NET chain load + first prediction")]
    public string MlNetProcess() => Run("mlnet");

    [Benchmark(Description = "fresh process: Stance load + first prediction")]
    public string StanceProcess() => Run("compiled");

    private string Run(string engine)
    {
        var start = new ProcessStartInfo("dotnet", [_program, _model, engine, Quotes.Median]) { RedirectStandardOutput = true, UseShellExecute = false };
        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"Stance.ColdStart exited with {process.ExitCode}");
    }
}
