using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Stance.Embeddings.Benchmarks.Baseline;

namespace Stance.Embeddings.Benchmarks;

/// <summary>
/// The managed 8-bit encoders against the path they replace, measured in the same run: ONNX
/// Runtime with 8-bit weight products (src/Stance's SentenceEmbedder, copied under Baseline/, the
/// baseline of every ratio) and the package's float32 encoder. One median-length quote on one
/// thread, and 1,000 corpus quotes on the machine's two cores (times are per quote).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class EncoderBenchmarks
{
    private const string One = "one median quote, 1 thread";
    private const string Thousand = "1,000 quotes, 2 threads (per quote)";

    private SentenceEmbedder _onnxInt8 = null!;
    private SentenceEmbedder _onnxFloat = null!;
    private TransformerEncoder _miniLm = null!;
    private TransformerEncoder _arctic = null!;
    private string[] _median = [];
    private string[] _thousand = [];
    private readonly float[] _embedding = new float[384];

    [GlobalSetup]
    public void Setup()
    {
        _onnxInt8 = new SentenceEmbedder(SentenceEmbedder.QuantizedModelName);
        _onnxFloat = new SentenceEmbedder(SentenceEmbedder.ModelName);
        _miniLm = TransformerEncoder.Load(TransformerEncoder.MiniLmL6V2);
        _arctic = TransformerEncoder.Load(TransformerEncoder.ArcticEmbedXs);
        _median = [Quotes.Median];
        _thousand = Quotes.Sample(1_000);
        _onnxInt8.Encode(_median);
        _onnxFloat.Encode(_median);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _onnxInt8.Dispose();
        _onnxFloat.Dispose();
        _miniLm.Dispose();
        _arctic.Dispose();
    }

    [BenchmarkCategory(One)]
    [Benchmark(Baseline = true, Description = "ONNX Runtime int8 (src/Stance)")]
    public float[][] OnnxInt8One() => _onnxInt8.Encode(_median);

    [BenchmarkCategory(One)]
    [Benchmark(Description = "package float32 (ONNX Runtime)")]
    public float[][] OnnxFloatOne() => _onnxFloat.Encode(_median);

    [BenchmarkCategory(One)]
    [Benchmark(Description = "managed minilm-l6-v2-int8d")]
    public float[] MiniLmOne()
    {
        _miniLm.Encode(_median[0], _embedding);
        return _embedding;
    }

    [BenchmarkCategory(One)]
    [Benchmark(Description = "managed arctic-embed-xs-int8d")]
    public float[] ArcticOne()
    {
        _arctic.Encode(_median[0], _embedding);
        return _embedding;
    }

    [BenchmarkCategory(Thousand)]
    [Benchmark(Baseline = true, Description = "ONNX Runtime int8 (src/Stance)", OperationsPerInvoke = 1_000)]
    public float[][] OnnxInt8Thousand() => _onnxInt8.Encode(_thousand);

    [BenchmarkCategory(Thousand)]
    [Benchmark(Description = "package float32 (ONNX Runtime)", OperationsPerInvoke = 1_000)]
    public float[][] OnnxFloatThousand() => _onnxFloat.Encode(_thousand);

    [BenchmarkCategory(Thousand)]
    [Benchmark(Description = "managed minilm-l6-v2-int8d", OperationsPerInvoke = 1_000)]
    public float[][] MiniLmThousand() => _miniLm.EncodeMany(_thousand, 2);

    [BenchmarkCategory(Thousand)]
    [Benchmark(Description = "managed arctic-embed-xs-int8d", OperationsPerInvoke = 1_000)]
    public float[][] ArcticThousand() => _arctic.EncodeMany(_thousand, 2);
}
