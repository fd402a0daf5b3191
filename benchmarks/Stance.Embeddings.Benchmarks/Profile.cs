using System.Diagnostics;
using System.Runtime.Intrinsics;

namespace Stance.Embeddings.Benchmarks;

/// <summary>Stopwatch timings of the encoder's parts, for tuning (not a benchmark of record).</summary>
internal static unsafe class Profile
{
    public static int Run(string[] args)
    {
        if (args is ["encode"])
        {
            using TransformerEncoder minilm = TransformerEncoder.Load(TransformerEncoder.MiniLmL6V2);
            var vector = new float[384];
            var watch = Stopwatch.StartNew();
            for (int i = 0; i < 1500; i++)
            {
                minilm.Encode(Quotes.Median, vector);
            }

            Console.WriteLine($"median quote: {watch.Elapsed.TotalMilliseconds / 1500:F3} ms");
            return 0;
        }

        if (args is ["attention"])
        {
            var buffers = new Workspace(256, 256, 384, 1536);
            new Span<float>(buffers.Qkv, 40 * 1152).Fill(0.01f);
            var watch = Stopwatch.StartNew();
            for (int i = 0; i < 3000; i++)
            {
                Attention.Sequence(buffers.Qkv, 40, 384, 12, buffers.Context, false, buffers.AttentionScratch);
            }

            Console.WriteLine($"attention of 40 tokens, one layer: {watch.Elapsed.TotalMilliseconds / 3000:F3} ms");
            return 0;
        }

        string name = args.Length > 0 ? args[0] : TransformerEncoder.MiniLmL6V2;
        var load = Stopwatch.StartNew();
        using TransformerEncoder encoder = TransformerEncoder.Load(name);
        Console.WriteLine($"{name}: loaded in {load.ElapsedMilliseconds} ms, kernel {Int8Gemm.Selected}");
        BertModel model = encoder.Model;

        if (Int8Gemm.Selected == KernelKind.AvxVnni)
        {
            var a = new AlignedBuffer<byte>(4 * 384);
            var b = new AlignedBuffer<sbyte>(384 * 32);
            int* tile = stackalloc int[128];
            Time("  AvxVnni tile kernel alone, K=384, 1000 calls (12.6 GMAC per s at 1 ms)", () =>
            {
                for (int i = 0; i < 1000; i++)
                {
                    Int8Gemm.TileAvxVnni(a.Pointer, 384, b.Pointer, 96, tile);
                }
            });
        }

        foreach (int rows in new[] { 28, 128 })
        {
            Workspace workspace = model.CreateWorkspace(256);
            new Span<byte>(workspace.Codes, 256 * 1536).Fill(77);
            for (int r = 0; r < 256; r++)
            {
                workspace.RowScale[r] = 0.01f;
                workspace.RowMin[r] = -1f;
            }

            foreach (KernelKind kernel in Int8Gemm.Supported())
            {
                double macs = 0;
                var watch = Stopwatch.StartNew();
                int repeats = 0;
                while (watch.ElapsedMilliseconds < 600)
                {
                    for (int l = 0; l < model.LayerCount; l++)
                    {
                        for (int p = 0; p < 4; p++)
                        {
                            QuantizedLinear w = model.Product(l, p);
                            Int8Gemm.Multiply(kernel, w, workspace.Codes, rows, workspace.RowScale, workspace.RowMin, workspace.Intermediate, w.Outputs, Epilogue.Store);
                            macs += (double)Int8Gemm.PaddedRows(rows) * w.Inputs * w.Outputs;
                        }
                    }

                    repeats++;
                }

                Console.WriteLine($"  {rows,3} rows {kernel,-8}: {watch.Elapsed.TotalMilliseconds / repeats,7:F3} ms per model pass, {macs / watch.Elapsed.TotalSeconds / 1e9,6:F1} GMAC/s");
            }

            Time($"  {rows,3} rows quantize 6x(3x384 + 1536) per row", () =>
            {
                for (int l = 0; l < 6; l++)
                {
                    for (int r = 0; r < rows; r++)
                    {
                        for (int i = 0; i < 3; i++)
                        {
                            FloatMath.QuantizeRow(workspace.Hidden + (r * 384), 384, workspace.Codes + (r * 384), out workspace.RowScale[r], out workspace.RowMin[r]);
                        }

                        FloatMath.QuantizeRow(workspace.Intermediate + (r * 1536), 1536, workspace.Codes + (r * 1536), out workspace.RowScale[r], out workspace.RowMin[r]);
                    }
                }
            });
            float[] source = [.. Enumerable.Range(0, 1536 * 256).Select(i => (float)Math.Sin(i * 0.37) * 3f)];
            Time($"  {rows,3} rows gelu 6x1536 per row", () =>
            {
                fixed (float* s = source)
                {
                    for (int l = 0; l < 6; l++)
                    {
                        float* h = workspace.Intermediate;
                        for (int i = 0; i < rows * 1536; i += 8)
                        {
                            FloatMath.Gelu(Vector256.Load(s + i)).Store(h + i);
                        }
                    }
                }
            });
            int n = Math.Min(rows, 40);
            Time($"  attention 6 layers, one sequence of {n}", () =>
            {
                for (int l = 0; l < 6; l++)
                {
                    Attention.Sequence(workspace.Qkv, n, 384, 12, workspace.Context, false, workspace.AttentionScratch);
                }
            });
        }

        string[] quotes = Quotes.Sample(1000);
        var one = new float[encoder.Dimension];
        encoder.Encode(Quotes.Median, one);
        Time($"Encode median quote ({Quotes.Median.Split(' ').Length} words)", () => encoder.Encode(Quotes.Median, one));
        for (int pass = 0; pass < 2; pass++)
        {
            var watch = Stopwatch.StartNew();
            encoder.EncodeMany(quotes, 2);
            Console.WriteLine($"EncodeMany 1,000 quotes, 2 threads: {1000 / watch.Elapsed.TotalSeconds:F0} quotes/s");
            watch.Restart();
            encoder.EncodeMany(quotes, 1);
            Console.WriteLine($"EncodeMany 1,000 quotes, 1 thread: {1000 / watch.Elapsed.TotalSeconds:F0} quotes/s");
        }

        if (args.Contains("baseline"))
        {
            using var baseline = new Baseline.SentenceEmbedder(Baseline.SentenceEmbedder.QuantizedModelName);
            baseline.Encode([Quotes.Median]);
            Time("ONNX Runtime int8: median quote", () => baseline.Encode([Quotes.Median]));
            for (int pass = 0; pass < 2; pass++)
            {
                var watch = Stopwatch.StartNew();
                baseline.Encode(quotes);
                Console.WriteLine($"ONNX Runtime int8: 1,000 quotes, 2 threads: {1000 / watch.Elapsed.TotalSeconds:F0} quotes/s");
            }
        }

        return 0;
    }

    /// <summary>Wall time and process CPU time per call (CPU time is less disturbed by other processes on a shared machine).</summary>
    private static void Time(string what, Action action)
    {
        action();
        var watch = Stopwatch.StartNew();
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
        int repeats = 0;
        while (watch.ElapsedMilliseconds < 400)
        {
            action();
            repeats++;
        }

        double cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
        Console.WriteLine($"{what}: {watch.Elapsed.TotalMilliseconds / repeats:F3} ms wall, {cpuMs / repeats:F3} ms CPU");
    }
}
