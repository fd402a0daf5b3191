using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Csv;
using BenchmarkDotNet.Reports;

namespace Stance.Benchmarks;

/// <summary>Medians and ratios (the machines are shared and noisy), results under benchmarks/results/speed.</summary>
internal static class SpeedConfig
{
    public static IConfig Create() => ManualConfig.Create(DefaultConfig.Instance)
        .AddColumn(StatisticColumn.Median, StatisticColumn.P95)
        .AddExporter(MarkdownExporter.GitHub, CsvExporter.Default)
        .WithArtifactsPath(Path.Combine(Paths.Results, "speed"))
        .WithSummaryStyle(SummaryStyle.Default.WithRatioStyle(RatioStyle.Trend))
        .WithOptions(ConfigOptions.JoinSummary);
}
