using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Csv;
using BenchmarkDotNet.Reports;

namespace Stance.Embeddings.Benchmarks;

/// <summary>Medians and ratios (the machines are shared and noisy), results under benchmarks/results/embeddings.</summary>
internal static class SpeedConfig
{
    public static IConfig Create() => ManualConfig.Create(DefaultConfig.Instance)
        .AddColumn(StatisticColumn.Median, StatisticColumn.P95)
        .AddExporter(MarkdownExporter.GitHub, CsvExporter.Default)
        .WithArtifactsPath(Paths.Results)
        .WithSummaryStyle(SummaryStyle.Default.WithRatioStyle(RatioStyle.Trend));
}
